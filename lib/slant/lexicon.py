"""The loaded-wording lexicon (data) and its matcher.

A lexicon is a set of YAML files, one per category (``data/lexicon/*.yaml``),
each with a citable header and a list of terms; a term has its surface forms
and a note saying why it counts. `load_lexicon` merges the packaged files with
a user's; `find_loaded_terms` matches every form in one pass (one combined
regex, longest form first, whole words, any case, straight or curly
apostrophes, any hyphen) and says for each match whether it is quoted or in
the outlet's own voice, and at which actor it is aimed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import actors as actors_mod
from .data_files import load_data_file, packaged_path
from .errors import SlantError
from .segment import EMBED, Sentence

TERM_COLUMNS = ["article_id", "sentence_index", "start", "end", "text", "term", "category", "note",
                "group", "variant", "in_quote", "voice", "target"]
QUOTED = "quoted"
OUTLET = "outlet"


@dataclass(frozen=True)
class Entry:
    """One lexicon term: its canonical form, category, why it counts, and forms."""

    term: str
    category: str
    note: str
    forms: tuple[str, ...]
    group: str | None = None
    variant: str | None = None
    case_sensitive: bool = False
    refers_to: str | None = None


@dataclass(frozen=True)
class Category:
    """A lexicon file's header: the category name, a label and its citation."""

    name: str
    label: str
    description: str
    sources: tuple[str, ...]
    version: str
    path: str


@dataclass(frozen=True)
class Lexicon:
    """Categories, entries keyed by normalised form, and the combined matcher."""

    categories: dict[str, Category]
    by_form: dict[str, Entry]
    pattern: re.Pattern | None = field(repr=False, compare=False, default=None)


@dataclass(frozen=True)
class TermMatch:
    """A loaded term found at ``text[start:end]``."""

    start: int
    end: int
    entry: Entry


def form_key(text: str, case_sensitive: bool = False) -> str:
    key = actors_mod.normalise_alias(text)
    return key if case_sensitive else key.lower()


def _entries_of(path: Path, data: dict) -> tuple[Category, list[Entry]]:
    name = str(data.get("category") or data["name"])
    category = Category(name, str(data.get("label", name)), str(data["description"]).strip(),
                        tuple(map(str, data["sources"] or [])), str(data["version"]), str(path))
    terms = data.get("terms")
    if not isinstance(terms, list) or not terms:
        raise SlantError(f"{path}: key 'terms' must be a non-empty list of terms")
    entries = []
    for number, item in enumerate(terms, 1):
        if not isinstance(item, dict) or not str(item.get("term") or "").strip():
            raise SlantError(f"{path}: term #{number} has no 'term' (expected: - term: word, note: why it counts)")
        forms = item.get("forms") or [item["term"]]
        if not isinstance(forms, list) or any(not str(f).strip() for f in forms):
            raise SlantError(f"{path}: term '{item['term']}' has an empty form in 'forms'")
        entries.append(Entry(str(item["term"]).strip(), name, str(item.get("note", "")).strip(),
                             tuple(str(f).strip() for f in forms), item.get("group"), item.get("variant"),
                             bool(item.get("case_sensitive", False)), item.get("refers_to")))
    return category, entries


def default_lexicon_files() -> list[Path]:
    return sorted(packaged_path("lexicon").glob("*.yaml"))


def load_lexicon(paths: str | Path | list | tuple | None = None, *, extend: bool = True) -> Lexicon:
    """Read lexicon files; user files extend the packaged lexicon unless ``extend=False``.

    A user form that is already in the lexicon replaces the packaged entry,
    so a user can re-categorise or re-annotate a term.
    """
    if isinstance(paths, (str, Path)):
        paths = [p for p in str(paths).split(",") if p.strip()]
    user = [Path(p) for p in (paths or [])]
    files = (default_lexicon_files() if (extend or not user) else []) + user
    categories: dict[str, Category] = {}
    by_form: dict[str, Entry] = {}
    for path in files:
        if path.is_dir():
            raise SlantError(f"{path}: is a folder; give lexicon YAML files")
        category, entries = _entries_of(path, load_data_file(path))
        categories[category.name] = category
        for entry in entries:
            for form in entry.forms:
                by_form[form_key(form, entry.case_sensitive)] = entry
    if not by_form:
        return Lexicon(categories, by_form, None)
    forms = sorted({f for e in by_form.values() for f in e.forms}, key=len, reverse=True)
    body = "|".join(actors_mod.alias_pattern(f) for f in forms)
    return Lexicon(categories, by_form, re.compile(rf"(?<![\w-])(?:{body})(?![\w-]\w)(?!\w)", re.IGNORECASE))


def match_terms(text: str, lexicon: Lexicon) -> list[TermMatch]:
    """Every lexicon form in ``text``, left to right, non-overlapping, longest first."""
    if lexicon.pattern is None:
        return []
    found = []
    for m in lexicon.pattern.finditer(text):
        entry = lexicon.by_form.get(form_key(m.group(), True)) or lexicon.by_form.get(form_key(m.group()))
        if entry is None or (entry.case_sensitive and form_key(m.group(), True) not in lexicon.by_form):
            continue
        found.append(TermMatch(m.start(), m.end(), entry))
    return found


def _containing(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def find_loaded_terms(text: str, sentences: list[Sentence], lexicon: Lexicon,
                      mentions: list[actors_mod.Mention], quotations: list[tuple[int, int]]) -> list[dict]:
    """Loaded terms as rows of TERM_COLUMNS (without ``article_id``).

    ``voice`` is ``quoted`` inside quotation marks (the speaker's words),
    ``embed`` inside an embedded social post, else ``outlet`` (the outlet's own
    voice); ``target`` is the actor the term is aimed at (see
    `actors.target_of`).
    """
    rows = []
    for match in match_terms(text, lexicon):
        index = next((i for i, s in enumerate(sentences) if s.start <= match.start < s.end), None)
        if index is None:
            continue
        sentence = sentences[index]
        in_quote = _containing(quotations, match.start, match.end)
        voice = EMBED if sentence.voice == EMBED else (QUOTED if in_quote else OUTLET)
        entry = match.entry
        rows.append({
            "sentence_index": index, "start": match.start, "end": match.end,
            "text": text[match.start:match.end], "term": entry.term, "category": entry.category,
            "note": entry.note, "group": entry.group, "variant": entry.variant, "in_quote": in_quote,
            "voice": voice,
            "target": entry.refers_to or actors_mod.target_of(match.start, match.end, mentions,
                                                              (sentence.start, sentence.end)),
        })
    return rows


STRUCTURAL_CATEGORIES = {
    "partial_quote": ("Partial quotes", "A few of a speaker's words quoted inside the outlet's paraphrase."),
    "scare_quote": ("Scare quotes", "Quotation marks around a few words that no one in the sentence is said to have "
                                    "spoken: the outlet distances itself from the words."),
}
STRUCTURAL_VOICE = {"partial_quote": "quoted", "scare_quote": "outlet"}  # the only voice each can have
MAX_QUOTE_WORDS = 4


def find_quote_terms(text: str, sentences: list[Sentence], quotations: list[tuple[int, int]],
                     attributions: list[dict], mentions: list[actors_mod.Mention]) -> list[dict]:
    """Quotations of one to four words, as TERM_COLUMNS rows: partial quotes or scare quotes.

    A short quotation is a *partial quote* when its sentence attributes words
    to a speaker (“neutralize”, attributed to Macron) and a *scare quote*
    otherwise; longer quotations are a speaker's sentences, neither.
    """
    from .segment import count_words

    rows = []
    for start, end in quotations:
        inner = text[start + 1:end - 1]
        if not 1 <= count_words(inner) <= MAX_QUOTE_WORDS:
            continue
        index = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None)
        if index is None or sentences[index].voice == EMBED:
            continue
        sentence = sentences[index]
        attributed = any(a["sentence_index"] == index or (
            not pd.isna(a.get("content_start")) and a["content_start"] <= start and end <= a["content_end"])
            for a in attributions)
        category = "partial_quote" if attributed else "scare_quote"
        rows.append({
            "sentence_index": index, "start": start, "end": end, "text": text[start:end],
            "term": inner.strip().lower(), "category": category, "note": STRUCTURAL_CATEGORIES[category][1],
            "group": None, "variant": None, "in_quote": True, "voice": QUOTED if attributed else OUTLET,
            "target": actors_mod.target_of(start, end, mentions, (sentence.start, sentence.end)),
        })
    return rows
