"""`find_attributions`: the extractor over a whole article.

Each outlet sentence goes through the cue rules (`cues`); sources become
speakers (`speakers`); an embedded post is one attribution spoken by its
@handle. Deliberately *not* attributions: a quotation with no cue next to it
(scare quotes, titles of works, "the so-called X") and bare nouns ("calls are
growing").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import segment
from ..actors import Actors
from .cues import Draft, Mode, direct_quote, fill_content, verb_cues
from .nominal import nominal_cues
from .phrase import cue_phrase
from .records import Attribution, Span, Speaker
from .speakers import Speakers, load_speaker_titles
from .sources import RELATIVE, antecedent, trim
from .surveys import survey_cues
from .verbs import NAME_RUN_RE, ReportingVerbs, cue_key, default_verbs, register_of

EMBED_REGISTER = "neutral"  # an embed is reproduced verbatim: the outlet adds no framing verb
COLON_REGISTER = "neutral"  # "Sanders: I'm not much of a socialist": the colon adds no framing
SURVEY_REGISTER = "neutral"  # "in an NBC poll": the figures are reported as the poll's, without framing
# a line opening with a short name, a colon and words: a headline or transcript line in that name's voice
COLON_LINE = re.compile(rf"(?m)^[ \t]*(?P<source>{NAME_RUN_RE.pattern})[ \t]*(?P<cue>:)"
                        rf"[ \t]+(?P<content>[“\"'‘\w][^\n]*)$")
MAX_COLON_SOURCE_WORDS = 5
NEGATION_WINDOW = 12  # characters before the cue: "did not" / "never" just before a verb the cue leaves out
CLAUSE_BREAK = re.compile(r'[,;:.?!()\[\]"“”—–]')  # ends the clause or quotation before a cue


def _sentence_of(sentences: list[segment.Sentence], position: int) -> int:
    return next((i for i, s in enumerate(sentences) if s.start <= position < s.end), -1)


def _embeds(text: str, sentences: list[segment.Sentence]) -> list[Attribution]:
    """One attribution per embedded post: cue the signature's dash, source the @handle, content the post."""
    found = []
    for post in segment.embedded_posts(text):
        if post.markup:  # kept as markup: the tag's "tweet" is the cue, its author the source, its words the content
            cue = (post.markup[0] + 1, post.markup[0] + len("<tweet"))
            found.append(Attribution(cue=cue, source=post.handle_span, content=post.body,
                                     speaker=Speaker(post.handle, "embed"), kind="direct", register=EMBED_REGISTER,
                                     sentence_index=_sentence_of(sentences, cue[0]), cue_phrase=cue))
            continue
        paras = [p for p in segment.paragraphs(text) if post.start <= p[0] and p[1] <= post.end]
        sig = paras[-1]
        dash = re.match(r"\s*[—–-]{1,2}", text[sig[0]:sig[1]]) if post.handle else None
        at = text.find(post.handle, sig[0], sig[1]) if post.handle else -1
        if dash and at >= 0:
            cue, source, content = (sig[0], sig[0] + dash.end()), (at, at + len(post.handle)), paras[0]
        else:
            link = segment.EMBED_LINK_RE.search(text, post.start, post.end)
            cue, source, content = (link.span() if link else paras[0]), None, (post.start, post.end)
        found.append(Attribution(cue=cue, source=source, content=content, speaker=Speaker(post.handle, "embed"),
                                 kind="direct", register=EMBED_REGISTER, sentence_index=_sentence_of(sentences, cue[0]),
                                 cue_phrase=cue))
    return found


def _follow_on(text: str, sentence: segment.Sentence, quotes: list, previous: Draft,
               verbs: ReportingVerbs) -> Draft | None:
    """A sentence that is one quotation with no cue continues the previous sentence's quoted speaker
    (“…,” said X. “More words.”): same cue and source, the new quotation as content."""
    body = trim(text, sentence.start, sentence.end, verbs, tail=False)
    if len(quotes) != 1 or not body or quotes[0][0] != body[0] or quotes[0][1] < body[1] - 1:
        return None
    mark = 2 if text.startswith("''", quotes[0][0]) else 1
    content = trim(text, quotes[0][0] + mark, quotes[0][1] - mark, verbs, tail=False)
    return Draft(cue=previous.cue, source=previous.source, content=content, kind="direct", mode=previous.mode,
                 who=previous.who, bare=previous.bare)


def _nominals(text: str, sentence: segment.Sentence, quotes: list, found: list[Draft],
              verbs: ReportingVerbs) -> list[Draft]:
    """Nominal cues ("his criticism of") outside quotations and the spans of verb cues already found."""
    taken = [d.cue for d in found] + [d.source for d in found if d.source and d.source[0] >= 0] + quotes
    return [Draft(cue=cue, source=source, lead=start if start < cue[0] else None)
            for cue, source, start in nominal_cues(text, sentence, verbs)
            if not any(t0 < cue[1] and start < t1 for t0, t1 in taken)]


def _surveys(text: str, sentence: segment.Sentence, quotes: list, found: list[Draft],
             verbs: ReportingVerbs) -> list[Draft]:
    """Survey cues ("in an NBC News poll") outside quotations and the spans of cues already found."""
    taken = [d.cue for d in found] + [d.source for d in found if d.source and d.source[0] >= 0] + quotes
    return [Draft(cue=cue, source=source, mode=Mode.SURVEY) for cue, source in survey_cues(text, sentence, verbs)
            if not any(t0 < source[1] and cue[0] < t1 for t0, t1 in taken)]


def _colon_cues(text: str, sentences: list[segment.Sentence], verbs: ReportingVerbs) -> list[Draft]:
    """Headline and transcript colons: "Bernie Sanders: I'm Not Much Of A Socialist" (not "Editor's note: …")."""
    found = []
    for m in COLON_LINE.finditer(text):
        source = m.span("source")
        index = _sentence_of(sentences, m.start("cue"))
        if (len(m["source"].split()) > MAX_COLON_SOURCE_WORDS or cue_key(m["source"]) in verbs.colon_non_sources
                or index < 0 or sentences[index].voice != segment.OUTLET):
            continue
        content = trim(text, m.start("content"), m.end("content"), verbs, tail=False)
        kind = "direct" if re.match(r"[“\"'‘]", m["content"]) else "indirect"
        found.append((index, Draft(cue=m.span("cue"), source=source, content=content, kind=kind, mode=Mode.COLON)))
    return found


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """An attribution before its speaker is known: spans, and what the rules or the tagger say of it.

    ``cue`` is the reporting word or phrase, ``phrase`` the whole cue (PolNeAR's extent); ``who`` the
    phrase the speaker comes from when it is not the source ("who" → its antecedent); ``register``
    is set only when the cue's form does not give it (a colon, a poll). ``more_content``: the content's
    further pieces when it is split by the cue ("“We will rebuild,” the mayor said, “and soon.”").
    """

    sentence: int
    cue: Span
    phrase: Span
    source: Span | None
    content: Span | None
    kind: str = "indirect"
    who: Span | None = None
    register: str | None = None
    basis: str = "rules"
    probability: float | None = None
    more_content: tuple[Span, ...] = ()

    @property
    def pieces(self) -> tuple[Span, ...]:
        """Every piece of the content, in text order (none without content)."""
        return ((self.content,) if self.content else ()) + self.more_content


def rule_candidates(text: str, sentences: list[segment.Sentence], actors: Actors,
                    verbs: ReportingVerbs) -> list[Candidate]:
    """The rule extractor's attributions of the article (no embeds), in text order of their cues."""
    quotes = segment.quotations(text)  # curly, straight and ''…'' marks
    drafts: list[tuple[int, Draft]] = []
    last: tuple[int, Draft] | None = None  # the latest quoted draft, for a quotation continuing after it
    for index, sentence in enumerate(sentences):
        if sentence.voice != segment.OUTLET:
            continue
        inside = [q for q in quotes if sentence.start <= q[0] and q[1] <= sentence.end]
        direct = [d for d in (direct_quote(text, sentence, q, verbs) for q in inside) if d]
        found = direct + verb_cues(text, sentence, inside, [d.cue for d in direct], verbs, actors)
        found += _nominals(text, sentence, inside, found, verbs)
        found += _surveys(text, sentence, inside, found, verbs)
        found.sort(key=lambda d: d.cue[0])
        fill_content(text, sentence, found, inside, verbs)
        # a passive report needs what is reported: "Moscow has been warned by Washington." reports nothing
        found = [d for d in found if (d.source is not None or d.bare) and (d.mode != Mode.PASSIVE or d.content)]
        if not found and last is not None and (more := _follow_on(text, sentence, inside, last[1], verbs)):
            drafts.append((last[0], more))  # listed under the sentence of its cue
            continue
        drafts.extend((index, d) for d in found)
        quoted = [d for d in found if d.kind in ("direct", "mixed")]
        last = (index, quoted[-1]) if quoted else None
    taken = {d.cue[0] for _, d in drafts}
    drafts += [(i, d) for i, d in _colon_cues(text, sentences, verbs) if d.cue[0] not in taken]
    drafts.sort(key=lambda x: x[1].cue[0])
    result = []
    for index, d in drafts:
        phrase = cue_phrase(text, sentences[index], d, verbs)
        stop = phrase[1]  # "said Tuesday that …": the time is the cue's; "warned against X": X keeps "against"
        if (end := re.search(r"\w+$", text[d.cue[1]:stop])) and end.group() in verbs.words("cue_prepositions"):
            stop = d.cue[1] + end.start()
        if d.content and d.cue[1] <= d.content[0] < stop:  # the content starts after the widened cue
            that = verbs.rx["content_start"].match(text, stop, max(stop, d.content[1])).end()
            d.content = trim(text, that, d.content[1], verbs, tail=False) if that < d.content[1] else None
        result.append(Candidate(sentence=index, cue=d.cue, phrase=phrase, source=d.source, content=d.content,
                                kind=d.kind, who=d.who,
                                register={Mode.COLON: COLON_REGISTER, Mode.SURVEY: SURVEY_REGISTER}.get(d.mode)))
    return result


def nested_flags(cues: list[Span], contents: list[tuple[Span, ...]]) -> list[bool]:
    """For each cue, whether it lies inside another attribution's content (a piece of it; PolNeAR, univocal,
    leaves it out). ``contents``: the pieces of each attribution's content."""
    spans = sorted({piece for pieces in contents for piece in pieces})
    return [any(s <= cue[0] and cue[1] <= e and (s, e) not in own for s, e in spans)
            for cue, own in zip(cues, contents)]


def univocal(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates whose cue is nested in no other candidate's content."""
    flags = nested_flags([c.phrase for c in candidates], [c.pieces for c in candidates])
    return [c for c, nested in zip(candidates, flags) if not nested]


def negated(text: str, phrase: Span, verbs: ReportingVerbs) -> bool:
    """The cue is negated: a negation among its words or right before them in its clause ("did not say", "never
    asked"); a negation that ends a quotation or a clause before the cue ("who wouldn't be?" said) is not its."""
    before = text[max(0, phrase[0] - NEGATION_WINDOW):phrase[0]]
    before = CLAUSE_BREAK.split(before)[-1]
    return verbs.rx["negation"].search(before + text[phrase[0]:phrase[1]]) is not None


def kind_of(content: Span | None, quotes: list[Span]) -> str:
    """direct: the content is one quotation (its marks may stay outside); mixed: it holds one; else indirect."""
    if content is None:
        return "indirect"
    for q0, q1 in quotes:
        if q0 <= content[0] + 1 and content[1] - 1 <= q1 and q0 < content[1] and content[0] < q1:
            return "direct"
    return "mixed" if any(content[0] <= q0 < q1 <= content[1] for q0, q1 in quotes) else "indirect"


def finish(text: str, sentences: list[segment.Sentence], candidates: list[Candidate], actors: Actors,
           verbs: ReportingVerbs) -> list[Attribution]:
    """Attributions from candidates: speakers resolved in text order, register, negation and nesting."""
    speakers = Speakers(text, actors, load_speaker_titles())
    flags = nested_flags([c.phrase for c in candidates], [c.pieces for c in candidates])
    result = []
    for c, nested in zip(candidates, flags):
        anchor = min(c.source[0], c.content[0] if c.content else c.cue[0]) if c.source else 0
        who = c.who
        if who is None and c.source and RELATIVE.fullmatch(text[c.source[0]:c.source[1]]):
            who = antecedent(text, sentences[c.sentence].start, c.source[0], verbs)  # "Reid, who …": Reid
        speaker = speakers.describe(who or c.source, anchor) if c.source else Speaker()
        result.append(Attribution(cue=c.cue, source=c.source, content=c.content, speaker=speaker, kind=c.kind,
                                  register=c.register or register_of(text[c.cue[0]:c.cue[1]], verbs),
                                  sentence_index=c.sentence, cue_phrase=c.phrase,
                                  negated=negated(text, c.phrase, verbs), nested=nested, basis=c.basis,
                                  probability=c.probability, more_content=c.more_content))
    return result


def find_attributions(text: str, sentences: list[segment.Sentence], actors: Actors, *,
                      verbs: ReportingVerbs | None = None, model=None) -> list[Attribution]:
    """Attributions of the article, in text order.

    ``sentences`` come from `segment.sentences(text)`; sentences in an embedded
    post's voice are skipped, the post itself is one ``embed`` attribution.
    Without ``model`` the rules alone decide (module docstring); with an
    `model.AttributionModel` the tagger's spans decide and the rules group them
    (`learned.combine`).
    """
    verbs = verbs or default_verbs()
    candidates = rule_candidates(text, sentences, actors, verbs)
    if model is not None:
        from .learned import combine

        candidates = combine(text, sentences, candidates, model, verbs)
    return sorted(finish(text, sentences, candidates, actors, verbs) + _embeds(text, sentences),
                  key=lambda a: a.cue[0])
