"""Source labels that differ only by case or surrounding whitespace are one source.

A sources file that writes "FOX" on three rows and "fox" on the rest means one
outlet, not two; left apart, every table and chart shows a one-article
"FOX". `plan_labels` groups the spellings of a label (case-folded, stripped),
keeps the most frequent spelling of each group (ties: the first in sorted
order; surrounding whitespace removed) and maps every other spelling to it.
Each change is a `LabelMerge`, reported in one line (`merges_line`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LabelMerge:
    """One spelling (``variant``) of ``articles`` articles, read as the source ``label``."""

    variant: str
    label: str
    articles: int

    def text(self) -> str:
        """ "FOX → fox (1 article)"; a spelling with surrounding whitespace is quoted to show it."""
        shown = repr(self.variant) if self.variant != self.variant.strip() else self.variant
        return f"{shown} → {self.label} ({self.articles:,} article{'s' if self.articles != 1 else ''})"


@dataclass(frozen=True)
class LabelPlan:
    """What the reader does to source labels: ``mapping`` spelling → label (only spellings that change)."""

    mapping: dict[str, str] = field(default_factory=dict)
    merges: tuple[LabelMerge, ...] = ()

    def label(self, spelling: str) -> str:
        return self.mapping.get(spelling, spelling)


def plan_labels(counts: Counter | dict[str, int]) -> LabelPlan:
    """One label per group of spellings that differ only by case or surrounding whitespace.

    ``counts``: articles per spelling, as written. The most frequent spelling
    of a group wins (ties: the first in sorted order), without its surrounding
    whitespace. A spelling alone in its group stays as it is.
    """
    groups: dict[str, list[str]] = {}
    for spelling in sorted(counts):
        groups.setdefault(spelling.strip().casefold(), []).append(spelling)
    mapping, merges = {}, []
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        label = min(spellings, key=lambda s: (-counts[s], s)).strip()
        for spelling in spellings:
            if spelling != label:
                mapping[spelling] = label
                merges.append(LabelMerge(spelling, label, int(counts[spelling])))
    merges.sort(key=lambda m: (m.label.casefold(), m.label, m.variant))
    return LabelPlan(mapping, tuple(merges))


def merges_line(merges: tuple[LabelMerge, ...] | list[LabelMerge]) -> str:
    """The terminal's and the report's line: "merged source labels: FOX → fox (1 article), HPO → hpo (2 articles)"."""
    return "merged source labels: " + ", ".join(m.text() for m in merges) if merges else ""
