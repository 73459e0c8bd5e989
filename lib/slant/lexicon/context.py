"""The loaded-wording context model: whether a word is loaded *in this context*, beside the lexicon.

A logistic regression over the features of `lexicon.features` gives each word
of an article a probability (0–1, higher = more likely loaded wording, as the
Propaganda Techniques Corpus annotates Loaded_Language and
Name_Calling,Labeling). `decide` uses it three ways, each recorded in the
terms table's ``basis`` and ``probability`` columns:

- a packaged lexicon match of a loaded category whose probability in context
  is below the model's ``reject`` threshold, or below ``reject_known`` when the
  model has learned the word itself from its training data (and the category
  lets it: ``model_judges``), stays in the table
  with ``loaded = False`` ("the failed votes"); a match from the user's own
  lexicon file is never rejected (listing a term again is how a researcher
  overrules the model); a match that stays loaded grows over the neighbours
  the model rates at least ``grow`` ("tyrannical" → "the most tyrannical"),
  as PTC's annotators mark whole phrases;
- words outside the lexicon with a probability of at least ``seed`` become
  terms of their own (``basis = "model"``), joined with neighbours of at least
  ``grow`` into one phrase ("the most tyrannical and unprincipled papacy");
  their ``category`` is the lexicon category the model finds nearest;
- scare quotes, partial quotes and embeds stay found by structure
  (``basis = "rule"``); a scare or partial quote carries its words' highest
  probability and, below ``quote_reject``, stays in the table with
  ``loaded = False`` (the quoted technical term "back door"); a one-word
  quotation is the writer's marked choice and is not judged;
- a grown phrase does not start or end with a function word
  (``data/phrase_edges.yaml``): "is begging" stays "begging".

The model ships as ``data/models/loaded_context.json.gz`` (see its model card
``loaded_context.md``) and is retrained by ``slant train loaded``.
"""

from __future__ import annotations

import bisect
import gzip
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import actors as actors_mod
from .. import segment
from ..data_files import load_data_file, packaged_path
from ..errors import SlantError
from .features import FEATURE_VERSION, WordToken, feature_maker, word_tokens
from .match import NEGATORS
from .model import OUTLET, QUOTED, Lexicon, form_key, sentence_index_at

MODEL_PATH = "models/loaded_context.json.gz"
LEXICON, MODEL, RULE = "lexicon", "model", "rule"  # the values of the terms table's ``basis``
UNCLASSIFIED = "unclassified"  # the category of a model term when the model knows no lexicon category
MODEL_NOTE = ("Not in the lexicon: the context model rates this wording loaded here "
              "(probability {probability:.2f}); nearest lexicon category: {label}.")
GROWN_NOTE = " The context model takes “{words}” into the phrase."
JUDGED_QUOTES = ("partial_quote", "scare_quote")  # the structural terms whose words the model judges


@dataclass(frozen=True)
class ContextModel:
    """Weights of the loaded-wording model and of its nearest-category classifier, with the decision thresholds."""

    weights: dict[str, float] = field(repr=False)
    intercept: float
    seed: float  # a word at or above this probability starts a model term
    grow: float  # a neighbour at or above it joins the term
    reject: float  # a packaged lexicon match below it is not loaded in context
    opinion_seeds: bool = False  # only an opinion word (VADER or Hu & Liu) may start a model term at ``seed`` …
    seed_other: float = 1.0  # … any other word needs this probability (1: never) and to be one of ``seed_words``
    # the words, not opinion words, that came near ``seed_other`` in training: only these are rated as seeds, which
    # keeps the model from rating every word of an article (speed)
    seed_words: frozenset[str] = field(default_factory=frozenset, repr=False)
    reject_known: float = 0.0  # a packaged match of a word the model has a weight for is not loaded below this
    quote_reject: float = 0.0  # a scare or partial quote whose words all rate below this is not loaded (0: never)
    grow_lexicon: bool = False  # a loaded lexicon match grows over neighbours of at least ``grow``
    categories: tuple[str, ...] = ()  # the loaded categories the nearest-category classifier chooses among
    category_weights: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False)
    category_intercepts: tuple[float, ...] = ()
    clusters: dict[str, int] = field(default_factory=dict, repr=False)  # word → its cluster (features' ``cl=``)
    metadata: dict = field(default_factory=dict, repr=False, compare=False)

    def probabilities(self, features: list[list[str]]) -> list[float]:
        """P(loaded) of each token, from its feature strings (unknown features weigh nothing)."""
        weights, intercept = self.weights, self.intercept
        out = []
        for names in features:
            z = sum(filter(None, map(weights.get, names)), intercept)  # unknown features: None, left out
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out

    def knows(self, word: str) -> bool:
        """The model has a weight for this word itself (it saw it often enough in training to judge it)."""
        return "w=" + word in self.weights

    def nearest_category(self, names: list[str]) -> str:
        """The loaded lexicon category whose classifier scores these features highest (`UNCLASSIFIED` when the
        training data had no lexicon matches to learn categories from)."""
        if not self.categories:
            return UNCLASSIFIED
        scores = list(self.category_intercepts)
        for name in names:
            row = self.category_weights.get(name)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row)]
        return self.categories[max(range(len(scores)), key=scores.__getitem__)]


def to_json(model: ContextModel) -> bytes:
    """The model as canonical JSON bytes, gzipped without a time stamp (the same model, the same bytes)."""
    payload = {"format": "slant loaded-wording context model", "feature_version": FEATURE_VERSION,
               "metadata": model.metadata, "intercept": model.intercept,
               "thresholds": {"seed": model.seed, "grow": model.grow, "reject": model.reject,
                              "opinion_seeds": model.opinion_seeds, "seed_other": model.seed_other,
                              "seed_words": sorted(model.seed_words), "reject_known": model.reject_known,
                              "quote_reject": model.quote_reject, "grow_lexicon": model.grow_lexicon},
               "weights": model.weights,
               "categories": {"names": list(model.categories), "intercepts": list(model.category_intercepts),
                              "weights": {k: list(v) for k, v in model.category_weights.items()}},
               "clusters": model.clusters}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def load_model(path: str | Path) -> ContextModel:
    """Read a model file written by `to_json`; a file of another feature version is a `SlantError`."""
    path = Path(path)
    try:
        data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except FileNotFoundError:
        raise SlantError(f"{path}: model file not found (retrain it with: slant train loaded …)") from None
    except (OSError, ValueError) as exc:
        raise SlantError(f"{path}: not a slant context model ({exc})") from None
    if data.get("feature_version") != FEATURE_VERSION:
        raise SlantError(f"{path}: model for features version {data.get('feature_version')!r}, this slant computes "
                         f"version {FEATURE_VERSION}: retrain it with slant train loaded")
    thresholds, categories = data["thresholds"], data["categories"]
    return ContextModel({k: float(v) for k, v in data["weights"].items()}, float(data["intercept"]),
                        float(thresholds["seed"]), float(thresholds["grow"]), float(thresholds["reject"]),
                        bool(thresholds.get("opinion_seeds", False)), float(thresholds.get("seed_other", 1.0)),
                        frozenset(thresholds.get("seed_words", ())), float(thresholds.get("reject_known", 0.0)),
                        float(thresholds.get("quote_reject", 0.0)), bool(thresholds.get("grow_lexicon", False)),
                        tuple(categories["names"]), {k: tuple(v) for k, v in categories["weights"].items()},
                        tuple(categories["intercepts"]), {k: int(v) for k, v in data.get("clusters", {}).items()},
                        data.get("metadata", {}))


@lru_cache(maxsize=1)
def packaged_model() -> ContextModel:
    """The model shipped with slant (read once per process)."""
    return load_model(packaged_path(MODEL_PATH))


@lru_cache(maxsize=1)
def phrase_edge_words() -> frozenset[str]:
    """Function words a grown phrase neither starts nor ends with (``data/phrase_edges.yaml``)."""
    return frozenset(map(str, load_data_file(packaged_path("phrase_edges.yaml"))["words"]))


def _covering(tokens: list[WordToken], ends: list[int], start: int, end: int) -> range:
    """Indices of the tokens overlapping ``[start, end)`` (``ends``: the tokens' ends, in text order)."""
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(tokens) and tokens[last].start < end:
        last += 1
    return range(first, last)


def _from_user(row: dict, lexicon: Lexicon) -> bool:
    """The match is an entry of the user's own lexicon file (the user's word overrules the model)."""
    entries = lexicon.by_form.get(form_key(row["text"], True), ()) + lexicon.by_form.get(form_key(row["text"]), ())
    return any(e.from_user for e in entries if e.category == row["category"])


class _Probabilities:
    """P(loaded) of token *i*, computed on first use: an analysis needs only the lexicon matches, the opinion
    words and the neighbours of seeds, not every word."""

    def __init__(self, model: ContextModel, features_of):
        self.model, self.features_of, self.cache = model, features_of, {}

    def __getitem__(self, i: int) -> float:
        if i not in self.cache:
            self.cache[i] = self.model.probabilities([self.features_of(i)])[0]
        return self.cache[i]


PHRASE_GAP = re.compile(r"[ \t\u00a0,\-\u2010\u2011]*")  # what may stand between two words of a phrase


def _joined(text: str, tokens: list[WordToken]) -> list[bool]:
    """For each token, whether it and the next one can be words of one phrase: the same sentence, and only spaces,
    hyphens or commas between them ("a corrupt, lying politician"; no full stop, colon, bracket, dash, quotation
    mark, line break or markup: 'a "puppet" of corporations' does not grow out of its quotation)."""
    return [tokens[i].sentence == tokens[i + 1].sentence and PHRASE_GAP.fullmatch(text, tokens[i].end,
                                                                                 tokens[i + 1].start) is not None
            for i in range(len(tokens) - 1)] + [False]


def _grown(span: range, tokens: list[WordToken], probabilities, taken: list[bool], joined: list[bool],
           grow: float) -> tuple[int, int]:
    """First and last token of a loaded lexicon match grown over the neighbours (≥ ``grow``, ``joined`` to it, in
    no other term) the model takes into the phrase, without function words at its edges (`phrase_edge_words`); the
    tokens it takes are marked taken."""
    first, last = span[0], span[-1]
    while first > 0 and not taken[first - 1] and joined[first - 1] and probabilities[first - 1] >= grow:
        first -= 1
    while last + 1 < len(tokens) and not taken[last + 1] and joined[last] and probabilities[last + 1] >= grow:
        last += 1
    edges = phrase_edge_words()
    while first < span[0] and tokens[first].lower in edges:
        first += 1
    while last > span[-1] and tokens[last].lower in edges:
        last -= 1
    for i in range(first, last + 1):
        taken[i] = True
    return first, last


def _extend(text: str, row: dict, tokens: list[WordToken], first: int, last: int) -> None:
    """Set the row's span to tokens ``first``…``last`` when that is wider; its ``term`` stays the entry's, and its
    note says which words the model took in."""
    start, end = min(row["start"], tokens[first].start), max(row["end"], tokens[last].end)
    if (start, end) == (row["start"], row["end"]):
        return
    words = " … ".join(w for w in (text[start:row["start"]].strip(), text[row["end"]:end].strip()) if w)
    row.update(start=start, end=end, text=text[start:end], note=(row["note"] or "") + GROWN_NOTE.format(words=words))


def _model_runs(tokens: list[WordToken], probabilities, taken: list[bool], joined: list[bool],
                model: ContextModel, opinion: list[bool]) -> list[range]:
    """Runs of tokens: each seed (≥ ``seed``; when the model says ``opinion_seeds``, a word that is no opinion word
    must be one of ``seed_words`` and ≥ ``seed_other``) grown over neighbours (≥ ``grow``) ``joined`` to it, none
    taken, and trimmed of function words at its edges."""
    keep = [False] * len(tokens)
    for i in range(len(tokens)):
        if taken[i] or keep[i]:
            continue
        if model.opinion_seeds and not opinion[i]:
            if tokens[i].lower not in model.seed_words or probabilities[i] < model.seed_other:
                continue
        elif probabilities[i] < model.seed:
            continue
        keep[i] = True
        for step in (-1, 1):
            j = i + step
            while (0 <= j < len(tokens) and not taken[j] and joined[min(j, j - step)]
                   and probabilities[j] >= model.grow):
                keep[j] = True
                j += step
    runs, start = [], None
    for i in range(len(tokens) + 1):
        inside = i < len(tokens) and keep[i] and (start is None or joined[i - 1])
        if start is not None and not inside:
            runs.append(_trimmed(tokens, start, i, opinion))
            start = None
        if i < len(tokens) and keep[i] and start is None:
            start = i
    return runs


def _trimmed(tokens: list[WordToken], start: int, stop: int, opinion: list[bool]) -> range:
    """Tokens ``start``…``stop - 1`` without the function words (`phrase_edge_words`, not opinion words) at their
    edges: "increasingly exhausted and" → "increasingly exhausted"."""
    edges = phrase_edge_words()
    while stop - start > 1 and tokens[start].lower in edges and not opinion[start]:
        start += 1
    while stop - start > 1 and tokens[stop - 1].lower in edges and not opinion[stop - 1]:
        stop -= 1
    return range(start, stop)


def decide(text: str, sentences: list[segment.Sentence], terms: list[dict], quotations: list[tuple[int, int]],
           attributions: list[dict], mentions: list, lexicon: Lexicon, model: ContextModel) -> list[dict]:
    """The terms with ``basis`` and ``probability`` set, rejected matches unloaded, and the model's own terms added.

    ``terms``: lexicon rows (`find_loaded_terms`) and structural rows
    (`find_quote_terms`, `find_social_embeds`) of one article, as dicts of
    TERM_COLUMNS; rows of categories the lexicon does not know (the structural
    ones) are the rules'.
    """
    tokens = word_tokens(text, sentences)
    matches = [t for t in terms if t["category"] in lexicon.categories]
    features_of, opinion = feature_maker(text, sentences, tokens, matches, quotations, attributions,
                                         model.clusters)
    probabilities = _Probabilities(model, features_of)
    taken = [False] * len(tokens)
    ends = [t.end for t in tokens]
    spans = [_covering(tokens, ends, row["start"], row["end"]) for row in terms]
    # an actor's name is what a term is aimed at, not its wording: no phrase grows over it ("US-led", not
    # "US-led NATO")
    for span in spans + [_covering(tokens, ends, m.start, m.end) for m in mentions]:
        for i in span:
            taken[i] = True
    joined = _joined(text, tokens)
    grown: dict[tuple[int, int], tuple[int, int]] = {}  # a match's span → its grown span (one word, several rows)
    for row, span in zip(terms, spans):
        category = lexicon.categories.get(row["category"])
        if category is None:
            row.update(basis=RULE, probability=None)
            if row["category"] in JUDGED_QUOTES and row["loaded"] and model.quote_reject > 0 and len(span) > 1:
                probability = max((probabilities[i] for i in span), default=0.0)
                row.update(probability=round(probability, 4), loaded=probability >= model.quote_reject)
            continue
        probability = max((probabilities[i] for i in span), default=0.0)
        row.update(basis=LEXICON, probability=round(probability, 4))
        if not row["loaded"] or _from_user(row, lexicon):
            continue
        known = category.model_judges and any(model.knows(tokens[i].lower) for i in span)
        if probability < model.reject or (known and probability < model.reject_known):
            row["loaded"] = False
        elif model.grow_lexicon and span:
            key = (row["start"], row["end"])
            if key not in grown:
                grown[key] = _grown(span, tokens, probabilities, taken, joined, model.grow)
            _extend(text, row, tokens, *grown[key])
    starts = [s.start for s in sentences]
    added = []
    for run in _model_runs(tokens, probabilities, taken, joined, model, opinion):
        start, end = tokens[run[0]].start, tokens[run[-1]].end
        index = sentence_index_at(starts, sentences, start)
        sentence = sentences[index]
        head = max(run, key=probabilities.__getitem__)
        probability = round(probabilities[head], 4)
        category = model.nearest_category(features_of(head))
        label = lexicon.categories[category].label if category in lexicon.categories else category
        in_quote = any(s <= start and end <= e for s, e in quotations)
        added.append({
            "sentence_index": index, "start": start, "end": end, "text": text[start:end],
            "term": " ".join(text[start:end].lower().replace("’", "'").split()), "category": category,
            "loaded": True, "basis": MODEL, "probability": probability,
            "note": MODEL_NOTE.format(probability=probability, label=label),
            "group": None, "variant": None, "in_quote": in_quote,
            "voice": segment.EMBED if sentence.voice == segment.EMBED else (QUOTED if in_quote else OUTLET),
            "negated": bool(NEGATORS.search(text, max(sentence.start, start - 40), start)),
            "target": actors_mod.target_of(start, end, mentions, (sentence.start, sentence.end), text),
            "matched": text[start:end],
        })
    return sorted(terms + added, key=lambda row: (row["start"], row["end"]))
