"""Token-level precision, recall and F1, micro-averaged over documents.

Word tokens are runs of ``\\w+``. A token is *positive* for a set of spans
when it overlaps one of them (``mode="overlap"``) or lies wholly inside one
(``mode="inside"``). Counts are summed over all documents before the ratios are
taken (micro-averaging), so long documents weigh more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

WORD_RE = re.compile(r"\w+")
Span = tuple[int, int]


@dataclass(frozen=True)
class PRF:
    """True positives, false positives, false negatives, and the ratios (NaN-free: 0 when undefined)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def word_tokens(text: str) -> list[Span]:
    """The ``\\w+`` tokens of a text as spans."""
    return [m.span() for m in WORD_RE.finditer(text)]


def positive_tokens(tokens: list[Span], spans: Iterable[Span], mode: str = "overlap") -> set[int]:
    """Indices of the tokens that are positive for ``spans`` (see module docstring)."""
    spans = sorted(spans)
    positive = set()
    for start, end in spans:
        for i, (t_start, t_end) in enumerate(tokens):
            if t_start >= end:
                break
            if mode == "overlap" and t_start < end and start < t_end:
                positive.add(i)
            elif mode == "inside" and start <= t_start and t_end <= end:
                positive.add(i)
    return positive


def score_tokens(text: str, gold: Iterable[Span], predicted: Iterable[Span], mode: str = "overlap") -> PRF:
    """Token-level counts for one document."""
    tokens = word_tokens(text)
    g = positive_tokens(tokens, gold, mode)
    p = positive_tokens(tokens, predicted, mode)
    return PRF(len(g & p), len(p - g), len(g - p))


def score_units(gold: set, predicted: set) -> PRF:
    """Counts for sets of units (e.g. sentence indices) of one document."""
    return PRF(len(gold & predicted), len(predicted - gold), len(gold - predicted))


def micro(counts: Iterable[PRF]) -> PRF:
    """Sum of per-document counts."""
    total = PRF(0, 0, 0)
    for count in counts:
        total = total + count
    return total
