"""Survey cues: a poll reports its findings through "in" ("Clinton led Sanders 2-1 in an NBC News poll",
"In a Fox poll, Cruz had 38 percent support").

The preposition is the cue and the poll the source (PolNeAR annotates such polls as sources: the figures are
the poll's, not the outlet's). Only a named poll counts: a phrase ending in a survey noun (``survey_heads`` in
``data/reporting_verbs.yaml``) with a capitalised sponsor in it. "He rose in the polls" (a horse-race idiom)
and "voters in the poll" (a poll named before) are not cues. Spans are ``(start, end)``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import segment
from .verbs import ReportingVerbs, Span, alternation

MAX_SURVEY_WORDS = 10  # determiner, sponsors and date before the head: "a September Washington Post-ABC News poll"


@lru_cache(maxsize=8)
def _survey_rx(heads: tuple[str, ...], breaks: tuple[str, ...]) -> re.Pattern:
    # "in" + at most MAX_SURVEY_WORDS words ending in a survey noun; none opens a clause or is a verb
    # ("in three of nine primaries where exit polls were conducted" names no poll)
    stop = alternation(breaks)
    word = rf"(?!(?:{stop})\s)[\w’'./&-]+\s+"
    return re.compile(rf"(?<![\w’'-])(?P<cue>[Ii]n)\s+(?P<source>(?:{word}){{0,{MAX_SURVEY_WORDS}}}?"
                      rf"(?:{alternation(heads) or '(?!)'}))(?![\w’'-])")


def survey_cues(text: str, sentence: segment.Sentence, verbs: ReportingVerbs) -> list[tuple[Span, Span]]:
    """(cue "in", source phrase) for each survey named after "in" in the sentence."""
    breaks = verbs.words("clause_openers") | verbs.words("survey_name_breaks")
    rx = _survey_rx(tuple(sorted(verbs.words("survey_heads"))), tuple(sorted(breaks)))
    return [(m.span("cue"), m.span("source")) for m in rx.finditer(text, sentence.start, sentence.end)
            if re.search(r"(?<![\w’'-])[A-Z]", m["source"])]  # a named poll: "in the polls" is a horse race idiom
