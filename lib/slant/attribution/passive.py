"""Passive reports: "Trump has been criticized by his rivals for …", "He was quoted as saying …".

A reporting verb's past participle after a be-form is a report whose speaker is
the agent of the by-phrase, when there is one ("was derided by Armin Laschet"),
and otherwise unnamed (PARC 3.0 and PolNeAR annotate passive cues with or
without a source). The participle is an -ed/-en form or an irregular past form
(``data/irregular_verbs.yaml``, after Quirk et al. 1985): "there are reports"
or "is state" are no passives. Spans are ``(start, end)`` str indices.
"""

from __future__ import annotations

from functools import lru_cache

from .sources import skip_left, trim
from .verbs import NAME_RUN_RE, ReportingVerbs, Span

MAX_AGENT_WORDS = 6


@lru_cache(maxsize=1)
def _irregular_forms() -> frozenset[str]:
    from ..lexicon import irregular_verbs
    return frozenset(f for forms in irregular_verbs().values() for f in forms)


def participle(form: str) -> bool:
    """True for a past-participle shape: -ed, -en, or an irregular past form ("told", "thought")."""
    return form.endswith(("ed", "en", "wn")) or form in _irregular_forms()


def is_passive(text: str, lo: int, cue: Span, verbs: ReportingVerbs) -> bool:
    """The cue is a participle right after a be-form, auxiliaries and adverbs between ("has been sharply criticized")."""
    form = text[cue[0]:cue[1]].lower()
    if " " in form or not participle(form):
        return False
    hi, passive = skip_left(text, lo, cue[0], verbs)  # skips -ly adverbs too: "is widely seen"
    return passive and hi < cue[0]


def agent(text: str, cue_end: int, end: int, verbs: ReportingVerbs) -> Span | None:
    """The by-phrase agent right after a passive cue: "criticized by some of his rivals" → "some of his rivals"."""
    m = verbs.rx["agent"].match(text, cue_end, end)
    if not m:
        return None
    span = trim(text, m.start("agent"), m.end("agent"), verbs)
    words = text[span[0]:span[1]].split() if span else []
    if not words or len(words) > MAX_AGENT_WORDS or words[-1].lower() in verbs.words("not_subject_end"):
        return None
    return span if NAME_RUN_RE.match(words[0]) or words[0].islower() else None
