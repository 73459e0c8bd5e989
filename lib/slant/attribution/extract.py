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
from .cues import _cues, _direct, _Draft, _fill_content, cue_phrase, quotations
from .records import Attribution
from .speakers import _Speakers, load_speaker_titles
from .verbs import ReportingVerbs, _default_verbs, register_of

EMBED_REGISTER = "neutral"  # an embed is reproduced verbatim: the outlet adds no framing verb


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


def find_attributions(text: str, sentences: list[segment.Sentence], actors: Actors, *,
                      verbs: ReportingVerbs | None = None) -> list[Attribution]:
    """Attributions of the article, in text order (rules in the module docstring).

    ``sentences`` come from `segment.sentences(text)`; sentences in an embedded
    post's voice are skipped, the post itself is one ``embed`` attribution.
    """
    verbs = verbs or _default_verbs()
    quotes = quotations(text)
    drafts: list[tuple[int, _Draft]] = []
    for index, sentence in enumerate(sentences):
        if sentence.voice != segment.OUTLET:
            continue
        inside = [q for q in quotes if sentence.start <= q[0] and q[1] <= sentence.end]
        direct = [d for d in (_direct(text, sentence, q, verbs) for q in inside) if d]
        found = direct + _cues(text, sentence, inside, [d.cue for d in direct], verbs, actors)
        found.sort(key=lambda d: d.cue[0])
        _fill_content(text, sentence, found, inside, verbs)
        drafts.extend((index, d) for d in found if d.source is not None)
    speakers = _Speakers(text, actors, load_speaker_titles())
    result = []
    for index, d in drafts:
        phrase = cue_phrase(text, sentences[index], d, verbs)
        who = speakers.describe(d.who or d.source, min(d.source[0], d.content[0] if d.content else d.cue[0]))
        result.append(Attribution(d.cue, d.source, d.content, *who, d.kind,
                                  register_of(text[d.cue[0]:d.cue[1]], verbs), index, phrase))
    return sorted(result + _embeds(text, sentences), key=lambda a: a.cue[0])

