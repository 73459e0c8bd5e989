"""Who says what, through which verb: attributions with offsets, by a trained tagger and rules.

`find_attributions(text, sentences, actors, model=None)` returns `Attribution`
records (cue, source and content spans; speaker with type, title and actor;
kind direct/indirect/mixed; register of the cue; negated; nested); with
``model=load_model()`` the tagger trained on PolNeAR finds the spans and the
rules group them, without it the rules alone decide. `attributions_table`
makes them rows with columns `ATTRIBUTION_COLUMNS`.

Modules: `verbs` (the cue lexicon), `cues` (sentence rules), `nominal` (noun
cues: "his criticism of"), `passive` (passive reports: "was criticized by X
for"), `surveys` ("in an NBC poll"), `phrase` (the cue's verb group), `sources`
(a cue's source phrase), `speakers` (source phrase → speaker), `extract` (the
whole article), `features` and `model` (the tagger), `learned` (grouping the
tagger's spans), `training` (``slant train attribution``), `records` (the
record and its table). Spans are ``(start, end)`` str indices:
``text[start:end]`` is the span.
"""

from .extract import find_attributions
from .model import AttributionModel, load_model
from .records import (ATTRIBUTION_COLUMNS, BASES, KINDS, REGISTERS, SPEAKER_TYPES, Attribution, Speaker,
                      attribution_rows, attributions_table)
from .speakers import load_speaker_titles
from .verbs import ReportingVerbs, load_reporting_verbs, register_of

__all__ = ["ATTRIBUTION_COLUMNS", "BASES", "KINDS", "REGISTERS", "SPEAKER_TYPES", "Attribution", "AttributionModel",
           "ReportingVerbs", "Speaker", "attribution_rows", "attributions_table", "find_attributions", "load_model",
           "load_reporting_verbs", "load_speaker_titles", "register_of"]
