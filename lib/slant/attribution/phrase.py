"""The cue phrase: a cue widened to the verb group PolNeAR marks as the cue.

PolNeAR's cue is the lexical material that signals the attribution: the verb
with its auxiliaries, negation and adverbs ("has already strongly warned",
"doesn't want"), a control verb before it ("declined to say"), and after it
time and channel adjuncts, listeners and the preposition that introduces the
reported matter ("said Tuesday in a statement", "told reporters", "railed
against"). Word lists are the ``cue_*`` and ``control_verbs`` grammar lists of
``data/reporting_verbs.yaml``. Spans are ``(start, end)`` str indices.
"""

from __future__ import annotations

from .. import segment
from .cues import Draft, Mode
from .sources import PARTICIPLE, skip_left
from .verbs import ReportingVerbs, Span


def _left(text: str, lo: int, start: int, verbs: ReportingVerbs) -> int:
    """Start of the verb group ending at ``start``: auxiliaries, contractions and adverbs before it."""
    while True:
        hi, _ = skip_left(text, lo, start, verbs)
        if m := verbs.rx["phrase_left"].search(text, max(lo, hi - 30), hi):
            hi = m.start()
        if hi == start or not text[hi:start].strip():
            return start
        start = hi + len(text[hi:start]) - len(text[hi:start].lstrip())


def cue_phrase(text: str, sentence: segment.Sentence, draft: Draft, verbs: ReportingVerbs) -> Span:
    """The cue with its verb group: see the module docstring."""
    start = draft.lead if draft.lead is not None else draft.cue[0]
    source = draft.source
    if draft.mode == Mode.PASSIVE:  # the agent follows the cue: the be-form before it is the cue's
        start = _left(text, sentence.start, start, verbs)
    elif draft.mode == Mode.BEFORE and (source is None or source != PARTICIPLE and source[1] <= start):
        start = _left(text, max(sentence.start, source[1] if source else 0), start, verbs)
    end = draft.cue[1]
    if draft.mode in (Mode.BEFORE, Mode.INVERTED, Mode.PASSIVE):
        end = verbs.rx["phrase_after"].match(text, end, sentence.end).end()
    if source and source != PARTICIPLE and source[0] >= draft.cue[1]:  # "…, said Tuesday David Gilbert"
        end = max(draft.cue[1], min(end, source[0]))
    return start, end
