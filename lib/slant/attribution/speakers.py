"""Speakers: a source phrase becomes a speaker, its type, title and actor.

"Russian President Vladimir Putin" → speaker "Vladimir Putin", title "Russian
President", actor Russia (titles from ``data/speaker_titles.yaml``); a later
surname or pronoun resolves to the person or group named before it; "some
experts" is vague, "the US and Germany" a group.
"""

from __future__ import annotations

from typing import Iterator

import bisect
import heapq
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..actors import Actors
from ..data_files import load_data_file, packaged_path
from .records import NO_SPEAKER, Span, Speaker
from .verbs import NAME_RUN_RE, NAME_TOKEN, alternation

# "Twitter's Adam Sharp", "the NRA’s Wayne LaPierre": a possessor, then a name of two or more words
POSSESSOR_BEFORE_NAME = re.compile(rf"(?P<title>(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s)\s+"
                                   rf"(?={NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}$)")
# "Trump's campaign manager Kellyanne Conway": a name of two or three words that ends the phrase (each try is
# bounded to three words, so a search over a long phrase stays linear)
TRAILING_NAME = re.compile(rf"\s(?={NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,2}}$)")
# a time: "Tuesday", "last week", "on Friday evening" (DAYS: the words a time adjunct may stand on)
DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight"
TIME = (rf"(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:{DAYS}|week|month|year|night|morning|afternoon|evening)"
        r"(?:\s+(?:morning|afternoon|evening|night))?")
# "Last week the ex-councillor", "Wednesday he": a time adjunct before the source is no part of the speaker
TIME_OPENER = re.compile(rf"{TIME},?\s+(?=\S)", re.IGNORECASE)
# a source that is only a time ("Tuesday", "Super Tuesday", "last week") names no one
TIME_ONLY = re.compile(rf"(?:super\s+)?{TIME}", re.IGNORECASE)
# "Mr. Akin on Tuesday": a time adjunct after the source is no part of it either (a day, not "week": "Fashion Week")
TIME_TRAILER = re.compile(rf",?\s+(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:{DAYS})"
                          r"(?:\s+(?:morning|afternoon|evening|night))?$", re.IGNORECASE)
SENTENCE_END_IN_NAME = re.compile(r"(?<=[a-z]{2})\.(?=\s)|\s*\n")  # "Obama.\n\nAdmiral" ("W." is an initial)
ACRONYM = re.compile(r"[A-Z][A-Z&.]*[A-Z]\.?")  # "NRA", "NAACP", "U.N.": an organisation, not a person
WRITER = "the writer"  # the speaker of a first-person source in the outlet's voice ("I guess", "as we explained")


FUNCTION_TAGS = ("DT", "IN", "CC", "PRP", "WDT", "WP", "MD", "RB", "EX", "PDT", "TO", "UH", "VB", "JJ")


def _proper(word: str) -> bool:
    """A lone capitalised word may be a surname: Brill's lexicon lists it as a proper noun, or does not list it
    and its lower-case form is no function word, verb or adjective ("This", "Several", "Asked" are not names)."""
    from .features import pos_lexicon

    tags = pos_lexicon()
    tag = tags.get(word) or tags.get(word.lower())
    return tag is None or tag.startswith("NN") or not tag.startswith(FUNCTION_TAGS)


@lru_cache(maxsize=1)
def _not_speaker_openers() -> frozenset[str]:
    return frozenset(w.lower() for w in load_speaker_titles().get("not_speaker_openers", ()))


def personal_name(name: str) -> bool:
    """Every word of ``name`` may be part of a person's name ("Hillary Clinton"; not "Yet Clinton", "Minnesota
    Democratic": a conjunction or an adjective is none)."""
    words = name.split()
    return (bool(words) and "\n" not in name and words[0].lower() not in _not_speaker_openers()
            and all(_proper(w.rstrip(".")) or len(w) <= 2 for w in words))


def head_words(phrase: str, clause_words: frozenset[str]) -> list[str]:
    """The words of a noun phrase before its first preposition, relative or subordinator, lower case: where its
    head is ("many officials" of "many officials on the island", "people familiar" of "people familiar with")."""
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in clause_words), len(words))
    return [w.lower().strip(".,;:’'") for w in words[:cut]]


@lru_cache(maxsize=1)
def load_speaker_titles() -> dict:
    """The packaged titles / vague-source / pronoun lists (``data/speaker_titles.yaml``)."""
    data = dict(load_data_file(packaged_path("speaker_titles.yaml")))
    mods, titles = alternation(data["modifiers"]), alternation(data["titles"])
    # at most four modifiers before a title ("former US Deputy Secretary"): an unbounded run would be
    # retried from every word of a long run of modifiers ("U.S. U.S. …"), quadratic in its length
    data["title_re"] = re.compile(rf"(?P<title>(?:(?:{mods})(?:\s+|(?<=-))){{0,4}}(?i:{titles}))\s+(?={NAME_TOKEN})")
    return data


FEMALE, MALE = "female", "male"
PRONOUN_GENDER = {"she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE,
                  "he": MALE, "him": MALE, "his": MALE, "himself": MALE}
TITLE_GENDER = {"mrs.": FEMALE, "ms.": FEMALE, "miss": FEMALE, "madam": FEMALE, "congresswoman": FEMALE,
                "spokeswoman": FEMALE, "chairwoman": FEMALE, "councilwoman": FEMALE, "queen": FEMALE,
                "princess": FEMALE, "first lady": FEMALE, "mr.": MALE, "congressman": MALE, "spokesman": MALE,
                "chairman": MALE, "councilman": MALE, "king": MALE, "prince": MALE}
HONORIFIC_RE = re.compile(r"(?<![\w.])(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z]\.\s+)*([A-Z][\w’'-]+)")


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name → its gender, for names US usage gives to one gender (``data/first_names.yaml``)."""
    data = load_data_file(packaged_path("first_names.yaml"))
    return {**{str(n): FEMALE for n in data["female"]}, **{str(n): MALE for n in data["male"]}}


@dataclass
class Speakers:
    """Turns source phrases into speakers, remembering who was named and who spoke, in text order."""

    text: str
    actors: Actors
    lists: dict
    people: list[tuple[int, str, str | None]] = field(default_factory=list)  # (position, full name, title)
    history: list[tuple[int, Speaker]] = field(default_factory=list)

    def __post_init__(self):
        pattern = re.compile(rf"(?<![\w.]){self.lists['title_re'].pattern}(?P<name>{NAME_RUN_RE.pattern})")
        self.people = [(m.start(), *self._untitled(re.sub(r"['’]s$", "", m["name"]), m["title"]))
                       for m in pattern.finditer(self.text)]
        self._positions = [p[0] for p in self.people]

    def _untitled(self, name: str, title: str) -> tuple[str, str]:
        """A name run that opens with more titles ("fellow Sen. Ted Cruz": title "fellow", run "Sen. Ted Cruz")
        gives them to the title."""
        while (m := self.lists["title_re"].match(name)) and m.end() < len(name):
            name, title = name[m.end():], f"{title} {m['title']}"
        # a run does not go on past its sentence: "President Obama.\n\nAdmiral Harris" names Obama
        return SENTENCE_END_IN_NAME.split(name, maxsplit=1)[0], title

    def institutional(self, phrase: str) -> bool:
        return any(w in self.lists["institution_words"] or w in self.lists["titles"] for w in phrase.split())

    @cached_property
    def alias_people(self) -> dict[str, str]:
        """Surname → full name, from multi-word actor aliases that look like people ("Vladimir Putin")."""
        names = [a for a in self.actors.alias_to_actor if NAME_RUN_RE.fullmatch(a) and " " in a]
        return {n.split()[-1]: n for n in reversed(names) if not self.institutional(n)}

    def actor_of(self, phrase: str) -> str | None:
        return self.actors.actor_of(re.sub(r"^The\b", "the", phrase.strip()))

    def people_before(self, anchor: int) -> Iterator[tuple[int, str, str | None]]:
        """People named or heard before ``anchor``, latest first (lazily: most lookups stop at the first)."""
        named = (self.people[j] for j in range(bisect.bisect_left(self._positions, anchor) - 1, -1, -1))
        spoke = ((p, who.name, who.title) for p, who in reversed(self.history)
                 if who.type == "person" and who.name and p < anchor)
        return heapq.merge(named, spoke, key=lambda p: p[0], reverse=True)

    def person(self, name: str, title: str | None) -> Speaker:
        """A person; the actor is the name's, else the title's unless the title says "former"."""
        name = re.sub(r"(?<=\w\w\w)\.$", "", name)  # "Bernie Sanders." at a sentence end; "George W." keeps its dot
        actor = self.actors.actor_of(name)
        if actor is None and title and title.split()[0] not in self.lists["no_actor_modifiers"]:
            actor = self.actor_of(title)
        return Speaker(name, "person", title, actor)

    def known(self, run: str, anchor: int) -> tuple[str, str | None] | None:
        """Full name and title of the latest person before ``anchor`` whose name is or ends with ``run``."""
        run = re.sub(r"['’]s$", "", run)
        if self.plural_people(run):
            return None  # "Republicans" is a group, not the surname of an earlier "Missouri Republicans"
        for _, name, title in self.people_before(anchor):  # case aside: "De Blasio" opening a sentence is "Bill de Blasio"
            if name.lower() == run.lower() or name.lower().endswith(" " + run.lower()):
                return name, title
        return (self.alias_people[run], None) if run in self.alias_people else None

    def titled_before(self, word: str, anchor: int) -> tuple[str, str | None] | None:
        """The latest person before ``anchor`` whose title ends in ``word`` ("Judge Berman" for "the judge")."""
        if word.lower() not in self._title_words:
            return None
        for _, name, title in self.people_before(anchor):
            if title and title.split()[-1].lower().rstrip(".") == word.lower():
                return name, title
        return None

    @cached_property
    def _title_words(self) -> frozenset[str]:
        return frozenset(t.split()[-1].lower().rstrip(".") for t in self.lists["titles"])

    @cached_property
    def _honorifics(self) -> dict[str, str | None]:
        """Surname → gender from the article's own "Mr. Sanders" / "Mrs. Clinton" (None where it uses both)."""
        found: dict[str, str | None] = {}
        for m in HONORIFIC_RE.finditer(self.text):
            gender = MALE if m[1] == "Mr" else FEMALE
            found[m[2]] = gender if found.get(m[2], gender) == gender else None
        return found

    def gender_of(self, name: str, title: str | None) -> str | None:
        """A person's gender where the text says it: a gendered title, the article's "Mr."/"Ms.", a first name."""
        for word in reversed((title or "").lower().split()):
            if word in TITLE_GENDER:
                return TITLE_GENDER[word]
        words = name.split()
        if not words:
            return None
        said = self._honorifics.get(words[-1].rstrip("."))
        if said is not None:
            return said
        return first_name_genders().get(words[0]) if len(words) > 1 else None

    def antecedent(self, kind: str, anchor: int, gender: str | None = None) -> Speaker:
        """What a pronoun stands for: the latest person (he/she) of its gender where the text says it, else the
        latest person; or the latest group/institution/vague source (they/it)."""
        if kind == "person":
            people = self.people_before(anchor)
            latest = next(people, None)
            if latest and gender and self.gender_of(latest[1], latest[2]) not in (None, gender):
                # "Sanders spoke first. She said …": the latest person the pronoun can stand for, if any
                agreeing = next((p for p in people if self.gender_of(p[1], p[2]) in (None, gender)), None)
                latest = agreeing or latest
            return self.person(latest[1], latest[2]) if latest else NO_SPEAKER
        wanted = ("institution",) if kind == "institution" else ("group", "vague", "institution")
        return next((who for p, who in reversed(self.history) if p < anchor and who.type in wanted), NO_SPEAKER)

    def describe(self, source: Span, anchor: int) -> Speaker:
        """Speaker, speaker_type, title and actor of a source phrase; remembered for later pronouns."""
        who = self._describe(self.text[source[0]:source[1]], anchor)
        self.history.append((source[0], who))
        return who

    def _describe(self, phrase: str, anchor: int) -> Speaker:
        lists = self.lists
        phrase = re.sub(r"(?<=\w)['’]s$|(?<=s)['’]$", "", phrase)  # a possessor ("Trump’s criticism of") is the name
        phrase = re.sub(r"\s*\([^()]*\)", "", phrase).strip()  # "Bob Casey (D-Pa.)": the party and state are no name
        phrase = TIME_OPENER.sub("", phrase, count=1) if TIME_OPENER.match(phrase) else phrase
        if TIME_ONLY.fullmatch(phrase):
            return NO_SPEAKER  # "Super Tuesday, turned": a time names no one
        phrase = TIME_TRAILER.sub("", phrase)  # "Mr. Akin on Tuesday refused": Akin, not "Tuesday"
        while (first := phrase.split(" ", 1)) and first[0].lower() in self._openers | self._relatives:
            phrase = first[1].strip() if len(first) > 1 else ""  # "Despite Trump", "When asked": no speaker word
            if first[0].lower() in self._relatives and not self.named(phrase):
                return NO_SPEAKER  # "who run news organizations": a relative clause names no one
        if not phrase:
            return NO_SPEAKER  # a relative pronoun with no antecedent found names no one
        if phrase in lists["first_person"]:  # cues inside quotations are not read, so "I" is the outlet's writer
            return Speaker(WRITER, "writer")
        pronoun = next((k for k, words in lists["pronouns"].items() if phrase in words), None)
        if pronoun:
            return self.antecedent(pronoun, anchor, PRONOUN_GENDER.get(phrase.lower()))
        head, _, apposition = phrase.partition(",")
        dets = alternation(lists["determiners"])
        relative = re.match(r"(?:who|which|whose)\b", apposition.strip())
        title = None if relative else re.sub(rf"^(?:{dets})\s+", "", apposition.strip()) or None
        core = re.sub(rf"^(?:(?:{dets})\s+)+", "", head.strip()) or head.strip()
        if not re.search(r"\w", core):
            return NO_SPEAKER  # punctuation only (", who …" once the apposition is cut)
        lower = core.lower()
        if (any(lower == o or lower.startswith(o + " ") for o in lists["vague_openers"])
                or lower in lists["vague_heads"] or lower.split()[-1] in lists["vague_heads"]):
            return Speaker(head.strip(), "vague", None, self.actor_of(phrase))
        if re.search(r"\s(?:and|&)\s", core):
            if not self.named(core) and not self.denotes_people(core):
                return NO_SPEAKER  # "prayers and good wishes"
            actors = {m.actor for m in self.actors.mentions(re.sub(r"^The\b", "the", phrase))}
            return Speaker(core, "group", None, actors.pop() if len(actors) == 1 else None)
        if core != head.strip() and " " not in core and (titled := self.titled_before(core, anchor)):
            return self.person(*titled)  # "the judge" after "Judge Berman": a definite description of one named before
        m = lists["title_re"].match(core) or self._inner_title(core)
        rest, title = (core[m.end():], title or m["title"]) if m else (core, title)
        runs = NAME_RUN_RE.findall(self._before_affiliation(rest))
        # a name that modifies the head ("Democratic voters", "the Clinton campaign") is not the speaker's name
        heads = bool(runs) and self._before_affiliation(rest).rstrip(" .,;:").endswith(runs[-1].rstrip("."))
        known = self.known(runs[-1], anchor) if heads else None
        if known or (runs and (m or (runs[-1] == rest and not self.institutional(rest)
                                     and (" " in rest or self.actor_of(rest) is None and _proper(rest))))):
            # a lone capitalised word that is no actor or institution is a surname ("said Smith, a neighbour")
            name, known_title = known or (re.sub(r"['’]s$", "", runs[-1]), None)
            if not known and not m and ACRONYM.fullmatch(name):
                return Speaker(name, "institution", title, self.actor_of(name))  # "the NRA insists": an organisation
            if not known and self.plural_people(name.split()[-1]):  # "Missouri Republicans": people, not a person
                return Speaker(name, "group", title, self.actor_of(name))
            return self.person(name, title or known_title)
        actor = self.actor_of(head)
        if not actor and not self.named(core) and not self.denotes_people(core):
            return NO_SPEAKER  # "the indictment", "his promise": an event or document is no speaker
        return Speaker(core, "institution" if actor or self.institutional(core) else "unknown", title, actor)

    def plural_people(self, word: str) -> bool:
        """A plural noun for people ("Republicans", "Democrats", "Americans"): the last word of a group's name."""
        return word.lower().endswith("s") and word.lower() in self._people_nouns

    def named(self, phrase: str) -> bool:
        """A capitalised word or a number in the phrase, other than an opening determiner or pronoun."""
        return any(w[0].isupper() or w[0].isdigit() for w in phrase.split() if w.lower() not in self._closed_words)

    def denotes_people(self, phrase: str) -> bool:
        """The head of the phrase, or of one of its parts joined by "and", is a person or organisation noun,
        a pronoun or a quantifier standing for people ("two aides", "many of them", "officials in Ohio",
        "the ex-congressman")."""
        return any(w.removeprefix("ex-") in self._people_nouns for part in re.split(r"\s+(?:and|&)\s+", phrase)
                   for w in head_words(part, self.clause_words))

    @cached_property
    def clause_words(self) -> frozenset[str]:
        return self._openers | self._relatives

    def _inner_title(self, core: str) -> re.Match | None:
        """A title inside a capitalised run before a name ("Police Chief Bob Jones"), or any title words right
        before a name that ends the phrase ("Outgoing White House economic adviser Larry Summers"), or a
        role noun before one ("campaign manager Kellyanne Conway"), or a possessor before one ("Twitter's Adam
        Sharp"): everything up to the name is title."""
        for m in self.lists["title_re"].finditer(core):
            if m.start() and (NAME_RUN_RE.fullmatch(core[:m.start()].strip()) or NAME_RUN_RE.fullmatch(core[m.end():])):
                return re.match(rf"(?P<title>{re.escape(core[:m.end('title')])})\s+", core)
        if (name := TRAILING_NAME.search(core)) and (before := core[:name.start()].split()) and \
                before[-1].islower() and before[-1].removeprefix("ex-") in self._people_nouns | self._title_words:
            return re.match(rf"(?P<title>{re.escape(core[:name.start()])})\s+", core)  # a role noun, then the name
        return POSSESSOR_BEFORE_NAME.match(core)

    def _before_affiliation(self, rest: str) -> str:
        """A name before "of"/"from" and a place or body: "Mitch McConnell of Kentucky" is McConnell."""
        m = re.match(rf"(?P<name>{NAME_RUN_RE.pattern})\s+(?:{self._affiliation})\s+[A-Z]", rest)
        return m["name"] if m and not self.institutional(m["name"]) else rest

    @cached_property
    def _openers(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.lists.get("not_speaker_openers", ()))

    @cached_property
    def _closed_words(self) -> frozenset[str]:
        """Determiners and possessive pronouns: capitalised only as the first word, they name no one."""
        words = [*self.lists["determiners"], *(w for ws in self.lists["pronouns"].values() for w in ws),
                 *self.lists["first_person"], "this", "that", "these", "those", "your"]
        return frozenset(w.lower() for w in words)

    @cached_property
    def _relatives(self) -> frozenset[str]:
        return frozenset(self.lists.get("relatives", ()))

    @cached_property
    def _people_nouns(self) -> frozenset[str]:
        lists = self.lists
        quantifiers = {o.split()[0].lower() for o in lists["vague_openers"]} | {w.lower() for w in lists["vague_heads"]}
        pronouns = {"he", "she", "they", "it", "we", "i", "them", "us", "those"}  # subjects, not possessives
        return frozenset(w.lower() for w in lists.get("people_nouns", ())) | quantifiers | pronouns

    @cached_property
    def _affiliation(self) -> str:
        return alternation(self.lists.get("affiliation_words", ())) or "(?!)"
