"""Features of each word in its context, for the loaded-wording context model (`lexicon.context`).

`article_features` turns one article (its text, sentences, lexicon matches,
quotations and attributions, as the pipeline has them) into one list of
feature strings per word token: the word and its neighbours, suffix and shape,
the lexicon categories matching it, VADER's valence and Hu & Liu's opinion
polarity of it and of its neighbours, whether it is quoted, in a paraphrase
(an indirect attribution's content) or a reporting cue, negated, in the
headline, and how opinionated its sentence and its article are; with a model's
word clusters (learned from the training texts' co-occurrences, see
`training.word_clusters`), the clusters of it and its neighbours. Features are
plain strings so that the model file stays readable JSON; the names are
stable across versions of the same `FEATURE_VERSION`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import segment
from ..data_files import load_data_file, packaged_path

FEATURE_VERSION = 2
WORD_KINDS = ("word", "acronym", "number")
STRONG_VALENCE = 1.5  # VADER's mean rating, -4 to +4: |v| ≥ 1.5 is a clearly valenced word
_STEM_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly|ness|ment|ity|ist|ism|ous|ive|al)$")  # a crude stem: one suffix off
_NEGATOR_WORDS = frozenset({"not", "no", "never", "without", "nor", "hardly", "none", "neither", "n't", "nt"})


@dataclass(frozen=True)
class WordToken:
    """A word of the article: ``text[start:end]``, its lower-case form, its sentence's index."""

    start: int
    end: int
    lower: str
    sentence: int


@lru_cache(maxsize=1)
def opinion_words() -> tuple[frozenset[str], frozenset[str]]:
    """Hu & Liu's positive and negative opinion words (``data/opinion_words.yaml``)."""
    data = load_data_file(packaged_path("opinion_words.yaml"))
    return frozenset(map(str, data["positive"])), frozenset(map(str, data["negative"]))


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """VADER's lexicon: lower-case word → mean valence (-4 most negative … +4 most positive)."""
    from ..sentiment import analyzer

    return dict(analyzer().lexicon)


def word_tokens(text: str, sentences: list[segment.Sentence]) -> list[WordToken]:
    """Words, numbers and acronyms inside sentences, in text order (links, handles and hashtags left out)."""
    starts = [s.start for s in sentences]
    found = []
    for token in segment.tokenize(text):
        if token.kind not in WORD_KINDS:
            continue
        index = bisect.bisect_right(starts, token.start) - 1
        if index >= 0 and token.start < sentences[index].end:
            found.append(WordToken(token.start, token.end, token.text.lower().replace("’", "'"), index))
    return found


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper():
        return "X" if len(word) > 1 else "Xone"
    if word[:1].isupper():
        return "Xx"
    return "x" if word.islower() else "mixed"


def _polarity(word: str, positive: frozenset[str], negative: frozenset[str], valence: dict[str, float]) -> str:
    """A coarse opinion class of one word: strong/weak, negative/positive, or none."""
    v = valence.get(word, 0.0)
    if v <= -STRONG_VALENCE:
        return "neg2"
    if v >= STRONG_VALENCE:
        return "pos2"
    if word in negative or v < 0:
        return "neg1"
    if word in positive or v > 0:
        return "pos1"
    return "0"


def _spans_index(spans: list[tuple[int, int]], tokens: list[WordToken]) -> list[bool]:
    """For each token, whether it lies inside one of ``spans``."""
    inside = [False] * len(tokens)
    starts = [t.start for t in tokens]
    for s, e in spans:
        for i in range(bisect.bisect_left(starts, s), len(tokens)):
            if tokens[i].end > e:
                break
            inside[i] = True
    return inside


def cluster_features(tokens, i: int, clusters: dict[str, int]) -> list[str]:
    """Token *i*'s word cluster, its neighbours' and the cluster with the previous word ("u": a word the clusters
    do not know, "b": the sentence's boundary)."""
    sentence = tokens[i].sentence

    def cluster(j: int) -> str:
        if 0 <= j < len(tokens) and tokens[j].sentence == sentence:
            return str(clusters.get(tokens[j].lower, "u"))
        return "b"

    here, before = cluster(i), cluster(i - 1)
    previous = tokens[i - 1].lower if before != "b" else "b"
    return ["cl=" + here, "cl-1=" + before, "cl+1=" + cluster(i + 1), "cl|w-1=" + here + "|" + previous]


def article_features(text: str, sentences: list[segment.Sentence], tokens: list[WordToken], matches: list[dict],
                     quotations: list[tuple[int, int]], attributions: list[dict],
                     clusters: dict[str, int] | None = None) -> list[list[str]]:
    """One list of feature strings per token of ``tokens`` (see the module docstring).

    ``matches``: lexicon rows (`find_loaded_terms`), any category;
    ``attributions``: attribution rows (``kind``, ``cue_start``/``cue_end``,
    ``content_start``/``content_end``, ``source_start``/``source_end``).
    """
    features_of, _ = feature_maker(text, sentences, tokens, matches, quotations, attributions, clusters)
    return [features_of(i) for i in range(len(tokens))]


def feature_maker(text: str, sentences: list[segment.Sentence], tokens: list[WordToken], matches: list[dict],
                  quotations: list[tuple[int, int]], attributions: list[dict], clusters: dict[str, int] | None = None):
    """``(features_of, opinion)``: a function giving token *i*'s features (as `article_features` does), the
    article-wide work done once, and for each token whether it is an opinion word (VADER or Hu & Liu).

    An analysis asks only for the tokens it needs (lexicon matches, opinion
    words and their neighbours), which is most of the model's speed.
    """
    positive, negative = opinion_words()
    valence = valences()
    n = len(tokens)
    words = [t.lower for t in tokens]
    polarity = [_polarity(w, positive, negative, valence) for w in words]
    starts = [t.start for t in tokens]

    categories: list[list[str]] = [[] for _ in range(n)]
    for row in matches:
        first = bisect.bisect_left(starts, row["start"])
        for i in range(first, n):
            if tokens[i].start >= row["end"]:
                break
            categories[i].append(("B" if i == first else "I") + ":" + row["category"])

    quoted = _spans_index(quotations, tokens)
    short_quote = _spans_index([q for q in quotations if segment.count_words(text[q[0]:q[1]]) <= 4], tokens)
    paraphrase = _spans_index([(a["content_start"], a["content_end"]) for a in attributions
                               if a.get("kind") == "indirect" and a.get("content_start") is not None
                               and a["content_start"] == a["content_start"]], tokens)
    cue = _spans_index([(a["cue_start"], a["cue_end"]) for a in attributions if a.get("cue_start") is not None],
                       tokens)
    source = _spans_index([(a["source_start"], a["source_end"]) for a in attributions
                           if a.get("source_start") is not None and a["source_start"] == a["source_start"]], tokens)

    # how opinionated each sentence and the article are: clearly valenced or opinion words
    opinionated = [p != "0" for p in polarity]
    per_sentence: dict[int, int] = {}
    for t, flag in zip(tokens, opinionated):
        per_sentence[t.sentence] = per_sentence.get(t.sentence, 0) + flag
    running = [0]  # running[j]: opinion words among the first j tokens
    for flag in opinionated:
        running.append(running[-1] + flag)
    rate = 100 * sum(opinionated) / max(n, 1)
    doc = "doc=" + ("0" if rate < 3 else "1" if rate < 6 else "2" if rate < 9 else "3")
    headline = sentences[0].paragraph if sentences else -1
    marks = {i: text[s.start:s.end] for i, s in enumerate(sentences)}

    def features_of(i: int) -> list[str]:
        token = tokens[i]
        w = words[i]
        raw = text[token.start:token.end]
        prev1 = words[i - 1] if i > 0 and tokens[i - 1].sentence == token.sentence else "<s>"
        prev2 = words[i - 2] if i > 1 and tokens[i - 2].sentence == token.sentence else "<s>"
        next1 = words[i + 1] if i + 1 < n and tokens[i + 1].sentence == token.sentence else "</s>"
        next2 = words[i + 2] if i + 2 < n and tokens[i + 2].sentence == token.sentence else "</s>"
        prev3 = words[i - 3] if i > 2 and tokens[i - 3].sentence == token.sentence else "<s>"
        next3 = words[i + 3] if i + 3 < n and tokens[i + 3].sentence == token.sentence else "</s>"
        shape = _shape(raw)
        first = prev1 == "<s>"
        f = ["bias", "w=" + w, "s3=" + w[-3:], "shape=" + shape + (":first" if first else ""),
             "w-1=" + prev1, "w+1=" + next1, "w-2=" + prev2, "w+2=" + next2,
             "bi-=" + prev1 + "|" + w, "bi+=" + w + "|" + next1,
             "pol=" + polarity[i], "len=" + str(min(len(w) // 3, 4)), doc, "w-3=" + prev3, "w+3=" + next3,
             "p3=" + w[:3], "stem=" + _STEM_SUFFIX.sub("", w)]
        if len(w) > 5:
            f.extend(("s4=" + w[-4:], "p5=" + w[:5]))
        if "-" in w:
            f.append("hyphen")
        f.append("pol-1=" + (polarity[i - 1] if prev1 != "<s>" else "<s>"))
        f.append("pol+1=" + (polarity[i + 1] if next1 != "</s>" else "</s>"))
        # the word with its left neighbour's opinion class, and its own class with its right neighbour's
        f.append("w|pol-1=" + w + "|" + (polarity[i - 1] if prev1 != "<s>" else "<b>"))
        f.append("pol|pol+1=" + polarity[i] + "|" + (polarity[i + 1] if next1 != "</s>" else "<b>"))
        low, high = max(i - 3, 0), min(i + 4, n)
        while tokens[low].sentence != token.sentence:
            low += 1
        while tokens[high - 1].sentence != token.sentence:
            high -= 1
        near = running[high] - running[low] - opinionated[i]
        f.append("polwin=" + str(min(near, 3)))  # opinion words within three words in its sentence
        for c in categories[i]:
            f.append("lex=" + c[2:])
            f.append("lexpos=" + c)
        if i > 0 and prev1 != "<s>":
            f.extend("lex-1=" + c[2:] for c in categories[i - 1])
        if next1 != "</s>":
            f.extend("lex+1=" + c[2:] for c in categories[i + 1])
        if quoted[i]:
            f.append("quoted:short" if short_quote[i] else "quoted")
        if paraphrase[i]:
            f.append("paraphrase")
        if cue[i]:
            f.append("cue")
        if source[i]:
            f.append("source")
        if prev1 in _NEGATOR_WORDS or prev2 in _NEGATOR_WORDS:
            f.append("negated")
        if sentences[token.sentence].paragraph == headline:
            f.append("headline")
        others = per_sentence[token.sentence] - opinionated[i]
        f.append("sent=" + str(min(others, 3)))
        sentence_text = marks[token.sentence]
        if "!" in sentence_text:
            f.append("sent:!")
        if clusters:
            f.extend(cluster_features(tokens, i, clusters))
        return f

    return features_of, [p != "0" for p in polarity]
