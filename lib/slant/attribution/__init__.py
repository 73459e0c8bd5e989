"""Who says what, through which verb: rule-based attributions with offsets.

`find_attributions(text, sentences, actors)` returns `Attribution` records
(cue, source and content spans; speaker, speaker type, title, actor; kind
direct/indirect/mixed; register of the cue); `attributions_table` makes them
rows with columns `ATTRIBUTION_COLUMNS`. Modules: `verbs` (the cue lexicon),
`cues` (sentence rules), `nominal` (noun cues: "his criticism of"), `passive` (passive reports: "was criticized
by X for"), `phrase` (the cue's verb group), `speakers` (source phrase → speaker), `extract`
(whole article), `records` (the record and its table). Spans are
``(start, end)`` str indices: ``text[start:end]`` is the span.
"""

from .extract import find_attributions
from .records import (ATTRIBUTION_COLUMNS, KINDS, REGISTERS, SPEAKER_TYPES, Attribution, attribution_rows,
                      attributions_table)
from .speakers import load_speaker_titles
from .verbs import ReportingVerbs, load_reporting_verbs, register_of

__all__ = ["ATTRIBUTION_COLUMNS", "KINDS", "REGISTERS", "SPEAKER_TYPES", "Attribution", "ReportingVerbs",
           "attribution_rows", "attributions_table", "find_attributions", "load_reporting_verbs", "load_speaker_titles", "register_of"]
