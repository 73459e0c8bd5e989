"""The attribution tagger: a linear-chain CRF over each paragraph's tokens.

`load_model()` opens the model shipped in ``data/models/attribution.crfsuite``
(trained on PolNeAR by ``slant train attribution``; see its model card
``attribution.md``) with its settings ``attribution.json``. `AttributionModel.tag`
labels every token cue, source, content or outside (BIO tags, `features.LABELS`)
and returns the role spans with the model's probability (the mean marginal of
the role over the span's tokens, 0–1). A token the Viterbi path leaves outside
is still a cue when the model gives its cue tags at least ``cue_threshold``
(PolNeAR's cue vocabulary is a long tail: the most likely path misses many rare
cues the model half-believes), and an outside token a source from
``src_threshold`` (both chosen on the development part as a whole). Nothing is
downloaded: the model is package data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import segment
from ..data_files import packaged_path
from ..errors import SlantError
from .features import OUTSIDE, Paragraph, WordFeatures, paragraph_features, paragraphs, token_roles
from .verbs import ReportingVerbs, default_verbs

MODEL_NAME = "attribution"
FEATURE_VERSION = 3  # bumped whenever features.py changes what a token's features are: a model must match it


@dataclass(frozen=True)
class RoleSpan:
    """A span the tagger labelled: role (CUE, SRC, CON), offsets, probability 0–1, and where it lies.

    ``paragraph`` indexes the tagged paragraphs; ``first``/``last`` are token indices in that paragraph.
    """

    role: str
    start: int
    end: int
    probability: float
    paragraph: int
    first: int
    last: int


@dataclass(frozen=True)
class ModelSettings:
    """How the model was trained and is decoded (``attribution.json``)."""

    feature_version: int
    cue_threshold: float
    src_threshold: float
    c1: float
    c2: float
    max_iterations: int

    @classmethod
    def read(cls, path: Path) -> "ModelSettings":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data or k != "src_threshold"},
                       **({} if "src_threshold" in data else {"src_threshold": 1.0}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SlantError(f"{path}: not an attribution model's settings ({exc})") from None


def rule_roles(found) -> list[tuple[str, int, int]]:
    """Role spans of the rule extractor's candidates (`extract.Candidate`: whole cue, source, content)."""
    spans = []
    for a in found:
        spans.append(("CUE", *a.phrase))
        if a.source:
            spans.append(("SRC", *a.source))
        if a.content:
            spans.append(("CON", *a.content))
    return spans


def article_features(text: str, sentences: list[segment.Sentence], rule_attributions, words: WordFeatures
                     ) -> list[tuple[Paragraph, list[list[str]]]]:
    """Each outlet paragraph's tokens with their features (the rules' univocal attributions as features)."""
    quotes = segment.quotations(text)
    rules = sorted(rule_roles(rule_attributions), key=lambda s: s[1])
    found = []
    for p in paragraphs(text, sentences):
        # only the spans that reach into the paragraph label its tokens (the others would label none)
        inside = [s for s in rules if s[1] < p.ends[-1] and p.starts[0] < s[2]] if p.words else []
        found.append((p, paragraph_features(text, p, words, quotes, token_roles(p, inside))))
    return found


class AttributionModel:
    """A trained tagger and its settings; `tag` is the one call (not thread-safe: one per process)."""

    def __init__(self, path: str | Path, verbs: ReportingVerbs | None = None):
        import pycrfsuite

        self.path = Path(path)
        self.settings = ModelSettings.read(self.path.with_suffix(".json"))
        if self.settings.feature_version != FEATURE_VERSION:
            raise SlantError(f"{self.path}: trained with features v{self.settings.feature_version}, this slant "
                             f"computes v{FEATURE_VERSION}: retrain it with 'slant train attribution'")
        self.tagger = pycrfsuite.Tagger()
        try:
            self.tagger.open(str(self.path))
        except (OSError, ValueError) as exc:
            raise SlantError(f"{self.path}: cannot open the attribution model ({exc})") from None
        # only the attributes the model weighs are worth computing (the others change no tag)
        known = frozenset(attribute for attribute, _ in self.tagger.info().state_features)
        self.words = WordFeatures(verbs or default_verbs(), known)
        known = set(self.tagger.labels())  # a small model may lack a tag (no cue of two words: no I-CUE)
        self.cue_tags = [label for label in ("B-CUE", "I-CUE") if label in known]
        self.source_tags = [label for label in ("B-SRC", "I-SRC") if label in known]

    def labels(self, features: list[list[str]]) -> tuple[list[str], list[float]]:
        """BIO label of each token and, for cue tokens, the probability of the cue tags (threshold decoding of
        cues, see the module docstring); other tokens get probability 1."""
        tagger = self.tagger
        labels = list(tagger.tag(features))
        threshold = self.settings.cue_threshold
        source = self.settings.src_threshold
        # an outside token whose other tags together fall short of both thresholds stays outside: one marginal
        # instead of four for most tokens (the margin keeps rounding from changing any tag)
        certain = 1.0 - min(threshold, source) + 1e-9
        probabilities = [1.0] * len(labels)
        previous = OUTSIDE
        marginal, cue_tags, source_tags = tagger.marginal, self.cue_tags, self.source_tags  # the hot loop's names
        for i, label in enumerate(labels):
            if label == OUTSIDE and marginal(OUTSIDE, i) > certain:
                previous = OUTSIDE
                continue
            cue = 0.0
            for tag in cue_tags:
                cue += marginal(tag, i)
            if cue >= threshold:
                if not label.endswith("CUE"):
                    labels[i] = "I-CUE" if previous.endswith("CUE") else "B-CUE"
                probabilities[i] = cue
            elif label == OUTSIDE and sum(marginal(tag, i) for tag in source_tags) >= source:
                labels[i] = "I-SRC" if previous.endswith("SRC") else "B-SRC"
            elif label.endswith("CUE"):
                probabilities[i] = cue
            previous = labels[i]
        return labels, probabilities

    def tag(self, text: str, sentences: list[segment.Sentence], rule_attributions
            ) -> tuple[list[Paragraph], list[RoleSpan]]:
        """The tagged paragraphs and the role spans found in them, in text order."""
        tagged, spans = [], []
        for number, (paragraph, features) in enumerate(article_features(text, sentences, rule_attributions,
                                                                         self.words)):
            tagged.append(paragraph)
            labels, probabilities = self.labels(features)
            spans += role_spans(paragraph, labels, probabilities, number)
        return tagged, spans


def role_spans(paragraph: Paragraph, labels: list[str], probabilities: list[float], number: int) -> list[RoleSpan]:
    """Runs of one role: a B tag opens a new span (except for cues: a cue is one run of cue tags)."""
    runs: list[list] = []  # [role, first, last]
    for i, label in enumerate(labels):
        if label == OUTSIDE:
            continue
        begin, role = label.split("-")
        if (begin == "B" and role != "CUE") or not runs or runs[-1][0] != role or runs[-1][2] != i - 1:
            runs.append([role, i, i])
        else:
            runs[-1][2] = i
    return [RoleSpan(role, paragraph.starts[first], paragraph.ends[last],
                     sum(probabilities[first:last + 1]) / (last - first + 1), number, first, last)
            for role, first, last in runs]


def packaged_model_path() -> Path:
    return packaged_path(f"models/{MODEL_NAME}.crfsuite")


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> AttributionModel:
    """The shipped attribution model (or the one at ``path``), opened once per process."""
    target = Path(path) if path else packaged_model_path()
    if not target.is_file():
        raise SlantError(f"{target}: no attribution model there (train one with 'slant train attribution')")
    return AttributionModel(target)
