"""Attributions from the tagger's spans, grouped with the help of the rules.

`combine` turns the role spans the tagger finds (`model.AttributionModel.tag`)
into candidates: every cue span is one attribution. A tagged source never runs
on into a subordinate clause (it is cut before ", as …"). A cue's source and
content are found in this order:

- where a rule attribution's cue overlaps the tagged cue and runs on past its
  end, the cue takes the rule's trailing words ("said" + "in a statement": the
  rules know PolNeAR's channel and time extents; dev part: cue token F1 +0.004);
  the rules also know the grammar (the subject of a participle is the main clause's, "who" stands for
  its antecedent, "according to" takes the phrase after it): the tagged source
  span overlapping the rule's source gives the extent, else the rule's source
  is kept; the rule's content is kept when no tagged content belongs to the cue;
- otherwise the nearest tagged source in the cue's sentence, with no other cue
  between them (a relative pronoun separated from the cue by its own clause
  stands for its antecedent: "Crawford, who recalled …, said"); failing that,
  the subject the grammar finds (`sources.subject_of`), when it is a head of at
  most `FALLBACK_SUBJECT_WORDS` words;
- each tagged content belongs to the nearest cue of its paragraph with no other
  cue between them (a quotation continuing after “…,” he said, is his).

Rule attributions whose cue no tagged cue overlaps are dropped, except those
nested inside a tagged content ("Sanders said Clinton claimed …": PolNeAR
leaves nested reports unannotated; slant keeps them, flagged ``nested``).
Spans are ``(start, end)`` str indices.
"""

from __future__ import annotations

import re

from .. import segment
from .extract import Candidate, kind_of, univocal
from .model import AttributionModel, RoleSpan
from .records import Span
from .sources import RELATIVE, antecedent, subject_of, trim
from .verbs import ReportingVerbs


# a subject the grammar finds for a cue the tagger gave no source: at most this many words (its head), since
# longer ones are mostly wrong and cost source precision (dev part: source accuracy 0.919 → 0.944 with the
# fallback, source token F1 0.740 → 0.725 with whole subjects, 0.740 with two words)
FALLBACK_SUBJECT_WORDS = 2
# a noun cue right after these heads a concessive phrase, which frames its object in the outlet's voice
CONCESSIVE = frozenset({"despite", "amid", "notwithstanding"})


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _between(cues: list[RoleSpan], cue: RoleSpan, lo: int, hi: int) -> bool:
    """True when another cue of the paragraph starts strictly between token indices ``lo`` and ``hi``."""
    return any(other is not cue and lo < other.first < hi for other in cues)


def _distance(span: RoleSpan, cue: RoleSpan) -> tuple[int, int, int]:
    """Tokens between a span and a cue, and the token range between them (for `_between`)."""
    if span.last < cue.first:
        return cue.first - span.last, span.last, cue.first
    return span.first - cue.last, cue.last, span.first


def _nearest(spans: list[RoleSpan], cue: RoleSpan, cues: list[RoleSpan]) -> RoleSpan | None:
    best, best_distance = None, None
    for span in spans:
        distance, lo, hi = _distance(span, cue)
        if not _between(cues, cue, lo, hi) and (best_distance is None or distance < best_distance):
            best, best_distance = span, distance
    return best


def verb_of(text: str, phrase: Span, verbs: ReportingVerbs) -> Span:
    """The reporting word of a whole cue: its first listed cue form ("said" of "said in a statement"),
    else its last word that is no preposition or determiner ("proud" of "was especially proud of")."""
    m = verbs.rx["cue"].search(text, phrase[0], phrase[1])
    if m and m.end() <= phrase[1]:
        return m.span()
    skip = verbs.words("cue_prepositions") | verbs.words("not_subject_end") | verbs.words("auxiliaries")
    words = [w for w in re.finditer(r"[\w’'-]+", text[phrase[0]:phrase[1]])]
    for w in reversed(words):
        if w.group().lower() not in skip:
            return phrase[0] + w.start(), phrase[0] + w.end()
    return phrase


def combine(text: str, sentences: list[segment.Sentence], rules: list[Candidate], model: AttributionModel,
            verbs: ReportingVerbs) -> list[Candidate]:
    """The tagger's attributions, grouped as the module docstring says, with the nested rule attributions."""
    paragraphs, spans = model.tag(text, sentences, univocal(rules))
    spans = _split_sources(paragraphs, spans, verbs)
    quotes = segment.quotations(text)
    by_paragraph: dict[int, list[RoleSpan]] = {}
    for span in spans:
        by_paragraph.setdefault(span.paragraph, []).append(span)
    found: list[Candidate] = []
    for number, tagged in sorted(by_paragraph.items()):
        paragraph = paragraphs[number]
        lo, hi = paragraph.starts[0], paragraph.ends[-1]
        near = [r for r in rules if r.phrase[0] < hi and lo < r.phrase[1]]  # the paragraph's rule candidates
        cues = [s for s in tagged if s.role == "CUE"]
        sources = [s for s in tagged if s.role == "SRC"]
        owned: dict[int, list[RoleSpan]] = {}
        for content in (s for s in tagged if s.role == "CON"):
            if (cue := _owner(content, cues)) is not None:
                owned.setdefault(id(cue), []).append(content)
        for cue in cues:
            phrase = (cue.start, cue.end)
            rule = max((r for r in near if _overlap(r.phrase, phrase) > 0),
                       key=lambda r: _overlap(r.phrase, phrase), default=None)
            if rule is not None and rule.phrase[1] > phrase[1]:
                phrase = (phrase[0], rule.phrase[1])  # the rules' trailing cue words ("said | in a statement")
            source, who = None, None
            if rule is not None and rule.source:
                tagged_sources = [s for s in sources if _overlap((s.start, s.end), rule.source) > 0]
                who = rule.who  # "who" of "X, who said": the rules know its antecedent
                if tagged_sources:
                    best = min(tagged_sources, key=lambda s: abs(s.first - cue.first))
                    source = (best.start, best.end)
                else:
                    source = rule.source
            else:
                same = [s for s in sources if paragraph.sentence_of[s.first] == paragraph.sentence_of[cue.first]]
                if (best := _nearest(same, cue, cues)) is not None:
                    source = (best.start, best.end)
                    if RELATIVE.fullmatch(text[best.start:best.end]) and best.last < cue.first and \
                            re.search(r"\w", text[best.end:cue.start]):  # "Crawford, who recalled …, said": Crawford
                        source = antecedent(text, sentences[paragraph.sentence_of[cue.first]].start, best.start, verbs)
                if source is None:  # the tagger saw no source: the grammar of the sentence may still give it
                    sentence = sentences[paragraph.sentence_of[cue.first]]
                    source = subject_of(text, sentence, phrase, verbs)
                    if source and len(text[source[0]:source[1]].split()) > FALLBACK_SUBJECT_WORDS:
                        source = None
            contents = [(s.start, s.end) for s in owned.get(id(cue), [])]
            if not contents and rule is not None and rule.content:
                contents = [rule.content]
            if cue.first and paragraph.words[cue.first - 1].lower() in CONCESSIVE:
                contents = []  # "Despite concerns about X": the outlet's framing of X, not someone's report of it
            verb = rule.cue if rule is not None and _overlap(rule.cue, phrase) == rule.cue[1] - rule.cue[0] \
                else verb_of(text, phrase, verbs)
            sentence = paragraph.sentence_of[cue.first]
            if source is not None:
                source = trim(text, *source, verbs, tail=False) or source  # "Seth G. Jones, …, " keeps no comma (dev: same)
            contents = sorted(contents)  # a quotation split by its cue is one attribution, its content in pieces
            kinds = {rule.kind if rule is not None and content == rule.content else kind_of(content, quotes)
                     for content in contents or [None]}
            found.append(Candidate(sentence=sentence, cue=verb, phrase=phrase, source=source,
                                   content=contents[0] if contents else None, more_content=tuple(contents[1:]),
                                   kind=kinds.pop() if len(kinds) == 1 else "mixed", who=who,
                                   register=rule.register if rule is not None else None, basis="model",
                                   probability=round(cue.probability, 4)))
    taken = [c.phrase for c in found]
    contents = [piece for c in found for piece in c.pieces]
    nested = [r for r in rules if not any(_overlap(r.phrase, t) > 0 for t in taken)
              and any(s <= r.phrase[0] and r.phrase[1] <= e for s, e in contents)]
    return sorted(found + nested, key=lambda c: c.phrase[0])


def _split_sources(paragraphs, spans: list[RoleSpan], verbs: ReportingVerbs) -> list[RoleSpan]:
    """A source span never runs on into a subordinate clause: "a rare acknowledgment from Zelensky, as Ukrainian
    fighters" is two sources, cut before the comma that precedes a subordinator."""
    openers = verbs.words("leading_subordinators")
    result = []
    for span in spans:
        if span.role != "SRC":
            result.append(span)
            continue
        words, first = paragraphs[span.paragraph].words, span.first
        starts, ends = paragraphs[span.paragraph].starts, paragraphs[span.paragraph].ends
        for i in range(span.first + 1, span.last):
            if words[i] == "," and words[i + 1].lower() in openers:
                result.append(RoleSpan("SRC", starts[first], ends[i - 1], span.probability, span.paragraph, first, i - 1))
                first = i + 1
        result.append(RoleSpan("SRC", starts[first], ends[span.last], span.probability, span.paragraph, first,
                               span.last) if first != span.first else span)
    return result


def _owner(content: RoleSpan, cues: list[RoleSpan]) -> RoleSpan | None:
    """The cue a tagged content belongs to: the nearest one with no other cue between them."""
    best, best_distance = None, None
    for cue in cues:
        distance, lo, hi = _distance(content, cue)
        if not _between(cues, cue, lo, hi) and (best_distance is None or distance < best_distance):
            best, best_distance = cue, distance
    return best
