"""Who says what, through which verb: rule-based attributions with offsets.

`find_attributions` reads each outlet sentence for a cue (a reporting verb or
phrase from ``data/reporting_verbs.yaml``, or a verb next to a quotation) and
returns `Attribution` records: the cue; its source (the subject before the verb,
the phrase after "according to", or for a participle "…, stressing that" the
subject of the main clause); and its content (the quotation, or the clause after
the cue; ``mixed`` when that clause holds a quotation). The source becomes a
speaker with ``data/speaker_titles.yaml`` ("Russian President Vladimir Putin" →
"Vladimir Putin", title "Russian President"); a later surname or pronoun
resolves to the person named before it. An embedded post is one attribution
spoken by its @handle. Deliberately *not* attributions: a quotation with no cue
next to it (scare quotes, titles of works, "the so-called X") and bare nouns
("calls are growing"): with no speaker, nothing is attributed. Columns of
`attributions_table`: `ATTRIBUTION_COLUMNS`. Spans are ``(start, end)`` str
indices: ``text[start:end]`` is the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from . import segment
from .actors import Actors, normalise_alias
from .data_files import load_data_file, packaged_path
from .errors import SlantError

ATTRIBUTION_COLUMNS = ["article_id", "attribution_index", "sentence_index", "cue_start", "cue_end", "cue",
                       "source_start", "source_end", "source", "content_start", "content_end", "content",
                       "speaker", "speaker_type", "title", "actor", "side", "kind", "register"]
REGISTERS = ("neutral", "assertive", "tentative", "distancing", "emotive", "internal_state")
SPEAKER_TYPES = ("person", "institution", "group", "vague", "embed", "unknown")
KINDS = ("direct", "indirect", "mixed")
EMBED_REGISTER = "neutral"  # an embed is reproduced verbatim: the outlet adds no framing verb
MAX_SOURCE_WORDS = 10
NAME_TOKEN = r"(?:[A-Z][\w’'‐-]*\.?|(?:von|van|der|de|da|al|bin|la|le)(?=\s+[A-Z]))"
NAME_RUN_RE = re.compile(rf"{NAME_TOKEN}(?:\s+{NAME_TOKEN})*")
EDGE = r"(?<![\w’'‐-]){}(?![\w’'‐-])"
GRAMMAR_KEYS = ("auxiliaries", "be_forms", "adverbs", "not_subject_end", "clause_openers",
                "leading_conjunctions", "parentheticals")
Span = tuple[int, int]
Who = tuple[str | None, str, str | None, str | None]  # speaker, speaker_type, title, actor
PARTICIPLE = (-1, -1)  # marks a source still to be taken from the main clause
AFTER_SOURCE_END = re.compile(r"[,;:()—–]|(?<![A-Z])\.(?=\s|$)|\s(?:that|as|while|because|when|who|which)\s")


def _alternation(words) -> str:
    """Regex alternation of words/phrases, longest first, any run of spaces between words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ordered)


def _key(cue_text: str) -> str:
    return " ".join(cue_text.replace("’", "'").lower().split())


@dataclass(frozen=True)
class Attribution:
    """One attribution: cue, source and content spans; who speaks, for which actor, how."""

    cue: Span
    source: Span | None
    content: Span | None
    speaker: str | None
    speaker_type: str
    title: str | None
    actor: str | None
    kind: str
    register: str
    sentence_index: int


@dataclass(frozen=True, eq=False)
class ReportingVerbs:
    """Cue form → register, where each phrase cue's source stands, and the matcher's grammar words."""

    registers: dict[str, str]
    phrase_sources: dict[str, str]
    need_complement: frozenset[str]
    grammar: dict[str, tuple[str, ...]]

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.grammar[key])

    @cached_property
    def rx(self) -> dict[str, re.Pattern]:
        """The matcher's regexes, built once from the lists."""
        g, alt = self.grammar, _alternation
        verbs = alt(w for w in self.registers if w not in self.phrase_sources)
        skip, finite = alt(g["auxiliaries"] + g["adverbs"]), alt(set(g["auxiliaries"]) - {"not", "n't"})
        return {
            "cue": re.compile(EDGE.format(f"(?:(?i:{alt(self.phrase_sources)})|{verbs})")),
            "skip": re.compile(EDGE.format(f"(?P<w>{skip})") + r"\s*$"),
            "opener": re.compile(r"[,;:(\[–—]|" + EDGE.format(f"(?:{alt(g['clause_openers'])})")),
            "finite": re.compile(EDGE.format(f"(?:{finite})")),
            "tail": re.compile(EDGE.format(f"(?:{alt(g['leading_conjunctions'] + ('as', 'while'))})") + "$"),
            "lead": re.compile(rf"(?:{alt(g['leading_conjunctions'])})\s+"),
            "paren": re.compile(rf",\s*(?:{alt(g['parentheticals'])})$"),
            # “…,” he said earlier / “…,” said Putin
            "after_quote": re.compile(rf"\s*(?P<src>he|she|they|it|we|[A-Z][\w’'\-. ]{{0,60}}?)\s+"
                                      rf"(?:(?:{skip})\s+)*(?P<cue>{verbs})(?![\w’'-])"
                                      rf"|\s*(?P<cue2>{verbs})\s+(?P<src2>{NAME_RUN_RE.pattern})"),
            # Putin said: “…” / Peskov told TASS: “…”
            "before_quote": re.compile(rf"(?<![\w’'-])(?P<cue>{verbs})"
                                       rf"(?:\s*,|(?:\s+[^.,:;“”\"]{{1,60}})?\s*:)\s*$"),
            "content_start": re.compile(rf"[\s:]*(?:(?:{alt(g['adverbs'])})\s+)*(?:that\s+)?"),
        }


def _read_verb_files(files: list[Path]) -> ReportingVerbs:
    registers, phrases, need, grammar = {}, {}, set(), {}
    for file in files:
        data = load_data_file(file)
        for register, lemmas in (data.get("registers") or {}).items():
            for lemma, forms in (lemmas if isinstance(lemmas, dict) else {register: None}).items():
                if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                    raise SlantError(f"{file}: '{register}: {lemma}' must be a list of forms under a register")
                registers.update({_key(f): str(register) for f in forms})
        for entry in data.get("phrases") or []:
            if not isinstance(entry, dict) or entry.get("source") not in ("before", "after", "none"):
                raise SlantError(f"{file}: each phrase needs 'forms', 'register' and 'source' (before, after or none)")
            for form in entry.get("forms") or []:
                registers[_key(form)], phrases[_key(form)] = str(entry.get("register", "unknown")), entry["source"]
        need.update(_key(f) for f in data.get("need_complement") or [])
        for name, words in (data.get("grammar") or {}).items():
            grammar[name] = tuple(dict.fromkeys(grammar.get(name, ()) + tuple(str(w) for w in words)))
    missing = [k for k in GRAMMAR_KEYS if k not in grammar]
    if missing:
        raise SlantError(f"{files[-1]}: missing grammar list(s) {', '.join(missing)} (extend the default file)")
    return ReportingVerbs(registers, phrases, frozenset(need), grammar)


@lru_cache(maxsize=1)
def _default_verbs() -> ReportingVerbs:
    return _read_verb_files([packaged_path("reporting_verbs.yaml")])


def load_reporting_verbs(path: str | Path | None = None, *, extend: bool = True) -> ReportingVerbs:
    """Read the reporting-verb registers; a user file extends the packaged one unless ``extend=False``.

    A form listed again in the user file takes the user's register.
    """
    if path is None:
        return _default_verbs()
    return _read_verb_files(([packaged_path("reporting_verbs.yaml")] if extend else []) + [Path(path)])


def register_of(cue_text: str, verbs: ReportingVerbs | None = None) -> str:
    """Register of a cue as printed ("warned" → "assertive"); "unknown" when not in the file."""
    return (verbs or _default_verbs()).registers.get(_key(cue_text), "unknown")


@lru_cache(maxsize=1)
def load_speaker_titles() -> dict:
    """The packaged titles / vague-source / pronoun lists (``data/speaker_titles.yaml``)."""
    data = dict(load_data_file(packaged_path("speaker_titles.yaml")))
    mods, titles = _alternation(data["modifiers"]), _alternation(data["titles"])
    data["title_re"] = re.compile(rf"(?P<title>(?:(?:{mods})(?:\s+|(?<=-)))*(?i:{titles}))\s+(?={NAME_TOKEN})")
    return data


# --- sources and contents ---------------------------------------------------

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
        if comma > 0 and re.match(r"\s*(?:an?|the|former|[a-z])", inner[comma + 1:]):
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


def _source_before(text: str, sentence: segment.Sentence, cue: Span, verbs: ReportingVerbs) -> Span | None:
    """Subject of a verb cue; PARTICIPLE for "…, stressing"; None when passive or infinitive."""
    hi, passive = _skip_left(text, sentence.start, cue[0], verbs)
    before = text[sentence.start:hi].rstrip()
    progressive = text[cue[0]:cue[1]].split()[0].lower().endswith("ing")
    if progressive and before.endswith(","):
        return PARTICIPLE
    if (passive and not progressive) or re.search(r"(?<![\w’'-])to$", before):
        return None
    return _subject(text, sentence.start, hi, verbs)


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


def _direct(text: str, sentence: segment.Sentence, quote: Span, verbs: ReportingVerbs) -> _Draft | None:
    """A quotation with a cue right after it (“…,” he said / said Putin) or before it (Putin said: “…”)."""
    inner = _trim(text, quote[0] + 1, quote[1] - 1, verbs, tail=False) or (quote[0] + 1, quote[1] - 1)
    m = verbs.rx["after_quote"].match(text, quote[1], sentence.end)
    # a quotation ending in a comma (or ? !) is a statement waiting for its cue; a scare quote is not
    if m and re.search(r"[,?!…—–-]\s*$", text[quote[0] + 1:quote[1] - 1]):
        cue, src = ("cue", "src") if m["cue"] else ("cue2", "src2")
        source = _trim(text, m.start(src), m.end(src), verbs, tail=False)
        if _plausible(text, source, verbs):
            return _Draft(m.span(cue), source, inner, "direct")
    if m := verbs.rx["before_quote"].search(text, sentence.start, quote[0]):
        source = _source_before(text, sentence, m.span("cue"), verbs)
        if source and source != PARTICIPLE:
            return _Draft(m.span("cue"), source, inner, "direct")
    return None


def _named(phrase: str, actors: Actors) -> bool:
    """A subject that is a pronoun, an actor's alias or a full name: "Moscow claims", not "member states"."""
    return (phrase.lower() in ("he", "she", "they", "it") or normalise_alias(phrase) in actors.alias_to_actor
            or bool(NAME_RUN_RE.fullmatch(phrase)) and " " in phrase)


def _cues(text: str, sentence: segment.Sentence, quotes: list[Span], taken: list[Span],
          verbs: ReportingVerbs, actors: Actors) -> list[_Draft]:
    """Verb and phrase cues of a sentence outside quotations, each with its source when it has one."""
    drafts = []
    for m in verbs.rx["cue"].finditer(text, sentence.start, sentence.end):
        cue, form = m.span(), _key(m.group())
        if any(q0 <= cue[0] < q1 for q0, q1 in quotes) or any(t0 < cue[1] and cue[0] < t1 for t0, t1 in taken):
            continue
        mode = verbs.phrase_sources.get(form, "before")
        if mode == "none":
            continue
        source = (_source_after(text, cue[1], sentence.end, verbs) if mode == "after"
                  else _source_before(text, sentence, cue, verbs))
        # a form that is also a noun ("states", "claims") needs "that", a quotation or a named subject
        if (form in verbs.need_complement and not re.match(r"\s*(?:that\b|[:“\"])", text[cue[1]:])
                and not (source and source != PARTICIPLE and _named(text[source[0]:source[1]], actors))):
            continue
        if source is not None:
            drafts.append(_Draft(cue, source, mode=mode))
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
        if d.mode == "after":
            d.content = _trim(text, drafts[i - 1].cue[1] if i else sentence.start, d.cue[0], verbs)
            if d.content is None and d.source:  # "According to X, …"
                d.content = _trim(text, d.source[1], limit, verbs)
        else:
            that = verbs.rx["content_start"].match(text[d.cue[1]:limit])
            d.content = _trim(text, d.cue[1] + that.end(), limit, verbs)
        if d.content and any(d.content[0] <= q0 and q1 <= d.content[1] for q0, q1 in quotes):
            d.kind = "mixed"


# --- speakers ---------------------------------------------------------------

@dataclass
class _Speakers:
    """Turns source phrases into speakers, remembering who was named and who spoke, in text order."""

    text: str
    actors: Actors
    lists: dict
    people: list[tuple[int, str, str | None]] = field(default_factory=list)  # (position, full name, title)
    history: list[tuple[int, Who]] = field(default_factory=list)

    def __post_init__(self):
        pattern = re.compile(rf"(?<![\w.]){self.lists['title_re'].pattern}(?P<name>{NAME_RUN_RE.pattern})")
        self.people = [(m.start(), re.sub(r"['’]s$", "", m["name"]), m["title"]) for m in pattern.finditer(self.text)]

    def institutional(self, phrase: str) -> bool:
        return any(w in self.lists["institution_words"] or w in self.lists["titles"] for w in phrase.split())

    @cached_property
    def alias_people(self) -> dict[str, str]:
        """Surname → full name, from multi-word actor aliases that look like people ("Vladimir Putin")."""
        names = [a for a in self.actors.alias_to_actor if NAME_RUN_RE.fullmatch(a) and " " in a]
        return {n.split()[-1]: n for n in reversed(names) if not self.institutional(n)}

    def actor_of(self, phrase: str) -> str | None:
        return self.actors.actor_of(re.sub(r"^The\b", "the", phrase.strip()))

    def people_before(self, anchor: int) -> list[tuple[int, str, str | None]]:
        spoke = [(p, who[0], who[2]) for p, who in self.history if who[1] == "person" and who[0]]
        return sorted(p for p in self.people + spoke if p[0] < anchor)

    def person(self, name: str, title: str | None) -> Who:
        """A person; the actor is the name's, else the title's unless the title says "former"."""
        actor = self.actors.actor_of(name)
        if actor is None and title and title.split()[0] not in self.lists["no_actor_modifiers"]:
            actor = self.actor_of(title)
        return name, "person", title, actor

    def known(self, run: str, anchor: int) -> tuple[str, str | None] | None:
        """Full name and title of the latest person before ``anchor`` whose name is or ends with ``run``."""
        run = re.sub(r"['’]s$", "", run)
        for _, name, title in reversed(self.people_before(anchor)):
            if name == run or name.endswith(" " + run):
                return name, title
        return (self.alias_people[run], None) if run in self.alias_people else None

    def antecedent(self, kind: str, anchor: int) -> Who:
        """What a pronoun stands for: the latest person (he/she), or group/institution/vague source (they/it)."""
        if kind == "person":
            people = self.people_before(anchor)
            return self.person(people[-1][1], people[-1][2]) if people else (None, "unknown", None, None)
        wanted = ("institution",) if kind == "institution" else ("group", "vague", "institution")
        return next((who for p, who in reversed(self.history) if p < anchor and who[1] in wanted),
                    (None, "unknown", None, None))

    def describe(self, source: Span, anchor: int) -> Who:
        """Speaker, speaker_type, title and actor of a source phrase; remembered for later pronouns."""
        who = self._describe(self.text[source[0]:source[1]], anchor)
        self.history.append((source[0], who))
        return who

    def _describe(self, phrase: str, anchor: int) -> Who:
        lists = self.lists
        pronoun = next((k for k, words in lists["pronouns"].items() if phrase in words), None)
        if pronoun:
            return self.antecedent(pronoun, anchor)
        head, _, apposition = phrase.partition(",")
        dets = _alternation(lists["determiners"])
        relative = re.match(r"(?:who|which|whose)\b", apposition.strip())
        title = None if relative else re.sub(rf"^(?:{dets})\s+", "", apposition.strip()) or None
        core = re.sub(rf"^(?:(?:{dets})\s+)+", "", head.strip()) or head.strip()
        lower = core.lower()
        if (any(lower == o or lower.startswith(o + " ") for o in lists["vague_openers"])
                or lower in lists["vague_heads"] or lower.split()[-1] in lists["vague_heads"]):
            return head.strip(), "vague", None, self.actor_of(phrase)
        if re.search(r"\s(?:and|&)\s", core):
            actors = {m.actor for m in self.actors.mentions(re.sub(r"^The\b", "the", phrase))}
            return core, "group", None, actors.pop() if len(actors) == 1 else None
        m = lists["title_re"].match(core)
        rest, title = (core[m.end():], title or m["title"]) if m else (core, title)
        runs = NAME_RUN_RE.findall(rest)
        known = self.known(runs[-1], anchor) if runs else None
        if known or (runs and (m or (runs[-1] == rest and " " in rest and not self.institutional(rest)))):
            name, known_title = known or (re.sub(r"['’]s$", "", runs[-1]), None)
            return self.person(name, title or known_title)
        actor = self.actor_of(head)
        return core, "institution" if actor or self.institutional(core) else "unknown", title, actor


# --- public -----------------------------------------------------------------

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
    quotes = segment.quotations(text)
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
        who = speakers.describe(d.source, min(d.source[0], d.content[0] if d.content else d.cue[0]))
        result.append(Attribution(d.cue, d.source, d.content, *who, d.kind,
                                  register_of(text[d.cue[0]:d.cue[1]], verbs), index))
    return sorted(result + _embeds(text, sentences), key=lambda a: a.cue[0])


def attributions_table(article_id: str, text: str, attributions: list[Attribution], actors: Actors) -> pd.DataFrame:
    """Attributions as rows with columns `ATTRIBUTION_COLUMNS`; span columns are nullable ints (Int64)."""
    rows = []
    for i, a in enumerate(attributions):
        row = {"article_id": article_id, "attribution_index": i, "sentence_index": a.sentence_index}
        for name, span in (("cue", a.cue), ("source", a.source), ("content", a.content)):
            row[f"{name}_start"], row[f"{name}_end"] = span if span else (None, None)
            row[name] = text[span[0]:span[1]] if span else None
        row.update(speaker=a.speaker, speaker_type=a.speaker_type, title=a.title, actor=a.actor,
                   side=actors.side_of(a.actor), kind=a.kind, register=a.register)
        rows.append(row)
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for column in ATTRIBUTION_COLUMNS:
        if column.endswith(("_start", "_end", "_index")):
            table[column] = table[column].astype("Int64")
    return table
