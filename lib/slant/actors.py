"""Actors (Russia, Ukraine, NATO…) and the words that name them.

An actors file (``data/actors/*.yaml``) maps each actor to its side and its
aliases. `load_actors` reads it; `Actors.mentions` finds every alias in a text
with one combined regex (longest alias wins; whole words; case-sensitive;
straight or curly apostrophes); `target_of` says at which actor a span is aimed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from .data_files import load_data_file, packaged_path
from .errors import SlantError

DEFAULT_ACTORS = "actors/default.yaml"
MODES = ("extend", "replace")  # what a user's actors file does to the packaged actors
# voice: "outlet", "quoted" (inside quotation marks) or "embed" (inside an embedded social post), as for terms
MENTION_COLUMNS = ["article_id", "start", "end", "text", "actor", "side", "voice"]


@dataclass(frozen=True)
class Mention:
    """One alias of an actor found in the text: ``text[start:end]``."""

    start: int
    end: int
    text: str
    actor: str


def pattern_atoms(text: str) -> list[str]:
    """A literal as regex atoms, one per character: any apostrophe, any hyphen, any run of spaces."""
    atoms = []
    for char in text:
        if char in "'’":
            atoms.append("['’]")
        elif char in "-‐‑":
            atoms.append("[-‐‑]")
        elif char.isspace():
            atoms.append(r"\s+")
        else:
            atoms.append(re.escape(char))
    return atoms


def alias_pattern(alias: str) -> str:
    """Regex for an alias (see `pattern_atoms`); a lower-case first letter may be capitalised."""
    if alias[:1].islower():
        # "the alliance" also opens a sentence as "The alliance".
        return f"[{alias[0]}{alias[0].upper()}]" + "".join(pattern_atoms(alias[1:]))
    return "".join(pattern_atoms(alias))


def normalise_alias(text: str) -> str:
    """Canonical key of an alias as printed (apostrophes, hyphens, spaces unified)."""
    text = re.sub(r"\s+", " ", text.replace("’", "'"))
    return re.sub(r"[‐‑]", "-", text)


@dataclass(frozen=True)
class Actors:
    """The actors of a topic: name → side, alias → actor, and the matcher."""

    sides: dict[str, str]
    alias_to_actor: dict[str, str]
    source: str
    pattern: re.Pattern = field(repr=False, compare=False, default=None)

    def mentions(self, text: str) -> list[Mention]:
        """Every actor alias in ``text``, left to right, longest alias first."""
        if self.pattern is None:
            return []
        found = []
        for m in self.pattern.finditer(text):
            key = normalise_alias(m.group())
            actor = self.alias_to_actor.get(key) or self.alias_to_actor.get(key[:1].lower() + key[1:])
            if actor is not None:
                found.append(Mention(m.start(), m.end(), m.group(), actor))
        return found

    def actor_of(self, name: str | None) -> str | None:
        """The actor a name belongs to: an alias, or a name whose last alias-word matches."""
        if not name:
            return None
        key = normalise_alias(name.strip())
        if key in self.alias_to_actor:
            return self.alias_to_actor[key]
        for mention in reversed(self.mentions(name)):
            return mention.actor
        return None

    def side_of(self, actor: str | None) -> str | None:
        return self.sides.get(actor) if actor else None


def _build(sides: dict[str, str], alias_to_actor: dict[str, str], source: str) -> Actors:
    aliases = sorted(alias_to_actor, key=len, reverse=True)
    pattern = None
    if aliases:
        pattern = re.compile(r"(?<![\w.])(?:" + "|".join(alias_pattern(a) for a in aliases) + r")(?!\w)")
    return Actors(sides, alias_to_actor, source, pattern)


def load_actors(path: str | Path | None = None, *, extend: bool | None = None) -> Actors:
    """Read an actors file; a user file extends the default one, or replaces it.

    A user file replaces the default when it says ``mode: replace`` (or when
    ``extend=False``); when it extends, a user's actor of the same name
    replaces the default entry.
    """
    if path is not None:
        mode = load_data_file(Path(path)).get("mode", "extend")
        if mode not in MODES:
            raise SlantError(f"{path}: key 'mode' must be {' or '.join(MODES)} (got {mode!r})")
        if extend is None:
            extend = mode != "replace"
    files = [packaged_path(DEFAULT_ACTORS)] if (path is None or extend) else []
    if path is not None:
        files.append(Path(path))
    sides: dict[str, str] = {}
    actor_aliases: dict[str, list[str]] = {}
    for file in files:
        data = load_data_file(file)
        actors = data.get("actors")
        if not isinstance(actors, dict) or not actors:
            raise SlantError(f"{file}: key 'actors' must map each actor name to its side and aliases")
        for name, entry in actors.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("aliases"), list) or not entry["aliases"]:
                raise SlantError(f"{file}: actor '{name}' needs a non-empty list 'aliases'")
            bad = [a for a in entry["aliases"] if not isinstance(a, str) or not a.strip()]
            if bad:
                raise SlantError(f"{file}: actor '{name}' has an empty or non-text alias {bad[0]!r}")
            side = entry.get("side", name)
            if not isinstance(side, str):
                raise SlantError(f"{file}: actor '{name}': 'side' must be text (got {type(side).__name__})")
            sides[str(name)] = side
            actor_aliases[str(name)] = [a.strip() for a in entry["aliases"]]
    alias_to_actor: dict[str, str] = {}
    for name, aliases in actor_aliases.items():
        for alias in aliases:
            alias_to_actor[normalise_alias(alias)] = name
    return _build(sides, alias_to_actor, ", ".join(str(f) for f in files))


LINKING_PREPOSITIONS = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:with|against|from|toward|towards|into|on|upon)\W+(?:the\W+)?$",
                                  re.IGNORECASE)


def target_of(start: int, end: int, mentions: list[Mention], sentence: tuple[int, int], text: str | None = None,
              *, prefer_next: bool = False) -> str | None:
    """The actor a span ``[start, end)`` is aimed at, within its sentence.

    A mention that contains the span names the target itself ("Kiev", "the
    ex-Soviet republic"); mentions inside the span are part of the term
    ("US" in "US-led") and skipped. An actor linked to the term by a
    preposition right after it is its target ("retaliation from Moscow",
    "confrontation with Russia"); so is the next actor when the term's entry
    says it aims at its object (``prefer_next``: "drag NATO into…").
    Otherwise the nearest mention before the span in the sentence (usually
    the subject: "Kiev has been begging its Western backers"), else the
    nearest after it.
    """
    s_start, s_end = sentence
    before, after = None, None
    for mention in mentions:
        if mention.start <= start and end <= mention.end:
            return mention.actor
        if start <= mention.start and mention.end <= end:
            continue
        if s_start <= mention.start and mention.end <= start:
            before = mention
        elif end <= mention.start and mention.end <= s_end and after is None:
            after = mention
    if after is not None and text is not None and LINKING_PREPOSITIONS.search(text[end:after.start]):
        return after.actor
    chosen = (after or before) if prefer_next else (before or after)
    return chosen.actor if chosen else None


_NAME_WORD = r"(?:[A-Z][a-z-]+|[A-Z]{2,}|(?:[A-Z]\.){2,})(?![\w])"
PROPER_NAME_RE = re.compile(rf"(?<![\w’'#@]){_NAME_WORD}(?:\s+{_NAME_WORD})*")


def _same_name(a: str, b: str) -> bool:
    """Two full names of one bearer: one ends in the other ("Senator Bernie Sanders", "Bernie Sanders") or
    they share a word before the family name ("Hillary Rodham Clinton", "Hillary Clinton")."""
    if a == b or a.endswith(" " + b) or b.endswith(" " + a):
        return True
    return bool(set(a.split()[:-1]) & set(b.split()[:-1]))


def _name_classes(last: str, members: list[str], counts: dict[str, int]) -> list[tuple[str, list[str]]]:
    """The actors among names ending in the same word, each as (label, its forms).

    Forms of one name (`_same_name`: "Governor Jane Doe", "Jane Doe", "Doe")
    are one actor, labelled by its most frequent multi-word form. Full
    names that do not ("Sara Netanyahu", "Benjamin Netanyahu") are one
    family name, labelled by that name alone when it is also written alone;
    names that only share a generic head ("CBS News", "Fox News";
    `institution_words`; or a head never written alone: "Tea Party",
    "Democratic Party") are apart, and the bare head names none of them. A
    compound of two names, each written alone more often than together
    ("Ryan Medicare" of "the Ryan Medicare plan"), labels nothing.
    """
    longer = [m for m in members if " " in m]
    if not longer:
        return [(last, members)]
    classes: list[list[str]] = []
    for name in sorted(longer, key=len, reverse=True):
        home = next((c for c in classes if any(_same_name(m, name) for m in c)), None)
        home.append(name) if home is not None else classes.append([name])
    if last in _institution_words() or (len(classes) > 1 and not counts.get(last)):
        return [(min(c, key=lambda m: (-counts[m], len(m), m)), c) for c in classes]
    if len(classes) == 1:
        labels = [m for m in longer if not _compound(m, counts)]
        return [(min(labels, key=lambda m: (-counts[m], len(m), m)) if labels else last, members)]
    return [(last, members)]


def _compound(name: str, counts: dict[str, int]) -> bool:
    """Two names side by side ("Ryan Medicare"): its first and last words are each written alone more often."""
    words = name.split()
    return len(words) == 2 and min(counts.get(words[0], 0), counts.get(words[1], 0)) > counts[name]


def _shouted(word: str, lower_words: set[str]) -> bool:
    """A capitalised word of a headline in capitals ("MOVE PAST Iowa"): the corpus also writes it in lower case."""
    return len(word) > 2 and word.isupper() and word.lower() in lower_words


def _merge_plurals(actors: dict[str, list[str]], counts: dict[str, int]) -> dict[str, list[str]]:
    """A one-word actor and its plural ("Republican", "Republicans") are one, named by the more frequent form."""
    merged = dict(actors)
    for label in list(actors):
        single = label[:-1]
        if label.endswith("s") and " " not in label and single in merged and label in merged:
            keep, drop = sorted((label, single), key=lambda a: (-sum(counts[m] for m in merged[a]), a))
            merged[keep] = merged[keep] + merged.pop(drop)
    return merged


ADJECTIVE_ENDINGS = ("an", "ic", "ish", "ese", "ian")  # "American", "Democratic", "British", "Chinese"
MODIFIER_SHARE = 0.6  # an adjectival name written before a lower-case word this often is a modifier


def _merge_adjectives(actors: dict[str, list[str]], counts: dict[str, int],
                      modifier_uses: dict[str, int]) -> dict[str, list[str]]:
    """A one-word name of adjective form that mostly modifies a noun ("Democratic nominee", "American voters")
    is no actor: it joins the noun form's actor when there is one ("Democratic" → "Democrats"), is named by its
    plural when that is among its forms ("Republican" → "Republicans"), else it goes ("American")."""
    merged = dict(actors)
    for label in list(actors):
        if " " in label or not label.endswith(ADJECTIVE_ENDINGS) or label not in merged:
            continue
        if modifier_uses.get(label, 0) < MODIFIER_SHARE * counts.get(label, 0):
            continue
        stem = label[:-2] if label.endswith("ic") else label
        noun = next((n for n in (stem + "s", stem) if n != label and n in merged), None)
        forms = merged.pop(label)
        nouns = [f for f in forms if f != label]  # its plural, merged before ("Republicans")
        if noun is not None:
            merged[noun] = merged[noun] + forms
        elif nouns:
            merged[max(nouns, key=lambda f: (counts[f], f))] = forms
    return merged


@lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    """Lower-cased one-word titles ("chairman", "senator") from ``data/speaker_titles.yaml``: not part of a name."""
    titles = load_data_file(packaged_path("speaker_titles.yaml"))["titles"]
    return frozenset(t.lower() for t in titles if " " not in t and not t.endswith("."))


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """One-word titles and the heads of longer ones ("minister" of "Prime Minister"), lower-cased."""
    titles = load_data_file(packaged_path("speaker_titles.yaml"))["titles"]
    return _one_word_titles() | {t.split()[-1].lower() for t in titles}


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    """Heads that make a capitalised name an institution ("News", "House"), from ``data/speaker_titles.yaml``."""
    return frozenset(load_data_file(packaged_path("speaker_titles.yaml"))["institution_words"])


_LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
_AFTER_TITLE_RE = re.compile(r"(?<![\w.])([A-Za-z]+)\.$")  # the abbreviated word a name may follow ("Mr. Obama")


def propose_actors(texts: list[str], *, top: int = 12, min_count: int = 2) -> Actors:
    """Actors proposed from the most frequent proper names of the texts (for topics without an actors file).

    A name is a run of capitalised words not opening a sentence, without the
    titles, openers and calendar words at its ends (`segment.not_name_words`). Names that
    end in the same word ("Governor Jane Doe", "Jane Doe", "Doe") are one
    actor, named by its most frequent multi-word form. Each actor is its own side.
    """
    from .segment import abbreviation_words, not_name_words

    counts: dict[str, int] = {}
    modifier_uses: dict[str, int] = {}  # one-word names written before a lower-case word
    lower_words = {w for text in texts for w in _LOWER_WORD_RE.findall(text)}
    for text in texts:
        for m in PROPER_NAME_RE.finditer(text):
            before = text[max(0, m.start() - 40):m.start()].rstrip()
            words = normalise_alias(m.group().strip()).split()
            titled = _AFTER_TITLE_RE.search(before)
            if not titled or titled.group(1).lower() not in abbreviation_words():  # "Mr. Obama" opens no sentence
                if not before or before.endswith((".", "!", "?", "“", '"', "'", "‘", "(", "\n")):
                    # a sentence-initial capital says nothing about a name, unless an opener bears it ("Then Sara Doe")
                    if words[0].lower() not in not_name_words():
                        continue
            # a title or opener is not the name: "Sen" (of "Sen. Cruz"), "When Mr" (of "When Mr. Netanyahu"), "Monday"
            while words and (words[0].lower() in not_name_words() or _shouted(words[0], lower_words)):
                words.pop(0)
            while words and (words[-1].lower() in not_name_words(at_end=True) or _shouted(words[-1], lower_words)):
                words.pop()
            # a title or opener inside a capitalised run: the name follows it ("RNC Chairman Michael Steele",
            # "Why Winning Iowa Could Break The Election Wide Open For Bernie Sanders"), as does a leading
            # title ("Senator Sanders" is Sanders; "General" also opens company names)
            cut = [i for i, w in enumerate(words[:-1]) if (w.lower() in _one_word_titles() and w != "General")
                   or (i and w.lower() in not_name_words())]
            if cut:
                words = words[cut[-1] + 1:]
            if words and all(w.lower() in _title_words() for w in words):  # "Interior Minister", "Senator"
                continue
            if words:
                name = " ".join(words)
                counts[name] = counts.get(name, 0) + 1
                if len(words) == 1 and m.group().strip().endswith(words[-1]) and \
                        _LOWER_WORD_RE.match(text, m.end() + 1) and text[m.end():m.end() + 1] == " ":
                    modifier_uses[name] = modifier_uses.get(name, 0) + 1  # "Democratic nominee", "American voters"
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(name.split()[-1], []).append(name)
    actors: dict[str, list[str]] = {}
    for last, members in groups.items():
        for label, named in _name_classes(last, members, counts):
            actors[label] = named
    actors = _merge_adjectives(_merge_plurals(actors, counts), counts, modifier_uses)
    total = {label: sum(counts[m] for m in members) for label, members in actors.items()}
    chosen = [a for a in sorted(total, key=lambda a: (-total[a], a)) if total[a] >= min_count][:top]
    alias_to_actor = {member: label for label in chosen for member in actors[label]}
    return _build({label: label for label in chosen}, alias_to_actor, "proposed from the corpus's proper names")


def mention_share(actors: Actors, texts: list[str]) -> float:
    """Share of the texts' sentences that name at least one actor: 0–1 (higher: the actors fit the corpus).

    A sentence names an actor when a mention (`Actors.mentions`) lies inside
    it; 0.0 when the texts have no sentences.
    """
    import bisect

    from .segment import sentences

    named = total = 0
    for text in texts:
        starts = [m.start for m in actors.mentions(text)]
        for sentence in sentences(text):
            total += 1
            first = bisect.bisect_left(starts, sentence.start)
            named += first < len(starts) and starts[first] < sentence.end
    return named / total if total else 0.0
