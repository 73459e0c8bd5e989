"""`find_attributions`: the extractor over a whole article.

Each outlet sentence goes through the cue rules (`cues`); sources become
speakers (`speakers`); an embedded post is one attribution spoken by its
@handle. Deliberately *not* attributions: a quotation with no cue next to it
(scare quotes, titles of works, "the so-called X") and bare nouns ("calls are
growing").
"""

from __future__ import annotations

import re

from .. import segment
from ..actors import Actors
from .cues import _cues, _direct, _Draft, _fill_content
from .nominal import nominal_cues
from .phrase import cue_phrase
from .records import Attribution
from .speakers import _Speakers, load_speaker_titles
from .sources import _trim
from .surveys import survey_cues
from .verbs import NAME_RUN_RE, ReportingVerbs, _default_verbs, _key, register_of

EMBED_REGISTER = "neutral"  # an embed is reproduced verbatim: the outlet adds no framing verb
COLON_REGISTER = "neutral"  # "Sanders: I'm not much of a socialist": the colon adds no framing
SURVEY_REGISTER = "neutral"  # "in an NBC poll": the figures are reported as the poll's, without framing
# a line opening with a short name, a colon and words: a headline or transcript line in that name's voice
COLON_LINE = re.compile(rf"(?m)^[ \t]*(?P<source>{NAME_RUN_RE.pattern})[ \t]*(?P<cue>:)"
                        rf"[ \t]+(?P<content>[“\"'‘\w][^\n]*)$")
MAX_COLON_SOURCE_WORDS = 5


def _sentence_of(sentences: list[segment.Sentence], position: int) -> int:
    return next((i for i, s in enumerate(sentences) if s.start <= position < s.end), -1)


def _embeds(text: str, sentences: list[segment.Sentence]) -> list[Attribution]:
    """One attribution per embedded post: cue the signature's dash, source the @handle, content the post."""
    found = []
    for post in segment.embedded_posts(text):
        paras = [p for p in segment.paragraphs(text) if post.start <= p[0] and p[1] <= post.end]
        sig = paras[-1]
        dash = re.match(r"\s*[—–-]{1,2}", text[sig[0]:sig[1]]) if post.handle else None
        at = text.find(post.handle, sig[0], sig[1]) if post.handle else -1
        if dash and at >= 0:
            cue, source, content = (sig[0], sig[0] + dash.end()), (at, at + len(post.handle)), paras[0]
        else:
            link = segment.EMBED_LINK_RE.search(text, post.start, post.end)
            cue, source, content = (link.span() if link else paras[0]), None, (post.start, post.end)
        found.append(Attribution(cue, source, content, post.handle, "embed", None, None, "direct",
                                 EMBED_REGISTER, _sentence_of(sentences, cue[0])))
    return found


def _follow_on(text: str, sentence: segment.Sentence, quotes: list, previous: _Draft,
               verbs: ReportingVerbs) -> _Draft | None:
    """A sentence that is one quotation with no cue continues the previous sentence's quoted speaker
    (“…,” said X. “More words.”): same cue and source, the new quotation as content."""
    body = _trim(text, sentence.start, sentence.end, verbs, tail=False)
    if len(quotes) != 1 or not body or quotes[0][0] != body[0] or quotes[0][1] < body[1] - 1:
        return None
    mark = 2 if text.startswith("''", quotes[0][0]) else 1
    content = _trim(text, quotes[0][0] + mark, quotes[0][1] - mark, verbs, tail=False)
    return _Draft(previous.cue, previous.source, content, "direct", previous.mode, previous.who, previous.bare)


def _nominals(text: str, sentence: segment.Sentence, quotes: list, found: list[_Draft],
              verbs: ReportingVerbs) -> list[_Draft]:
    """Nominal cues ("his criticism of") outside quotations and the spans of verb cues already found."""
    taken = [d.cue for d in found] + [d.source for d in found if d.source and d.source[0] >= 0] + quotes
    return [_Draft(cue, source, lead=start if start < cue[0] else None)
            for cue, source, start in nominal_cues(text, sentence, verbs)
            if not any(t0 < cue[1] and start < t1 for t0, t1 in taken)]


def _surveys(text: str, sentence: segment.Sentence, quotes: list, found: list[_Draft],
             verbs: ReportingVerbs) -> list[_Draft]:
    """Survey cues ("in an NBC News poll") outside quotations and the spans of cues already found."""
    taken = [d.cue for d in found] + [d.source for d in found if d.source and d.source[0] >= 0] + quotes
    return [_Draft(cue, source, mode="survey") for cue, source in survey_cues(text, sentence, verbs)
            if not any(t0 < source[1] and cue[0] < t1 for t0, t1 in taken)]


def _colon_cues(text: str, sentences: list[segment.Sentence], verbs: ReportingVerbs) -> list[_Draft]:
    """Headline and transcript colons: "Bernie Sanders: I'm Not Much Of A Socialist" (not "Editor's note: …")."""
    found = []
    for m in COLON_LINE.finditer(text):
        source = m.span("source")
        index = _sentence_of(sentences, m.start("cue"))
        if (len(m["source"].split()) > MAX_COLON_SOURCE_WORDS or _key(m["source"]) in verbs.colon_non_sources
                or index < 0 or sentences[index].voice != segment.OUTLET):
            continue
        content = _trim(text, m.start("content"), m.end("content"), verbs, tail=False)
        kind = "direct" if re.match(r"[“\"'‘]", m["content"]) else "indirect"
        found.append((index, _Draft(m.span("cue"), source, content, kind, mode="colon")))
    return found


def find_attributions(text: str, sentences: list[segment.Sentence], actors: Actors, *,
                      verbs: ReportingVerbs | None = None) -> list[Attribution]:
    """Attributions of the article, in text order (rules in the module docstring).

    ``sentences`` come from `segment.sentences(text)`; sentences in an embedded
    post's voice are skipped, the post itself is one ``embed`` attribution.
    """
    verbs = verbs or _default_verbs()
    quotes = segment.quotations(text)  # curly, straight and ''…'' marks
    drafts: list[tuple[int, _Draft]] = []
    last: tuple[int, _Draft] | None = None  # the latest quoted draft, for a quotation continuing after it
    for index, sentence in enumerate(sentences):
        if sentence.voice != segment.OUTLET:
            continue
        inside = [q for q in quotes if sentence.start <= q[0] and q[1] <= sentence.end]
        direct = [d for d in (_direct(text, sentence, q, verbs) for q in inside) if d]
        found = direct + _cues(text, sentence, inside, [d.cue for d in direct], verbs, actors)
        found += _nominals(text, sentence, inside, found, verbs)
        found += _surveys(text, sentence, inside, found, verbs)
        found.sort(key=lambda d: d.cue[0])
        _fill_content(text, sentence, found, inside, verbs)
        # a passive report needs what is reported: "Moscow has been warned by Washington." reports nothing
        found = [d for d in found if (d.source is not None or d.bare) and (d.mode != "passive" or d.content)]
        if not found and last is not None and (more := _follow_on(text, sentence, inside, last[1], verbs)):
            drafts.append((last[0], more))  # listed under the sentence of its cue
            continue
        drafts.extend((index, d) for d in found)
        quoted = [d for d in found if d.kind in ("direct", "mixed")]
        last = (index, quoted[-1]) if quoted else None
    taken = {d.cue[0] for _, d in drafts}
    drafts += [(i, d) for i, d in _colon_cues(text, sentences, verbs) if d.cue[0] not in taken]
    drafts.sort(key=lambda x: x[1].cue[0])
    speakers = _Speakers(text, actors, load_speaker_titles())
    result = []
    for index, d in drafts:
        phrase = cue_phrase(text, sentences[index], d, verbs)
        stop = phrase[1]  # "said Tuesday that …": the time is the cue's; "warned against X": X keeps "against"
        if (last := re.search(r"\w+$", text[d.cue[1]:stop])) and last.group() in verbs.words("cue_prepositions"):
            stop = d.cue[1] + last.start()
        if d.content and d.cue[1] <= d.content[0] < stop:  # the content starts after the widened cue
            that = verbs.rx["content_start"].match(text, stop, max(stop, d.content[1])).end()
            d.content = _trim(text, that, d.content[1], verbs, tail=False) if that < d.content[1] else None
        who = (speakers.describe(d.who or d.source, min(d.source[0], d.content[0] if d.content else d.cue[0]))
               if d.source else (None, "unknown", None, None))
        result.append(Attribution(d.cue, d.source, d.content, *who, d.kind,
                                  {"colon": COLON_REGISTER, "survey": SURVEY_REGISTER}.get(d.mode) or register_of(text[d.cue[0]:d.cue[1]], verbs),
                                  index, phrase))
    return sorted(result + _embeds(text, sentences), key=lambda a: a.cue[0])

