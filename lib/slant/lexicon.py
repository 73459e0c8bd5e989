"""The loaded-wording lexicon (data) and its matcher.

A lexicon is a set of YAML files, one per category (``data/lexicon/*.yaml``),
each with a citable header and a list of terms; a term has its surface forms
(listed, or generated with ``inflect: verb``) and a note saying why it counts.
A file's ``loaded: false`` marks wording that is described but not counted as
loaded (hedges, factives…); ``default: false`` leaves a category off unless
asked for; ``own_voice_only: true`` marks a category defined as the writer's
own comment (editorializing), not matched inside quotations. `load_lexicon` merges the packaged files with a user's;
`find_loaded_terms` matches every form in one pass (one combined regex,
longest form first, whole words, any case, straight or curly apostrophes, any
hyphen) and says for each match whether it is quoted or in the outlet's own
voice, whether it is negated, and at which actor it is aimed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from . import actors as actors_mod
from .data_files import load_data_file, packaged_path
from .errors import SlantError
from .segment import EMBED, Sentence

TERM_COLUMNS = ["article_id", "sentence_index", "start", "end", "text", "term", "category", "loaded", "note",
                "group", "variant", "in_quote", "voice", "negated", "target"]
QUOTED = "quoted"
OUTLET = "outlet"
ENTRY_KEYS = {"term", "forms", "inflect", "note", "group", "variant", "refers_to", "aims_at", "case_sensitive",
              "unless_followed_by"}
NEGATORS = re.compile(r"\b(?:not|no|never|without|nor|hardly|n[o']t|none|neither)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)


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
    aims_at: str | None = None  # "object": the actor after the term (a verb's object), not its subject
    unless_followed_by: tuple[str, ...] = ()  # words that mark another sense ("plead" + "guilty": the legal sense)


@dataclass(frozen=True)
class Category:
    """A lexicon file's header: the category, its label, citation, and whether it counts as loaded."""

    name: str
    label: str
    description: str
    sources: tuple[str, ...]
    version: str
    path: str
    loaded: bool = True
    default: bool = True
    own_voice_only: bool = False  # defined as the writer's comment: inside a quotation it is the speaker's, not this


@dataclass(frozen=True)
class Lexicon:
    """Categories, entries keyed by normalised form (a form may be in several categories), the matcher."""

    categories: dict[str, Category]
    by_form: dict[str, tuple[Entry, ...]]
    pattern: re.Pattern | None = field(repr=False, compare=False, default=None)

    def entries(self) -> list[Entry]:
        return list(dict.fromkeys(e for group in self.by_form.values() for e in group))


@dataclass(frozen=True)
class TermMatch:
    """A lexicon entry found at ``text[start:end]`` (one per category of the form)."""

    start: int
    end: int
    entry: Entry


def form_key(text: str, case_sensitive: bool = False) -> str:
    key = actors_mod.normalise_alias(text)
    return key if case_sensitive else key.lower()


@lru_cache(maxsize=1)
def irregular_verbs() -> dict[str, tuple[str, ...]]:
    """Lemma → irregular forms (``data/irregular_verbs.yaml``)."""
    data = load_data_file(packaged_path("irregular_verbs.yaml"))
    return {lemma: tuple(forms) for lemma, forms in data["verbs"].items()}


def verb_forms(phrase: str) -> tuple[str, ...]:
    """The phrase with its first word as lemma, -s, -ed and -ing (English spelling rules, irregulars)."""
    first, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    w = first.lower()
    if re.search(r"[^aeiou]y$", w):
        made = [w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    elif re.search(r"(?:s|sh|ch|x|z)$", w):
        made = [w + "es", w + "ed", w + "ing"]
    elif w.endswith("ee"):
        made = [w + "s", w + "d", w + "ing"]
    elif w.endswith("e"):
        made = [w + "s", w + "d", w[:-1] + "ing"]
    elif re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", w):
        made = [w + "s", w + w[-1] + "ed", w + w[-1] + "ing"]  # beg → begged, begging
    else:
        made = [w + "s", w + "ed", w + "ing"]
    made += irregular_verbs().get(w, ())
    return tuple(dict.fromkeys([phrase] + [m + tail for m in made]))


def _term_lines(text: str) -> list[int]:
    """Line number of each item of the file's ``terms`` list, for error messages."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    for key, value in getattr(root, "value", []):
        if getattr(key, "value", None) == "terms" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _entries_of(path: Path, data: dict) -> tuple[Category, list[Entry]]:
    if not isinstance(data.get("category") or data["name"], str):
        raise SlantError(f"{path}: key 'category' (or 'name') must be a name (text)")
    name = str(data.get("category") or data["name"])
    category = Category(name, str(data.get("label", name)), str(data["description"]).strip(),
                        tuple(map(str, data["sources"] or [])), str(data["version"]), str(path),
                        bool(data.get("loaded", True)), bool(data.get("default", True)),
                        bool(data.get("own_voice_only", False)))
    terms = data.get("terms")
    if not isinstance(terms, list) or not terms:
        raise SlantError(f"{path}: key 'terms' must be a non-empty list of terms")
    lines = _term_lines(path.read_text(encoding="utf-8-sig"))
    entries = []
    for number, item in enumerate(terms):
        where = f"line {lines[number]}" if number < len(lines) else f"term #{number + 1}"
        if isinstance(item, str):
            item = {"term": item}
        if not isinstance(item, dict) or not str(item.get("term") or "").strip():
            raise SlantError(f"{path}: {where}: a term needs 'term' (expected: - term: word, note: why it counts)")
        if not isinstance(item["term"], str):
            value = item["term"]
            raise SlantError(f"{path}: {where}: 'term' must be text (got {type(value).__name__} {value!r})")
        unknown = set(item) - ENTRY_KEYS
        if unknown:
            raise SlantError(f"{path}: {where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(ENTRY_KEYS))})")
        term = str(item["term"]).strip()
        forms = item.get("forms")
        if forms is None:
            inflect = item.get("inflect", data.get("inflect"))
            if inflect not in (None, "verb"):
                raise SlantError(f"{path}: {where}: inflect must be 'verb' (got {inflect!r})")
            forms = verb_forms(term) if inflect == "verb" else [term]
        if not isinstance(forms, (list, tuple)) or any(not isinstance(f, str) for f in forms):
            raise SlantError(f"{path}: {where}: 'forms' of '{term}' must be a list of words (got {forms!r})")
        if any(not f.strip() for f in forms):
            raise SlantError(f"{path}: {where}: term '{term}' has an empty form in 'forms'")
        entries.append(Entry(term, name, str(item.get("note", data.get("note", ""))).strip(),
                             tuple(str(f).strip() for f in forms), item.get("group"), item.get("variant"),
                             bool(item.get("case_sensitive", False)), item.get("refers_to"), item.get("aims_at"),
                             _word_list(item.get("unless_followed_by"), path, where, term)))
        if entries[-1].aims_at not in (None, "object"):
            raise SlantError(f"{path}: {where}: aims_at must be 'object' (got {entries[-1].aims_at!r})")
    return category, entries


def _word_list(value, path: Path, where: str, term: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value or any(not isinstance(w, str) or not w.strip() for w in value):
        raise SlantError(f"{path}: {where}: 'unless_followed_by' of '{term}' must be a list of words (got {value!r})")
    return tuple(w.strip() for w in value)


@lru_cache(maxsize=None)
def _followers(words: tuple[str, ...]) -> re.Pattern:
    """The words (or phrases) as one anchored pattern: whitespace, then the word, then a word boundary."""
    return re.compile(r"\s+(?:" + "|".join("".join(_atoms(w)) for w in words) + r")(?![\w-])", re.IGNORECASE)


def in_excluded_sense(text: str, end: int, entry: Entry) -> bool:
    """The match is followed by a word that marks another sense of the term ("pleaded guilty", "failed to")."""
    return bool(entry.unless_followed_by) and bool(_followers(entry.unless_followed_by).match(text, end))


def packaged_lexicon_files() -> list[Path]:
    return sorted(packaged_path("lexicon").glob("*.yaml"))


def load_lexicon(paths: str | Path | list | tuple | None = None, *, extend: bool = True,
                 categories: list[str] | tuple[str, ...] | None = None) -> Lexicon:
    """Read lexicon files; user files extend the packaged lexicon unless ``extend=False``.

    A user form already in the lexicon replaces the packaged entry, so a user
    can re-categorise or re-annotate a term. ``categories`` switches
    categories on by name (also those off by default); without it, each file's
    ``default`` decides.
    """
    if isinstance(paths, (str, Path)):
        paths = [p for p in str(paths).split(",") if p.strip()]
    user = [Path(p) for p in (paths or [])]
    files = (packaged_lexicon_files() if (extend or not user) else []) + user
    found: dict[str, Category] = {}
    by_form: dict[str, dict[str, Entry]] = {}
    for path in files:
        if path.is_dir():
            raise SlantError(f"{path}: is a folder; give lexicon YAML files")
        category, entries = _entries_of(path, load_data_file(path))
        found[category.name] = category
        wanted = category.name in categories if categories is not None else (category.default or path in user)
        if not wanted:
            continue
        for entry in entries:
            for form in entry.forms:
                key = form_key(form, entry.case_sensitive)
                if path in user:
                    by_form[key] = {}  # the user's entry replaces every packaged one of this form
                by_form.setdefault(key, {})[entry.category] = entry
    if categories is not None:
        unknown = sorted(set(categories) - set(found) - set(STRUCTURAL_CATEGORIES))
        if unknown:
            raise SlantError(f"lexicon: unknown category {unknown[0]!r} (known: {', '.join(sorted(found))})")
    merged = {key: tuple(group.values()) for key, group in by_form.items() if group}
    active = {e.category for group in merged.values() for e in group}
    return _compile({n: c for n, c in found.items() if n in active}, merged)


def lexicon_from_words(words, category: str, note: str, description: str = "") -> Lexicon:
    """A one-category lexicon from bare words (exact forms, any case): for baselines."""
    entries = {form_key(w): (Entry(w, category, note, (w,)),) for w in words if w.strip()}
    header = Category(category, category, description or note, (), "1", "(built in memory)")
    return _compile({category: header}, entries)


def _atoms(form: str) -> list[str]:
    """A form as lower-case regex atoms (the matcher ignores case)."""
    return actors_mod.pattern_atoms(form.lower())


def trie_pattern(forms) -> str:
    """One regex for many forms, factorised as a trie so that each position is tried once.

    At every node the longer continuations come before the end of a form, so
    the longest form starting at a position wins (as in longest-first
    alternation, at a fraction of the cost for thousands of forms).
    """
    root: dict = {}
    for form in forms:
        node = root
        for atom in _atoms(form):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return emit(root)


def _compile(categories: dict[str, Category], by_form: dict[str, tuple[Entry, ...]]) -> Lexicon:
    """The lexicon with its one combined, trie-shaped regex (longest form first at each position)."""
    if not by_form:
        return Lexicon(categories, by_form, None)
    forms = {f for group in by_form.values() for e in group for f in e.forms}
    return Lexicon(categories, by_form,
                   re.compile(rf"(?<![\w-])(?:{trie_pattern(forms)})(?![\w-]\w)(?!\w)", re.IGNORECASE))


def match_terms(text: str, lexicon: Lexicon) -> list[TermMatch]:
    """Every lexicon form in ``text``, left to right, non-overlapping, longest first."""
    if lexicon.pattern is None:
        return []
    found = []
    for m in lexicon.pattern.finditer(text):
        exact = lexicon.by_form.get(form_key(m.group(), True), ())
        folded = lexicon.by_form.get(form_key(m.group()), ())
        for entry in dict.fromkeys(exact + tuple(e for e in folded if not e.case_sensitive)):
            if not in_excluded_sense(text, m.end(), entry):
                found.append(TermMatch(m.start(), m.end(), entry))
    return found


def _is_inside_name(text: str, match: TermMatch, sentence: Sentence) -> bool:
    """A lower-case term printed capitalised mid-sentence is part of a name ("Tea Party", "Free Syrian Army")."""
    if not match.entry.term[:1].islower() or not text[match.start].isupper() or match.start == sentence.start:
        return False
    before = text[sentence.start:match.start].rstrip()
    return not before.endswith((":", "“", '"', "(", "—", "–"))


def sentence_index_at(starts: list[int], sentences: list[Sentence], position: int) -> int | None:
    """Index of the sentence holding ``position`` (``starts``: the sentences' starts), None between sentences."""
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 and position < sentences[index].end else None


def _containing(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def find_loaded_terms(text: str, sentences: list[Sentence], lexicon: Lexicon,
                      mentions: list[actors_mod.Mention], quotations: list[tuple[int, int]]) -> list[dict]:
    """Lexicon matches as rows of TERM_COLUMNS (without ``article_id``).

    ``voice`` is ``quoted`` inside quotation marks (the speaker's words),
    ``embed`` inside an embedded social post, else ``outlet`` (the outlet's own
    voice); ``negated`` when a negator stands up to two words before
    ("not desperate"); ``target`` is the actor the term is aimed at (see
    `actors.target_of`).
    """
    starts = [s.start for s in sentences]
    rows = []
    for match in match_terms(text, lexicon):
        index = sentence_index_at(starts, sentences, match.start)
        if index is None:
            continue
        sentence = sentences[index]
        if _is_inside_name(text, match, sentence):
            continue
        in_quote = _containing(quotations, match.start, match.end)
        entry = match.entry
        category = lexicon.categories.get(entry.category)
        if in_quote and category is not None and category.own_voice_only:
            continue
        rows.append({
            "sentence_index": index, "start": match.start, "end": match.end,
            "text": text[match.start:match.end], "term": entry.term, "category": entry.category,
            "loaded": category.loaded if category else True, "note": entry.note, "group": entry.group,
            "variant": entry.variant, "in_quote": in_quote,
            "voice": EMBED if sentence.voice == EMBED else (QUOTED if in_quote else OUTLET),
            "negated": bool(NEGATORS.search(text, max(sentence.start, match.start - 40), match.start)),
            "target": entry.refers_to or actors_mod.target_of(
                match.start, match.end, mentions, (sentence.start, sentence.end), text,
                prefer_next=entry.aims_at == "object"),
        })
    return rows


STRUCTURAL_CATEGORIES = {  # found by structure, not by lexicon: name -> (label, why it counts, counted as loaded)
    "partial_quote": ("Partial quotes", "A few of a speaker's words quoted inside the outlet's paraphrase.", True),
    "scare_quote": ("Scare quotes", "Quotation marks around a few words that no one in the sentence is said to have "
                                    "spoken: the outlet distances itself from the words.", True),
    "social_embeds": ("Social-media embeds", "A hashtag, @handle or embedded-post link: social-media material, "
                                             "counted apart from the outlet's wording.", False),
}
STRUCTURAL_VOICE = {"partial_quote": "quoted", "scare_quote": "outlet"}  # the only voice each can have
MAX_QUOTE_WORDS = 4


def find_quote_terms(text: str, sentences: list[Sentence], quotations: list[tuple[int, int]],
                     attributions: list[dict], mentions: list[actors_mod.Mention]) -> list[dict]:
    """Quotations of one to four words, as TERM_COLUMNS rows: partial quotes or scare quotes.

    A short quotation is a *partial quote* when its sentence attributes words
    to a speaker (“neutralize”, attributed to Macron) and a *scare quote*
    otherwise; longer quotations are a speaker's sentences, neither, and so are
    quoted titles and names, short quoted sentences (“It was a prank,” he said)
    and words mentioned as words (the word “theology”): see `quote_shape`.
    """
    from .quote_shape import fragment_quotations
    from .segment import count_words

    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for start, end in quotations:
        index = sentence_index_at(starts, sentences, start)
        if index is not None and sentences[index].voice != EMBED:
            by_sentence.setdefault(index, []).append((start, end))
    rows = []
    for index, (start, end) in sorted((i, q) for i, group in by_sentence.items()
                                      for q in fragment_quotations(text, sentences[i].start, group)):
        inner = text[start + 1:end - 1]
        if not 1 <= count_words(inner) <= MAX_QUOTE_WORDS:
            continue
        sentence = sentences[index]
        attributed = any(a["sentence_index"] == index or (
            not pd.isna(a.get("content_start")) and a["content_start"] <= start and end <= a["content_end"])
            for a in attributions)
        category = "partial_quote" if attributed else "scare_quote"
        rows.append({
            "sentence_index": index, "start": start, "end": end, "text": text[start:end],
            "term": inner.strip().lower(), "category": category, "loaded": True,
            "note": STRUCTURAL_CATEGORIES[category][1], "group": None, "variant": None, "in_quote": True,
            "voice": STRUCTURAL_VOICE[category], "negated": False,
            "target": actors_mod.target_of(start, end, mentions, (sentence.start, sentence.end), text),
        })
    return rows


def find_social_embeds(text: str, sentences: list[Sentence]) -> list[dict]:
    """Hashtags, @handles and embedded-post links (pic.twitter.com, t.co) as TERM_COLUMNS rows."""
    from .segment import EMBED_LINK_RE, tokenize

    starts = [s.start for s in sentences]
    rows = []
    for token in tokenize(text):
        if token.kind not in ("hashtag", "handle") and not (token.kind == "url" and EMBED_LINK_RE.search(token.text)):
            continue
        index = sentence_index_at(starts, sentences, token.start)
        if index is None:
            continue
        sentence = sentences[index]
        rows.append({
            "sentence_index": index, "start": token.start, "end": token.end, "text": token.text,
            "term": token.text.lower(), "category": "social_embeds", "loaded": False,
            "note": STRUCTURAL_CATEGORIES["social_embeds"][1], "group": None, "variant": token.kind,
            "in_quote": False, "voice": EMBED if sentence.voice == EMBED else OUTLET, "negated": False,
            "target": None,  # a hashtag or link is aimed at no one in particular
        })
    return rows
