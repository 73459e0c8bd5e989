"""The loaded-wording context model: whether a word is loaded *in this context*, beside the lexicon.

A logistic regression over the features of `lexicon.features` gives each word
of an article a probability (0–1, higher = more likely loaded wording, as the
Propaganda Techniques Corpus annotates Loaded_Language and
Name_Calling,Labeling). `decide` uses it three ways, each recorded in the
terms table's ``basis`` and ``probability`` columns:

- a packaged lexicon match of a loaded category whose probability in context
  is below the model's ``reject`` threshold stays in the table with
  ``loaded = False`` ("the failed votes"); a match from the user's own lexicon
  file is never rejected (listing a term again is how a researcher overrules
  the model);
- words outside the lexicon with a probability of at least ``seed`` become
  terms of their own (``basis = "model"``), joined with neighbours of at least
  ``grow`` into one phrase ("the most tyrannical and unprincipled papacy");
  their ``category`` is the lexicon category the model finds nearest;
- scare quotes, partial quotes and embeds stay found by structure
  (``basis = "rule"``, no probability).

The model ships as ``data/models/loaded_context.json.gz`` (see its model card
``loaded_context.md``) and is retrained by ``slant train loaded``.
"""

from __future__ import annotations

import bisect
import gzip
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import actors as actors_mod
from .. import segment
from ..data_files import packaged_path
from ..errors import SlantError
from .features import FEATURE_VERSION, WordToken, feature_maker, word_tokens
from .match import NEGATORS
from .model import OUTLET, QUOTED, Lexicon, form_key, sentence_index_at

MODEL_PATH = "models/loaded_context.json.gz"
LEXICON, MODEL, RULE = "lexicon", "model", "rule"  # the values of the terms table's ``basis``
UNCLASSIFIED = "unclassified"  # the category of a model term when the model knows no lexicon category
MODEL_NOTE = ("Not in the lexicon: the context model rates this wording loaded here "
              "(probability {probability:.2f}); nearest lexicon category: {label}.")


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
                              "seed_words": sorted(model.seed_words)},
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
                        frozenset(thresholds.get("seed_words", ())),
                        tuple(categories["names"]), {k: tuple(v) for k, v in categories["weights"].items()},
                        tuple(categories["intercepts"]), {k: int(v) for k, v in data.get("clusters", {}).items()},
                        data.get("metadata", {}))


@lru_cache(maxsize=1)
def packaged_model() -> ContextModel:
    """The model shipped with slant (read once per process)."""
    return load_model(packaged_path(MODEL_PATH))


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


def _model_runs(tokens: list[WordToken], probabilities, taken: list[bool],
                model: ContextModel, opinion: list[bool]) -> list[range]:
    """Runs of tokens: each seed (≥ ``seed``; when the model says ``opinion_seeds``, a word that is no opinion word
    must be one of ``seed_words`` and ≥ ``seed_other``) grown over neighbours (≥ ``grow``) of its sentence, none
    taken."""
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
            while (0 <= j < len(tokens) and not taken[j] and probabilities[j] >= model.grow
                   and tokens[j].sentence == tokens[i].sentence):
                keep[j] = True
                j += step
    runs, start = [], None
    for i in range(len(tokens) + 1):
        inside = i < len(tokens) and keep[i] and (start is None or tokens[i].sentence == tokens[start].sentence)
        if start is not None and not inside:
            runs.append(range(start, i))
            start = None
        if i < len(tokens) and keep[i] and start is None:
            start = i
    return runs


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
    for row in terms:
        span = _covering(tokens, ends, row["start"], row["end"])
        for i in span:
            taken[i] = True
        category = lexicon.categories.get(row["category"])
        if category is None:
            row.update(basis=RULE, probability=None)
            continue
        probability = max((probabilities[i] for i in span), default=0.0)
        row.update(basis=LEXICON, probability=round(probability, 4))
        if row["loaded"] and probability < model.reject and not _from_user(row, lexicon):
            row["loaded"] = False
    starts = [s.start for s in sentences]
    added = []
    for run in _model_runs(tokens, probabilities, taken, model, opinion):
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
        })
    return sorted(terms + added, key=lambda row: (row["start"], row["end"]))
