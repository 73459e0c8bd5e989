"""Attribution records and their table.

`Attribution` is one attribution (cue, source, content spans; who speaks, for
which actor, how); `attributions_table` turns a list of them into rows with
columns `ATTRIBUTION_COLUMNS`. Spans are ``(start, end)`` str indices of the
article text; span columns are nullable ints (Int64).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..actors import Actors

ATTRIBUTION_COLUMNS = ["article_id", "attribution_index", "sentence_index", "cue_start", "cue_end", "cue",
                       "source_start", "source_end", "source", "content_start", "content_end", "content",
                       "speaker", "speaker_type", "title", "actor", "side", "kind", "register"]
REGISTERS = ("neutral", "assertive", "tentative", "distancing", "emotive", "internal_state")
SPEAKER_TYPES = ("person", "institution", "group", "vague", "writer", "embed", "unknown")
KINDS = ("direct", "indirect", "mixed")
Span = tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One attribution: cue, source and content spans; who speaks, for which actor, how."""

    cue: Span
    source: Span | None
    content: Span | None
    speaker: str | None
    speaker_type: str
    title: str | None
    actor: str | None
    kind: str
    register: str
    sentence_index: int
    # the cue as PolNeAR marks it: the verb group with auxiliaries, negation, adverbs, a control verb and
    # time/channel adjuncts ("has already strongly warned", "declined to say", "said Tuesday in a statement",
    # "railed against"); ``cue`` stays the reporting word
    cue_phrase: Span | None = None



def attribution_rows(article_id: str, text: str, attributions: list[Attribution], actors: Actors) -> list[dict]:
    """Attributions as plain dicts with the keys `ATTRIBUTION_COLUMNS` (absent spans are None)."""
    rows = []
    for i, a in enumerate(attributions):
        row = {"article_id": article_id, "attribution_index": i, "sentence_index": a.sentence_index}
        for name, span in (("cue", a.cue), ("source", a.source), ("content", a.content)):
            row[f"{name}_start"], row[f"{name}_end"] = span if span else (None, None)
            row[name] = text[span[0]:span[1]] if span else None
        row.update(speaker=a.speaker, speaker_type=a.speaker_type, title=a.title, actor=a.actor,
                   side=actors.side_of(a.actor), kind=a.kind, register=a.register)
        rows.append(row)
    return rows


def attributions_table(article_id: str, text: str, attributions: list[Attribution], actors: Actors) -> pd.DataFrame:
    """Attributions as rows with columns `ATTRIBUTION_COLUMNS`; span columns are nullable ints (Int64)."""
    table = pd.DataFrame(attribution_rows(article_id, text, attributions, actors), columns=ATTRIBUTION_COLUMNS)
    for column in ATTRIBUTION_COLUMNS:
        if column.endswith(("_start", "_end", "_index")):
            table[column] = table[column].astype("Int64")
    return table
