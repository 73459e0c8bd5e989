"""Cues, sources and contents of one sentence (the rules of the extractor).

Cues are reporting verbs and phrases from ``data/reporting_verbs.yaml`` or a
verb next to a quotation. A cue's source is the subject before the verb, the
phrase after "according to", or for a participle "…, stressing that" the
subject of the main clause; its content is the quotation, or the clause after
the cue (``mixed`` when that clause holds a quotation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import segment
from ..actors import Actors, normalise_alias
from .verbs import NAME_RUN_RE, ReportingVerbs, Span, _key

MAX_SOURCE_WORDS = 12
MAX_INVERTED_SOURCE_WORDS = 25  # "…, said David Gilbert, its president and CEO, who …" keeps its apposition
RELATIVE = re.compile(r"(?<![\w’'-])(?:who|which|that)$", re.I)
NOT_A_SOURCE = re.compile(r"[<>=/@#\[\]{}|]")  # markup and links are not speakers
INVERTED_SOURCE = re.compile(r"\s+(?!(?:that|in|on|at|to|of|by|with|for|from|about|and|or|but)\b)[\w@]")
PARTICIPLE = (-1, -1)  # marks a source still to be taken from the main clause
AFTER_SOURCE_END = re.compile(r"[,;:()—–]|(?<![A-Z])\.(?=\s|$)|\s(?:that|as|while|because|when|who|which)\s")

def _trim(text: str, start: int, end: int, verbs: ReportingVerbs, tail: bool = True) -> Span | None:
    """Span without edge spaces and punctuation, nor a dangling conjunction at its end ("…, but")."""
    edge = " \t\n,;:–—-"
    while True:
        before = (start, end)
        while start < end and text[start] in edge:
            start += 1
        while end > start and text[end - 1] in edge:
            end -= 1
        # a final full stop goes, but not the one of "U.S."
        if end > start and text[end - 1] == "." and not re.search(r"(?:[A-Z]\.){2,}$", text[start:end]):
            end -= 1
        if tail and (m := verbs.rx["tail"].search(text, start, end)):
            end = m.start()
        if (start, end) == before:
            return (start, end) if end > start else None


def _skip_left(text: str, lo: int, hi: int, verbs: ReportingVerbs) -> tuple[int, bool]:
    """Where the words before a verb end once auxiliaries/adverbs are skipped; True if a be-form was nearest."""
    be, aux, passive = verbs.words("be_forms"), verbs.words("auxiliaries"), None
    while hi > lo and (m := verbs.rx["skip"].search(text, lo, hi)):
        if passive is None and m["w"].lower() in aux:
            passive = m["w"].lower() in be
        hi = m.start("w")
    return hi, bool(passive)


def _plausible(text: str, span: Span | None, verbs: ReportingVerbs) -> bool:
    """A subject is short, has no auxiliary and ends in neither a preposition nor a possessive."""
    words = text[span[0]:span[1]].split() if span else []
    if not words or NOT_A_SOURCE.search(text, span[0], span[1]) or not re.search(r"[^\W\d_]", words[-1]):
        return False
    return (0 < len(words) <= MAX_SOURCE_WORDS and not any(w.lower() in verbs.words("auxiliaries") for w in words)
            and words[-1].lower() not in verbs.words("not_subject_end") and not re.search(r"['’]s?$", words[-1]))


def _subject(text: str, lo: int, hi: int, verbs: ReportingVerbs) -> Span | None:
    """The subject phrase ending at ``hi``: from the last clause opener or comma before it.

    An apposition between commas ("Seth G. Jones, a former U.S. military
    official, compared") stays in the source.
    """
    cut = max((m.end() for m in verbs.rx["opener"].finditer(text[lo:hi])), default=0)
    span = _trim(text, lo + cut, hi, verbs, tail=False)
    if span and (lead := verbs.rx["lead"].match(text[span[0]:span[1]])):
        span = (span[0] + lead.end(), span[1])
    elif not span and text[lo:hi].rstrip().endswith(","):
        inner = text[lo:hi].rstrip()[:-1]
        comma = inner.rfind(",")
        if comma > 0 and inner[comma + 1:].strip():
            head = _subject(text, lo, lo + comma, verbs)
            short = len(inner[comma + 1:].split()) <= MAX_SOURCE_WORDS
            return (head[0], lo + len(inner.rstrip())) if head and short else None
    return span if _plausible(text, span, verbs) else None


def _main_subject(text: str, sentence: segment.Sentence, verbs: ReportingVerbs) -> Span | None:
    """Subject of the sentence's main clause: the phrase before its first auxiliary."""
    m = verbs.rx["finite"].search(text, sentence.start, sentence.end)
    if not m:
        return None
    region = text[sentence.start:m.start()].rstrip(" ,")
    paren = verbs.rx["paren"].search(region)  # "The Western alliance, however, has…"
    return _subject(text, sentence.start, sentence.start + (paren.start() if paren else len(region)), verbs)


def _source_before(text: str, sentence: segment.Sentence, cue: Span, verbs: ReportingVerbs,
                   lo: int | None = None) -> Span | None:
    """Subject of a verb cue; PARTICIPLE for "…, stressing"; None when passive or infinitive.

    ``lo`` bounds the subject on the left (the end of an earlier cue of the
    sentence: "The poll showed voters say…" → "voters"); a relative pronoun
    right before the verb is the source ("voters who said" → "who").
    """
    lo = sentence.start if lo is None else lo
    hi, passive = _skip_left(text, lo, cue[0], verbs)
    before = text[lo:hi].rstrip()
    progressive = text[cue[0]:cue[1]].split()[0].lower().endswith("ing")
    if progressive and before.endswith(","):
        return PARTICIPLE
    if (passive and not progressive) or re.search(r"(?<![\w’'-])to(?:\s+\w+ly)*$", before):
        return None
    if m := RELATIVE.search(before):
        return (lo + m.start(), lo + m.end())
    return _subject(text, lo, hi, verbs)


def _inverted_source(text: str, sentence: segment.Sentence, cue: Span, verbs: ReportingVerbs) -> Span | None:
    """Source after a cue that follows a comma or a quotation: "…, said David Gilbert, its president."."""
    before = text[sentence.start:cue[0]].rstrip()
    # after a comma, or a quotation ending in a comma (“…,” said X); not after a scare quote
    if not re.search(r"[,?!…—–-][’'‘]?(?:[”\"]|'')?$", before) or not INVERTED_SOURCE.match(text, cue[1], sentence.end):
        return None
    span = _trim(text, cue[1], sentence.end, verbs, tail=False)
    words = text[span[0]:span[1]].split() if span else []
    if not words or len(words) > MAX_INVERTED_SOURCE_WORDS or words[0].lower() == "that":
        return None
    return span if not NOT_A_SOURCE.search(text, span[0], span[1]) else None


def _source_after(text: str, start: int, end: int, verbs: ReportingVerbs) -> Span | None:
    """Source phrase after "according to": up to a comma, a clause word or the sentence end."""
    m = AFTER_SOURCE_END.search(text, start, end)
    span = _trim(text, start, m.start() if m else end, verbs)
    return span if span and len(text[span[0]:span[1]].split()) <= MAX_SOURCE_WORDS else None


@dataclass
class _Draft:
    cue: Span
    source: Span | None
    content: Span | None = None
    kind: str = "indirect"
    mode: str = "before"
    who: Span | None = None  # the phrase the speaker comes from, when not the source ("who" → its antecedent)


def _direct(text: str, sentence: segment.Sentence, quote: Span, verbs: ReportingVerbs) -> _Draft | None:
    """A quotation with a cue right after it (“…,” he said / said Putin) or before it (Putin said: “…”)."""
    mark = 2 if text.startswith("''", quote[0]) else 1
    inner = (_trim(text, quote[0] + mark, quote[1] - mark, verbs, tail=False)
             or (quote[0] + mark, quote[1] - mark))
    m = verbs.rx["after_quote"].match(text, quote[1], sentence.end)
    # a quotation ending in a comma (or ? !) is a statement waiting for its cue; a scare quote is not
    if m and re.search(r"[,?!…—–-][’'‘]?\s*$", text[quote[0] + mark:quote[1] - mark]):
        cue, src = ("cue", "src") if m["cue"] else ("cue2", "src2")
        source = _trim(text, m.start(src), m.end(src), verbs, tail=False)
        if cue == "cue2":  # said Hany Farid, chairman of …: the apposition belongs to the source
            source = _inverted_source(text, sentence, m.span(cue), verbs) or source
        if _plausible(text, source, verbs) or cue == "cue2" and source:
            return _Draft(m.span(cue), source, inner, "direct")
    if m := verbs.rx["before_quote"].search(text, sentence.start, quote[0]):
        source = _source_before(text, sentence, m.span("cue"), verbs)
        if source and source != PARTICIPLE:
            return _Draft(m.span("cue"), source, inner, "direct")
    return None


CUE_TAIL = re.compile(r"(?:\s+(?:in|on|during)\s+(?:a|an|his|her|their|its)\s+(?:\w+\s+)?(?:statement|interview|"
                      r"email|e-mail|tweet|post|letter|op-ed|speech|video|release|appearance)\b)?\s*:?")


def cue_phrase(text: str, sentence: segment.Sentence, draft: _Draft, verbs: ReportingVerbs) -> Span:
    """The cue with the auxiliaries and adverbs before it and "in a statement" / a colon after it."""
    start = draft.cue[0]
    if draft.mode == "before" and draft.source not in (None, PARTICIPLE) and draft.source[1] <= start:
        hi, _ = _skip_left(text, max(sentence.start, draft.source[1]), start, verbs)
        start = hi + len(text[hi:start]) - len(text[hi:start].lstrip())
    end = CUE_TAIL.match(text, draft.cue[1], sentence.end).end()
    return start, (end if text[draft.cue[1]:end].strip() else draft.cue[1])


def quotations(text: str) -> list[Span]:
    """`segment.quotations` plus quotations marked with doubled apostrophes (''…''), as some wires print them."""
    quotes = segment.quotations(text)
    extra = [m.span() for m in re.finditer(r"''[^'\n][^\n]*?''", text)
             if not any(q0 < m.end() and m.start() < q1 for q0, q1 in quotes)]
    return sorted(quotes + extra)


def _named(text: str, phrase: str, actors: Actors) -> bool:
    """A subject that is a pronoun, an actor's alias or a name: "Moscow claims", not "Member states".

    A one-word name must also be capitalised somewhere mid-sentence in the text
    (a proper noun, not a capitalised sentence opener).
    """
    if phrase.lower() in ("he", "she", "they", "it") or normalise_alias(phrase) in actors.alias_to_actor:
        return True
    if not NAME_RUN_RE.fullmatch(phrase):
        return False
    return " " in phrase or re.search(rf"[\w,] {re.escape(phrase)}\b", text) is not None


def _cues(text: str, sentence: segment.Sentence, quotes: list[Span], taken: list[Span],
          verbs: ReportingVerbs, actors: Actors) -> list[_Draft]:
    """Verb and phrase cues of a sentence outside quotations, each with its source when it has one."""
    drafts, lo = [], sentence.start
    for m in verbs.rx["cue"].finditer(text, sentence.start, sentence.end):
        cue, form = m.span(), _key(m.group())
        if any(q0 <= cue[0] < q1 for q0, q1 in quotes) or any(t0 < cue[1] and cue[0] < t1 for t0, t1 in taken):
            continue
        mode = verbs.phrase_sources.get(form, "before")
        if mode == "none":
            continue
        source = (_source_after(text, cue[1], sentence.end, verbs) if mode == "after"
                  else _source_before(text, sentence, cue, verbs, lo))
        if source is None and mode == "before" and (source := _inverted_source(text, sentence, cue, verbs)):
            mode = "inverted"
        # a form that is also a noun ("states", "claims") needs "that", a quotation or a named subject
        if (form in verbs.need_complement and not re.match(r"\s*(?:that\b|[:“\"])", text[cue[1]:])
                and not (source and source != PARTICIPLE and _named(text, text[source[0]:source[1]], actors))):
            continue
        if source is not None:
            who = None
            if source != PARTICIPLE and RELATIVE.fullmatch(text[source[0]:source[1]]):
                who = _subject(text, sentence.start, source[0], verbs)
            drafts.append(_Draft(cue, source, mode=mode, who=who))
            lo = cue[1]
    return drafts


def _fill_content(text: str, sentence: segment.Sentence, drafts: list[_Draft], quotes: list[Span],
                  verbs: ReportingVerbs) -> None:
    """Participle sources, and the content of each non-direct draft up to the next clause's cue or source."""
    for i, d in enumerate(drafts):
        if d.source == PARTICIPLE:
            earlier = [e.source for e in drafts[:i] if e.source not in (None, PARTICIPLE)]
            d.source = earlier[-1] if earlier else _main_subject(text, sentence, verbs)
        if d.kind == "direct":
            continue
        # a later cue ends this content only from another clause ("…the border, but NATO chief…"), not nested in it
        later = [x for e in drafts[i + 1:] for x in (e.cue[0], (e.source or PARTICIPLE)[0])
                 if x >= d.cue[1] and re.search(r"[,;–—]", text[d.cue[1]:x])]
        limit = min(later, default=sentence.end)
        start = drafts[i - 1].cue[1] if i else sentence.start
        if d.mode == "inverted":
            d.content = _trim(text, start, d.cue[0], verbs)
        elif d.mode == "after":
            d.content = _trim(text, start, d.cue[0], verbs)
            if d.content is None and d.source:  # "According to X, …"
                d.content = _trim(text, d.source[1], limit, verbs)
        else:
            that = verbs.rx["content_start"].match(text[d.cue[1]:limit])
            d.content = _trim(text, d.cue[1] + that.end(), limit, verbs)
            if d.content is None and d.source and text[start:d.source[0]].rstrip().endswith(","):
                d.content = _trim(text, start, d.source[0], verbs)  # "Moscow will respond, Peskov said."
        if d.content and any(d.content[0] <= q0 and q1 <= d.content[1] for q0, q1 in quotes):
            d.kind = "mixed"

