"""Attribution records and their table.

`Attribution` is one attribution (cue, source, content spans; who speaks, for
which actor, how); `attributions_table` turns a list of them into rows with
columns `ATTRIBUTION_COLUMNS`. Spans are ``(start, end)`` str indices of the
article text; span columns are nullable ints (Int64).

Two spans name the cue: ``cue`` is the reporting word or phrase ("warned",
"according to") and ``cue_phrase`` the whole cue as PolNeAR marks it, with
auxiliaries, negation, adverbs and adjuncts ("has already strongly warned",
"said Tuesday in a statement"). The JSON records of `slant analyze` call the
whole cue ``cue`` and the reporting word ``verb`` (see `pipeline.article_records`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..actors import Actors

Span = tuple[int, int]
ATTRIBUTION_COLUMNS = ["article_id", "attribution_index", "sentence_index", "cue_start", "cue_end", "cue",
                       "source_start", "source_end", "source", "content_start", "content_end", "content",
                       "content_more_start", "content_more_end", "speaker", "speaker_type", "title", "actor", "side",
                       "kind", "register",
                       "cue_phrase_start", "cue_phrase_end", "cue_phrase", "negated", "nested", "basis", "probability"]
REGISTERS = ("neutral", "assertive", "tentative", "distancing", "emotive", "internal_state")
SPEAKER_TYPES = ("person", "institution", "group", "vague", "writer", "embed", "unknown")
KINDS = ("direct", "indirect", "mixed")
BASES = ("rules", "model")  # what found the cue: the rule extractor, or the tagger (with its probability)


@dataclass(frozen=True)
class Speaker:
    """Who a source phrase names: the speaker as written in full, its type (`SPEAKER_TYPES`), title and actor."""

    name: str | None = None
    type: str = "unknown"
    title: str | None = None
    actor: str | None = None


NO_SPEAKER = Speaker()


@dataclass(frozen=True, kw_only=True)
class Attribution:
    """One attribution: cue, source, content spans; who speaks, for which actor, how.

    ``negated``: the cue is negated ("did not say", "has never asked"): a speech act that did not happen,
    left out of share-of-voice counts (`compare.outlet_sourcing`). ``more_content``: the content's further
    pieces when the cue splits it ("“We will rebuild,” the mayor said, “and soon.”"): one statement. ``nested``: the cue lies inside another attribution's content
    ("Sanders said Clinton claimed …"): kept for readers, left out when scoring against univocal PolNeAR.
    ``probability``: the tagger's mean probability of the cue's tokens (0–1; None when the rules found it).
    """

    cue: Span
    source: Span | None
    content: Span | None
    speaker: Speaker = NO_SPEAKER
    kind: str
    register: str
    sentence_index: int
    cue_phrase: Span | None = None
    negated: bool = False
    nested: bool = False
    basis: str = "rules"
    probability: float | None = None
    more_content: tuple[Span, ...] = ()

    @property
    def pieces(self) -> tuple[Span, ...]:
        """Every piece of the content, in text order (none without content)."""
        return ((self.content,) if self.content else ()) + self.more_content


def attribution_rows(article_id: str, text: str, attributions: list[Attribution], actors: Actors) -> list[dict]:
    """Attributions as plain dicts with the keys `ATTRIBUTION_COLUMNS` (absent spans are None)."""
    rows = []
    for i, a in enumerate(attributions):
        row = {"article_id": article_id, "attribution_index": i, "sentence_index": a.sentence_index}
        more = (a.more_content[0][0], a.more_content[-1][1]) if a.more_content else None
        for name, span in (("cue", a.cue), ("source", a.source), ("content", a.content), ("content_more", more),
                           ("cue_phrase", a.cue_phrase or a.cue)):
            row[f"{name}_start"], row[f"{name}_end"] = span if span else (None, None)
            row[name] = text[span[0]:span[1]] if span else None
        row.pop("content_more")  # its words are in ``content``, after " … "
        if a.more_content:
            row["content"] = " … ".join(text[s:e] for s, e in a.pieces)
        row.update(speaker=a.speaker.name, speaker_type=a.speaker.type, title=a.speaker.title,
                   actor=a.speaker.actor, side=actors.side_of(a.speaker.actor), kind=a.kind, register=a.register,
                   negated=a.negated, nested=a.nested, basis=a.basis, probability=a.probability)
        rows.append(row)
    return rows


def attributions_table(article_id: str, text: str, attributions: list[Attribution], actors: Actors) -> pd.DataFrame:
    """Attributions as rows with columns `ATTRIBUTION_COLUMNS`; span columns are nullable ints (Int64)."""
    table = pd.DataFrame(attribution_rows(article_id, text, attributions, actors), columns=ATTRIBUTION_COLUMNS)
    return typed(table)


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """Span and index columns as nullable ints, flags as booleans, the probability as a float (in place)."""
    for column in table.columns:
        if column.endswith(("_start", "_end", "_index")):
            table[column] = table[column].astype("Int64")
    for column in ("negated", "nested"):
        if column in table:
            table[column] = table[column].astype(bool)
    if "probability" in table:
        table["probability"] = table["probability"].astype(float)
    return table
