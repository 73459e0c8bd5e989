"""Nominal cues: a reporting or stance noun with a possessive source ("Trump’s criticism of X", "her
support for Y", "in Bolton’s view").

A nominalised report keeps its speaker as the possessor (Biber et al. 1999: nouns taking that- and
of-complements; PARC and PolNeAR annotate them as cues). The noun counts only with its complement
("of", "for", "that"…) or in "in X's view", so "his support among evangelicals" is not a cue. Nouns
and their registers are ``nominals`` in ``data/reporting_verbs.yaml``. Spans are ``(start, end)``.
"""

from __future__ import annotations

import re

from .. import segment
from .verbs import NAME_RUN_RE, ReportingVerbs, Span, cue_key

POSSESSOR_WINDOW = 80  # characters looked at before a noun: a possessor and one modifier
# the possessor right before the noun, with at most one modifier between ("his previous criticism")
POSSESSOR = re.compile(rf"(?<![\w’'-])(?P<source>(?i:his|her|their|its|our)|(?:{NAME_RUN_RE.pattern})(?<=['’]s)"
                       rf"|(?:{NAME_RUN_RE.pattern})(?<=s['’])|(?i:the)\s+[a-z][\w’'-]*(?<=['’]s))\s+(?P<mod>[a-z][\w-]*\s+)?$")


def nominal_cues(text: str, sentence: segment.Sentence, verbs: ReportingVerbs) -> list[tuple[Span, Span, int]]:
    """(cue noun, possessor source, start of the cue phrase) for each nominal cue of the sentence."""
    found = []
    for m in verbs.rx["nominal"].finditer(text, sentence.start, sentence.end):
        lo = max(sentence.start, m.start() - POSSESSOR_WINDOW)
        poss = POSSESSOR.search(text[lo:m.start()])
        if not poss:
            continue
        source = (lo + poss.start("source"), lo + poss.end("source"))
        # a capitalised sentence opener is not part of the name: "In Bolton's view"
        while ((w := re.match(r"(\w+)\s+(?=[A-Z])", text[source[0]:source[1]]))
               and w[1].lower() in verbs.words("not_subject_end")):
            source = (source[0] + w.end(), source[1])
        # "in Bolton's view": a stance noun needs no complement after "in" (a stance adverbial, Biber et al. 1999);
        # "In his statement, Sanders said" is the channel of "said", not a cue
        in_view = (verbs.nominals.get(cue_key(m["noun"])) == "internal_state"
                   and re.search(r"(?<![\w’'-])in\s+$", text[max(0, source[0] - 4):source[0]], re.I))
        if not (m["comp"] or in_view):
            continue
        mod = poss["mod"]
        if mod and mod.strip().lower() in verbs.words("not_subject_end"):
            continue
        start = lo + (poss.start("mod") if mod else m.start() - lo)
        found.append(((m.start(), m.end("noun")), source, start))
    return found
