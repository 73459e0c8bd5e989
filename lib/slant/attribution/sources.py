"""Sources of a cue: the subject before it, the phrase after it, or the main clause's subject.

`source_before` finds the subject of a verb cue (with its apposition: "Seth
G. Jones, a former U.S. military official, compared"), `inverted_source` the
phrase after "…, said X", `source_after` the phrase after "according to".
Spans are ``(start, end)`` str indices; None when the cue has no source.
"""

from __future__ import annotations

import re

from .. import segment
from .verbs import NAME_RUN_RE, ReportingVerbs, Span

MAX_SOURCE_WORDS = 12
MAX_INVERTED_SOURCE_WORDS = 25  # "…, said David Gilbert, its president and CEO, who …" keeps its apposition
RELATIVE = re.compile(r"(?<![\w’'-])(?:who|which|that)$", re.I)
# markup and links are not speakers; a slash between words is a joint name ("NBC/Wall Street Journal poll")
NOT_A_SOURCE = re.compile(r"[<>=@#\[\]{}|]|(?<![\w.])/|/(?!\w)|://|\bwww\.")
INVERTED_SOURCE = re.compile(r"\s+(?!(?:that|in|on|at|to|of|by|with|for|from|about|and|or|but)\b)[\w@]")
COORDINATED = re.compile(r"(?<![\w’'-])(?:and|but|then|and then|but also)$", re.I)
PARTICIPLE = (-1, -1)
OPENING_NAME = re.compile(rf"\s*(?:(?:And|But|Then|So)\s+)?"
                          rf"(?P<name>He|She|They|{NAME_RUN_RE.pattern})(?=\s+[a-z])")  # marks a source still to be taken from the main clause
# a gerund after a preposition takes the main clause's subject: "by warning", "before announcing", "while arguing"
GERUND_AFTER = re.compile(r"(?<![\w’'-])(?:by|after|before|while|when|without|in|upon)$", re.I)
# "… the campaign Clinton envisioned": a lower-case word, then a name run or a subject pronoun ending the span
REDUCED_RELATIVE = re.compile(rf"(?<![\w’'-])(?P<word>[a-z]+) (?P<who>he|she|they|we|I|{NAME_RUN_RE.pattern})\s*$")
AFTER_SOURCE_END = re.compile(r"[,;:()—–]|(?<![A-Z])\.(?=\s|$)|\s(?:that|as|while|because|when|who|which)\s")

def trim(text: str, start: int, end: int, verbs: ReportingVerbs, tail: bool = True) -> Span | None:
    """Span without edge spaces and punctuation, nor a dangling conjunction at its end ("…, but")."""
    edge = " \t\n,;:–—-"
    while True:
        before = (start, end)
        while start < end and text[start] in edge:
            start += 1
        while end > start and text[end - 1] in edge:
            end -= 1
        # a final full stop goes, but not the one of "U.S."
        if end > start and text[end - 1] == "." and not re.search(r"(?:[A-Z]\.){2,}$", text[max(start, end - 24):end]):
            end -= 1
        # the dangling word is short: look at the end only, so trimming stays linear in long contents
        if tail and (m := verbs.rx["tail"].search(text, max(start, end - 24), end)):
            end = m.start()
        if (start, end) == before:
            return (start, end) if end > start else None


def skip_left(text: str, lo: int, hi: int, verbs: ReportingVerbs) -> tuple[int, bool]:
    """Where the words before a verb end once auxiliaries/adverbs are skipped; True if a be-form was nearest."""
    be, aux, passive = verbs.words("be_forms"), verbs.words("auxiliaries"), None
    while hi > lo and (m := verbs.rx["skip"].search(text, lo, hi)):
        if m["c"]:  # a contraction ("he's said") does not tell "is" from "has"
            hi = m.start("c")
            continue
        if passive is None and m["w"].lower() in aux:
            passive = m["w"].lower() in be
        hi = m.start("w")
    return hi, bool(passive)


def plausible(text: str, span: Span | None, verbs: ReportingVerbs) -> bool:
    """A subject is short, has no auxiliary and ends in neither a preposition nor a possessive."""
    words = text[span[0]:span[1]].split() if span else []
    if not words or NOT_A_SOURCE.search(text, span[0], span[1]) or not re.search(r"[^\W\d_]", words[-1]):
        return False
    leading = verbs.words("leading_subordinators") | verbs.words("leading_conjunctions")
    if all(w.lower() in leading for w in words):
        return False  # "When" of "When asked whether …" is no one
    return (0 < len(words) <= MAX_SOURCE_WORDS and not any(w.lower() in verbs.words("auxiliaries") for w in words)
            and words[-1].lower() not in verbs.words("not_subject_end") and not re.search(r"['’]s?$", words[-1]))


SUBJECT_WINDOW = 400  # characters: far more than MAX_SOURCE_WORDS words


def subject(text: str, lo: int, hi: int, verbs: ReportingVerbs) -> Span | None:
    """The subject phrase ending at ``hi``: from the last clause opener or comma before it.

    An apposition between commas ("Seth G. Jones, a former U.S. military
    official, compared") stays in the source.
    """
    # a subject has at most MAX_SOURCE_WORDS words: looking further back than a few hundred characters only finds
    # phrases too long to be one, and would make a sentence with many cues quadratic
    lo = max(lo, hi - SUBJECT_WINDOW)
    cut = max((m.end() for m in verbs.rx["opener"].finditer(text[lo:hi])), default=0)
    span = trim(text, lo + cut, hi, verbs, tail=False)
    if span and (lead := verbs.rx["lead"].match(text[span[0]:span[1]])):
        span = (span[0] + lead.end(), span[1])
    elif not span and text[lo:hi].rstrip().endswith(","):
        return _appositive(text, lo, text[lo:hi].rstrip()[:-1], verbs)
    return span if plausible(text, span, verbs) else None


def antecedent(text: str, lo: int, relative: int, verbs: ReportingVerbs) -> Span | None:
    """The noun phrase a relative pronoun at ``relative`` attaches to: "Mayor Ann Dole, who took office in May,
    said" → "Mayor Ann Dole"; "voters who said" → "voters" (the subject phrase ending before it, its comma aside)."""
    hi = relative
    while hi > lo and text[hi - 1] in " \t\n":
        hi -= 1
    if hi > lo and text[hi - 1] == ",":
        hi -= 1
    return subject(text, lo, hi, verbs)


def _appositive(text: str, lo: int, inner: str, verbs: ReportingVerbs) -> Span | None:
    """Subject whose apposition or relative clause sits between commas before the verb.

    The nearest comma to the left with a plausible head wins ("Eddie Griffin,
    who at the time was a member of X, a group of bloggers, said"); a long
    apposition (up to `MAX_INVERTED_SOURCE_WORDS`) needs a capitalised head.
    """
    comma = len(inner)
    while (comma := inner.rfind(",", 0, comma)) > 0:
        words = len(inner[comma + 1:].split())
        if not words or words > MAX_INVERTED_SOURCE_WORDS:
            return None
        head = subject(text, lo, lo + comma, verbs)
        if head and (words <= MAX_SOURCE_WORDS or re.search(r"[A-Z]", text[head[0]:head[1]])):
            return head[0], lo + len(inner.rstrip())
    return None


def main_subject(text: str, sentence: segment.Sentence, verbs: ReportingVerbs, end: int) -> Span | None:
    """Subject of the sentence's main clause: the phrase before its first auxiliary before ``end``, else
    the name or pronoun opening the sentence ("Stoltenberg met Zelensky and said…")."""
    m = verbs.rx["finite"].search(text, sentence.start, end)
    if not m:
        m = OPENING_NAME.match(text, sentence.start, end)
        # "But the other candidate …, saying": a capitalised conjunction or subordinator is no name
        return m.span("name") if m and plausible(text, m.span("name"), verbs) else None
    region = text[sentence.start:m.start()].rstrip(" ,")
    paren = verbs.rx["paren"].search(region)  # "The Western alliance, however, has…"
    return subject(text, sentence.start, sentence.start + (paren.start() if paren else len(region)), verbs)


def source_before(text: str, sentence: segment.Sentence, cue: Span, verbs: ReportingVerbs,
                   lo: int | None = None) -> Span | None:
    """Subject of a verb cue; PARTICIPLE for "…, stressing"; None when passive or infinitive.

    ``lo`` bounds the subject on the left (the end of an earlier cue of the
    sentence: "The poll showed voters say…" → "voters"); a relative pronoun
    right before the verb is the source ("voters who said" → "who").
    """
    lo = sentence.start if lo is None else lo
    hi, passive = skip_left(text, lo, cue[0], verbs)
    before = text[lo:hi].rstrip()
    progressive = text[cue[0]:cue[1]].split()[0].lower().endswith("ing")
    if progressive and (before.endswith(",") or GERUND_AFTER.search(before)):
        return PARTICIPLE  # "…, stressing" / "rallied supporters by warning": the main clause's subject
    if (passive and not progressive) or re.search(r"(?<![\w’'-])to(?:\s+\w+ly)*$", before):
        return None
    if m := RELATIVE.search(before):
        return (lo + m.start(), lo + m.end())
    if COORDINATED.search(before):  # "…met survivors and said": the subject of the first verb
        return PARTICIPLE
    # an earlier cue's clause may hold this verb's subject ("X, who backed Y, said"): retry from the start
    again = subject(text, sentence.start, hi, verbs) if lo > sentence.start else None
    return (subject(text, lo, hi, verbs) or again or _relative_subject(text, lo, hi, verbs)
            or _evidence_subject(text, lo, hi, verbs))


def subject_of(text: str, sentence: segment.Sentence, cue: Span, verbs: ReportingVerbs) -> Span | None:
    """The speaker phrase of a cue found without one: the subject before it, the main clause's subject for a
    participle ("…, saying"), the name after it when it follows a comma or quotation ("…, said Smith");
    None for a passive or infinitive cue."""
    source = source_before(text, sentence, cue, verbs)
    if source == PARTICIPLE:
        source = main_subject(text, sentence, verbs, cue[0])
    return source or inverted_source(text, sentence, cue, verbs)


# a noun phrase headed by evidence, its head within its first words: "A USA TODAY/Suffolk University poll",
# "An analysis by Politifact of presidential elections going back to 1972", "Early results of exit polls conducted…"
EVIDENCE_HEAD_WITHIN = 6


def _evidence_subject(text: str, lo: int, hi: int, verbs: ReportingVerbs) -> Span | None:
    """A subject headed by an evidence noun (``evidence_heads``) whose post-modifiers make it too long or too
    odd for `subject` (it ends in a number or runs past `MAX_SOURCE_WORDS`): the whole phrase from the last
    comma or clause opener, up to `MAX_INVERTED_SOURCE_WORDS` words, the head among its first words."""
    lo = max(lo, hi - SUBJECT_WINDOW)
    cut = max((m.end() for m in verbs.rx["opener"].finditer(text[lo:hi])), default=0)
    span = trim(text, lo + cut, hi, verbs, tail=False)
    if not span or NOT_A_SOURCE.search(text, span[0], span[1]):
        return None
    if lead := verbs.rx["lead"].match(text[span[0]:span[1]]):
        span = (span[0] + lead.end(), span[1])
    words = text[span[0]:span[1]].split()
    return span if len(words) <= MAX_INVERTED_SOURCE_WORDS and evidence_headed(words, verbs) else None


def evidence_headed(words: list[str], verbs: ReportingVerbs) -> bool:
    """An evidence noun among the phrase's first words, and no participle at its end ("… elections going"
    before "back to 1972" is a verb group, not a subject)."""
    lowered = [w.strip("’'").lower() for w in words]
    return (bool(lowered) and not lowered[-1].endswith("ing")
            and any(w in verbs.words("evidence_heads") for w in lowered[:EVIDENCE_HEAD_WITHIN]))


def _relative_subject(text: str, lo: int, hi: int, verbs: ReportingVerbs) -> Span | None:
    """The name or pronoun right before the verb of a reduced object relative clause: "the campaign Clinton
    envisioned", "the lesson they intended" (a name run or subject pronoun after a lower-case word)."""
    m = REDUCED_RELATIVE.search(text, max(lo, hi - SUBJECT_WINDOW), hi)
    if not m or (m["word"] in verbs.words("not_subject_end")):  # "backed by Clinton said": Clinton is no subject
        return None
    return m.span("who")


def infinitive(text: str, lo: int, cue: Span, verbs: ReportingVerbs) -> bool:
    """True when the cue follows "to" ("declined to say"): its source is the subject of another verb."""
    hi, _ = skip_left(text, lo, cue[0], verbs)
    return re.search(r"(?<![\w’'-])to(?:\s+\w+ly)*$", text[lo:hi].rstrip()) is not None


def inverted_source(text: str, sentence: segment.Sentence, cue: Span, verbs: ReportingVerbs) -> Span | None:
    """Source after a cue that follows a comma or a quotation: "…, said David Gilbert, its president."."""
    before = text[sentence.start:cue[0]].rstrip()
    # after a comma, or a quotation ending in a comma (“…,” said X); not after a scare quote
    if not re.search(r"[,?!…—–-][’'‘]?(?:[”\"]|'')?$", before) or not INVERTED_SOURCE.match(text, cue[1], sentence.end):
        return None
    span = trim(text, cue[1], sentence.end, verbs, tail=False)
    words = text[span[0]:span[1]].split() if span else []
    if not words or len(words) > MAX_INVERTED_SOURCE_WORDS or words[0].lower() == "that":
        return None
    return span if not NOT_A_SOURCE.search(text, span[0], span[1]) else None


def source_after(text: str, start: int, end: int, verbs: ReportingVerbs) -> Span | None:
    """Source phrase after "according to": up to a comma, a clause word or the sentence end.

    A phrase closed by punctuation or a clause word may be as long as an
    inverted source ("according to early results of exit polls conducted for
    the AP by Edison Research, …"); one that runs on unclosed stops at
    ``MAX_SOURCE_WORDS``, since its end is then unknown.
    """
    m = AFTER_SOURCE_END.search(text, start, end)
    span = trim(text, start, m.start() if m else end, verbs)
    limit = MAX_INVERTED_SOURCE_WORDS if m else MAX_SOURCE_WORDS
    return span if span and len(text[span[0]:span[1]].split()) <= limit else None


