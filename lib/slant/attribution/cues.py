"""Cues, sources and contents of one sentence (the rules of the extractor).

Cues are reporting verbs and phrases from ``data/reporting_verbs.yaml`` or a
verb next to a quotation. A cue's source is the subject before the verb, the
phrase after "according to", or for a participle "…, stressing that" the
subject of the main clause; its content is the quotation, or the clause after
the cue (``mixed`` when that clause holds a quotation).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import Enum

from .. import segment
from ..actors import Actors, normalise_alias
from .sources import (OPENING_NAME, PARTICIPLE, RELATIVE, antecedent, infinitive, inverted_source, main_subject, plausible,
                      skip_left, source_after, source_before, subject, trim, evidence_headed)
from .passive import agent, is_passive, participle
from .verbs import NAME_RUN_RE, ReportingVerbs, Span, cue_key


OPENING_MARKS = " \t\n“\"‘'(—–-"
OPENING_WORD = re.compile(f"[{re.escape(OPENING_MARKS)}]*")  # the sentence's first word starts after these


class Mode(str, Enum):
    """Where a cue's source stands, and so how its content is found."""

    BEFORE = "before"  # the subject before the verb: "Putin warned that …"
    AFTER = "after"  # the phrase after the cue: "according to X"
    INVERTED = "inverted"  # after the verb, following a comma or quotation: "…, said Putin"
    PASSIVE = "passive"  # the by-agent of a passive: "was criticized by X for …"
    SURVEY = "survey"  # a poll after "in": "in an NBC News poll"
    COLON = "colon"  # a headline or transcript line: "Sanders: I'm not …"


@dataclass(kw_only=True)
class Draft:
    """A cue found by the rules, its source and content as far as known (built by keyword)."""

    cue: Span
    source: Span | None
    content: Span | None = None
    kind: str = "indirect"
    mode: Mode = Mode.BEFORE
    who: Span | None = None  # the phrase the speaker comes from, when not the source ("who" → its antecedent)
    bare: bool = False  # an attribution even without a source ("Asked about X, …", "is expected to")
    lead: int | None = None  # start of a control verb taking this cue ("declined to say"): one cue with it


def direct_quote(text: str, sentence: segment.Sentence, quote: Span, verbs: ReportingVerbs) -> Draft | None:
    """A quotation with a cue right after it (“…,” he said / said Putin) or before it (Putin said: “…”)."""
    mark = 2 if text.startswith("''", quote[0]) else 1
    inner = (trim(text, quote[0] + mark, quote[1] - mark, verbs, tail=False)
             or (quote[0] + mark, quote[1] - mark))
    m = verbs.rx["after_quote"].match(text, quote[1], sentence.end)
    # a quotation ending in a comma (or ? !) is a statement waiting for its cue; a scare quote is not
    if m and re.search(r"[,?!…—–-][’'‘]?\s*$", text[quote[0] + mark:quote[1] - mark]):
        cue, src = ("cue", "src") if m["cue"] else ("cue2", "src2")
        source = trim(text, m.start(src), m.end(src), verbs, tail=False)
        if cue == "cue2":  # said Hany Farid, chairman of …: the apposition belongs to the source
            source = inverted_source(text, sentence, m.span(cue), verbs) or source
        if plausible(text, source, verbs) or cue == "cue2" and source:
            return Draft(cue=m.span(cue), source=source, content=inner, kind="direct")
    if m := verbs.rx["before_quote"].search(text, sentence.start, quote[0]):
        source = source_before(text, sentence, m.span("cue"), verbs)
        if source and source != PARTICIPLE:
            return Draft(cue=m.span("cue"), source=source, content=inner, kind="direct")
    return None


def _named(text: str, phrase: str, actors: Actors, verbs: ReportingVerbs) -> bool:
    """A subject that is a pronoun, an actor's alias or a name: "Moscow claims", not "Member states".

    A one-word name must also be capitalised somewhere mid-sentence in the text
    (a proper noun, not a capitalised sentence opener).
    """
    if phrase.lower() in ("he", "she", "they", "it") or normalise_alias(phrase) in actors.alias_to_actor:
        return True
    head = re.sub(r"^[\d.,]+", "", phrase.split()[-1].lower())  # "56%" → "%"
    if head in verbs.words("reporting_subject_heads"):  # "voters who feel", "56 percent support"
        return True
    if evidence_headed(phrase.split(), verbs):
        return True  # "polls show", "A study by the watchdog group Media Matters found"
    if not NAME_RUN_RE.fullmatch(phrase):
        return False
    return " " in phrase or re.search(rf"[\w,] {re.escape(phrase)}\b", text) is not None


def _control(text: str, lo: int, cue: Span, verbs: ReportingVerbs) -> Span | None:
    """The control verb of an infinitive cue ("refused to endorse", "is expected to announce"), if any."""
    hi, _ = skip_left(text, lo, cue[0], verbs)
    m = verbs.rx["control_before"].search(text, max(lo, hi - 40), hi)  # a control verb is a few words
    if not m:
        return None
    verb = re.match(r"\S+(?:\s+\S+)*?(?=\s+to\b)", text[m.start():hi])
    return m.start(), m.start() + verb.end()


def _reports_before(text: str, sentence: segment.Sentence, source: Span, cue: Span) -> bool:
    """ "Moscow will respond, the Kremlin said Tuesday.": a comma before the subject, at most a time after the cue."""
    if source == PARTICIPLE or not text[sentence.start:source[0]].rstrip().endswith(","):
        return False
    return len(text[cue[1]:sentence.end].split()) <= 3 and "that" not in text[cue[1]:sentence.end].split()


def _reports_nothing(text: str, sentence: segment.Sentence, m: re.Match, form: str, opens: bool, lo: int,
                     published: list[Span], verbs: ReportingVerbs) -> bool:
    """True when the match is no cue whatever its source: the form, or the words around it, say so."""
    cue = m.span()
    if form in verbs.words("complement_only") and not re.match(r"\s*(?:that\b|[:“\"])", text[cue[1]:]):
        return True  # "his home state", "proved the most devastating": no report
    if form in verbs.words("topic_verbs") and not verbs.rx["topic"].match(text, cue[1], sentence.end):
        return True  # "spoke at a rally" reports nothing; "spoke about the economy" does
    if verbs.rx["prepositional"].match(text, cue[0], sentence.end):
        return True  # "…, compared with 41 percent": a participle used as a preposition
    if cue not in published and any(p0 <= cue[0] < p1 for p0, p1 in published):
        return True  # a word of "issued a statement" ("statement", "post") is not a cue of its own
    if (form not in verbs.phrase_sources and m.group()[0].isupper() and not opens
            and not re.search(r"[A-Z][\w’'.-]*\s+$", text[sentence.start:cue[0]])):
        return True  # a title-case verb counts only in a title-case headline (or opening a participle clause)
    if verbs.phrase_sources.get(form) == "none":
        return True  # a phrase cue only
    return form in verbs.need_complement and bool(re.search(r"\w['’]s\s+$", text[lo:cue[0]]))  # "Editor's note:"


def _lacks_complement(text: str, sentence: segment.Sentence, cue: Span, form: str, source: Span | None,
                      verbs: ReportingVerbs, actors: Actors) -> bool:
    """True when a form that reports only with more around it has none of it.

    A form that is also a noun ("states", "claims") needs "that", a quotation,
    a named subject or the clause it reports before it ("…, the AP
    reported."); a quote-only form needs its quotation, or a colon before it
    (the quotation may open the next paragraph: "Cruz continued:").
    """
    if form in verbs.quote_only:
        return not re.match(r"\s*:", text[cue[1]:cue[1] + 3])
    if form not in verbs.need_complement or re.match(r"\s*(?:that\b|[:“\"])", text[cue[1]:]):
        return False
    if source == PARTICIPLE:
        return not form.endswith("ing")  # "…, calling him a liar"
    if source is None:
        return True
    # a control verb before an infinitive is a verb: "the candidate plans to visit", not "his plans to"
    return not (_named(text, text[source[0]:source[1]], actors, verbs)
                or form in verbs.words("control_verbs") and re.match(r"\s+to\s+[a-z]", text[cue[1]:cue[1] + 40])
                or _reports_before(text, sentence, source, cue))


def verb_cues(text: str, sentence: segment.Sentence, quotes: list[Span], taken: list[Span],
          verbs: ReportingVerbs, actors: Actors) -> list[Draft]:
    """Verb and phrase cues of a sentence outside quotations, each with its source when it has one."""
    drafts, lo = [], sentence.start
    publications = list(verbs.rx["publication"].finditer(text, sentence.start, sentence.end))
    published = [m.span() for m in publications]
    opening = OPENING_WORD.match(text, sentence.start, sentence.end)
    first = opening.end() if opening else sentence.start
    if lead := verbs.rx["lead"].match(text, first, sentence.end):
        first = lead.end()  # "When asked whether …, Trump said", "And citing the report, …"
    initial = verbs.rx["initial"].match(text, first, sentence.end)  # "Asked whether …, he said"
    first_word = initial.group().split()[0] if initial else ""
    if initial and not participle(first_word.lower()) and not first_word.endswith("ing"):
        initial = None  # only a participle opens a participle clause: "Says who?" is no report
    matches = sorted([*verbs.rx["cue"].finditer(text, sentence.start, sentence.end), *publications,
                      *([initial] if initial else [])], key=lambda m: (m.start(), -m.end()))
    for m in matches:
        cue, form = m.span(), cue_key(m.group())
        opens = bool(initial) and cue[0] == initial.start()
        if (any(q0 <= cue[0] < q1 for q0, q1 in quotes) or any(t0 < cue[1] and cue[0] < t1 for t0, t1 in taken)
                or _reports_nothing(text, sentence, m, form, opens, lo, published, verbs)):
            continue
        if drafts and drafts[-1].cue in published and form.endswith("ing") and not text[drafts[-1].cue[1]:cue[0]].strip():
            drafts[-1].cue = (drafts[-1].cue[0], cue[1])  # "issued a statement saying": one cue
            continue
        if drafts and drafts[-1].cue == cue:
            continue  # the opening word matched twice
        mode = Mode(verbs.phrase_sources.get(form, Mode.BEFORE))  # "none" phrases never reach here
        source = (source_after(text, cue[1], sentence.end, verbs) if mode == Mode.AFTER
                  else source_before(text, sentence, cue, verbs, lo))
        if opens and source is None and mode == Mode.BEFORE and form.split()[0].endswith("ing"):
            source = PARTICIPLE  # "Citing the report, Sanders urged": the main clause's subject speaks ("Asked", not)
        if source is None and mode == Mode.BEFORE and (source := inverted_source(text, sentence, cue, verbs)):
            mode = Mode.INVERTED
        lead, kept, merged = None, False, False
        if source is None and mode == Mode.BEFORE and (control := _control(text, sentence.start, cue, verbs)):
            if drafts and drafts[-1].cue[0] >= control[0]:  # "declined" of "declined to say" is part of this cue
                prev, merged = drafts[-1], True  # replaced below, once this cue is kept
                lead, source, kept = control[0], prev.source, prev.bare
            elif control[0] >= lo:
                lead, source = control[0], source_before(text, sentence, control, verbs, lo)
        if _lacks_complement(text, sentence, cue, form, source, verbs, actors):
            continue
        bare = form in verbs.no_source and not (mode == Mode.BEFORE and infinitive(text, lo, cue, verbs)) and not lead or kept
        if form in verbs.passive_only and not is_passive(text, lo, cue, verbs):
            continue  # "has seen larger gains" reports nothing; "is seen as" does
        if source is None and mode == Mode.BEFORE and not lead and (
                is_passive(text, lo, cue, verbs) or opens and participle(form) and agent(text, cue[1], sentence.end, verbs)):
            # "was criticized by X"; a reduced passive opening the sentence: "As reported by Western Journalism, …"
            source, mode, bare = agent(text, cue[1], sentence.end, verbs), Mode.PASSIVE, True
        if source is not None or bare:
            who = None
            if source not in (None, PARTICIPLE) and RELATIVE.fullmatch(text[source[0]:source[1]]):
                who = antecedent(text, sentence.start, source[0], verbs)
            if merged:
                drafts.pop()
            drafts.append(Draft(cue=cue, source=source, mode=mode, who=who, bare=bare, lead=lead))
            lo = cue[1]
    return drafts


def fill_content(text: str, sentence: segment.Sentence, drafts: list[Draft], quotes: list[Span],
                  verbs: ReportingVerbs) -> None:
    """Participle sources, and the content of each non-direct draft up to the next clause's cue or source."""
    # positions of clause punctuation, so "is there a , ; – — between the cue and x" is one comparison
    # (punctuation within a quotation is the speaker's, not a clause break of the sentence; a comma closing
    # it, “…,” he said, is one)
    breaks = [sentence.start + m.start() for m in re.finditer(r"[,;–—]", text[sentence.start:sentence.end])
              if not any(q0 < sentence.start + m.start() < q1 and re.search(r"\w", text[sentence.start + m.start():q1])
                         for q0, q1 in quotes)]
    cue_starts = [d.cue[0] for d in drafts]  # drafts come in text order
    next_participle: list[int | None] = [None] * (len(drafts) + 1)  # index of the first participle draft from j on
    for j in range(len(drafts) - 1, -1, -1):
        next_participle[j] = j if drafts[j].source == PARTICIPLE else next_participle[j + 1]
    for i, d in enumerate(drafts):
        if d.source == PARTICIPLE:
            earlier = [e.source for e in drafts[:i] if e.source not in (None, PARTICIPLE)]
            d.source = earlier[-1] if earlier else main_subject(text, sentence, verbs, d.cue[0])
            if d.source is None and not text[sentence.start:d.cue[0]].strip(OPENING_MARKS):  # "Asked whether …,"
                d.source = next((e.source for e in drafts[i + 1:] if e.source not in (None, PARTICIPLE)), None)
            if d.source is None and OPENING_NAME.match(text, sentence.start, d.cue[0]):
                # "The billionaire businessman began by talking", "But the other candidate …, saying that …": the
                # opening word is no subject and the rules find none; the report stays, without a source
                d.bare = True
        if d.kind == "direct":
            continue
        # a later cue ends this content only from another clause ("…the border, but NATO chief…"), not nested in it
        # a coordinated verb of the same subject ("praised X and said …") is a clause of its own, too
        k = bisect.bisect_left(breaks, d.cue[1])
        first_break = breaks[k] if k < len(breaks) else sentence.end + 1
        later = []
        if first_break <= sentence.end:  # only a draft past the clause break can end this content
            j = max(i + 1, bisect.bisect_left(cue_starts, first_break) - 1)
            for e in drafts[j:j + 2]:
                later += [x for x in (e.cue[0], (e.source or PARTICIPLE)[0]) if x >= d.cue[1] and x > first_break]
        participle = next_participle[i + 1] if i + 1 < len(drafts) else None
        if participle is not None and drafts[participle].cue[0] >= d.cue[1]:
            e = drafts[participle]
            later.append(e.lead if e.lead is not None else e.cue[0])
        limit = min(later, default=sentence.end)
        start = drafts[i - 1].cue[1] if i else sentence.start
        if d.mode == Mode.INVERTED:
            d.content = trim(text, start, d.cue[0], verbs)
        elif d.mode == Mode.PASSIVE:  # what follows the agent: "was criticized by X for failing to …"
            after = d.source[1] if d.source else d.cue[1]
            d.content = trim(text, after, limit, verbs) if limit > after else None
        elif d.mode in (Mode.AFTER, Mode.SURVEY):
            d.content = trim(text, start, d.cue[0], verbs)
            if d.content is None and d.source:  # "According to X, …"
                d.content = trim(text, d.source[1], limit, verbs)
        else:
            that = verbs.rx["content_start"].match(text[d.cue[1]:limit])
            d.content = trim(text, d.cue[1] + that.end(), limit, verbs)
            if d.content is None and d.source and text[start:d.source[0]].rstrip().endswith(","):
                d.content = trim(text, start, d.source[0], verbs)  # "Moscow will respond, Peskov said."
        if d.content and any(d.content[0] <= q0 and q1 <= d.content[1] for q0, q1 in quotes):
            d.kind = "mixed"

