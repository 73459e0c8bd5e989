"""Loading lexicon files: the YAML schema, verb inflection, the user-file merge, the one combined pattern.

A malformed file gives a `SlantError` naming the file, the line and the problem.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .. import actors as actors_mod
from ..data_files import load_data_file, packaged_path
from ..errors import SlantError
from .model import STRUCTURAL_CATEGORIES, Category, Entry, Lexicon, form_key


ENTRY_KEYS = {"term", "forms", "inflect", "note", "group", "variant", "refers_to", "aims_at", "case_sensitive",
              "unless_followed_by"}


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


def _entries_of(path: Path, data: dict, actors: tuple[set[str], str] | None = None,
                user: bool = False) -> tuple[Category, list[Entry]]:
    """The category header and entries of one file; ``actors`` (names, file): the actors ``refers_to`` may name;
    ``user``: a user's file (its entries are marked ``from_user``)."""
    if not isinstance(data.get("category") or data["name"], str):
        raise SlantError(f"{path}: key 'category' (or 'name') must be a name (text)")
    name = str(data.get("category") or data["name"])
    category = Category(name, str(data.get("label", name)), str(data["description"]).strip(),
                        tuple(map(str, data["sources"] or [])), str(data["version"]), str(path),
                        bool(data.get("loaded", True)), bool(data.get("default", True)),
                        bool(data.get("own_voice_only", False)), bool(data.get("model_judges", True)))
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
        refers_to = item.get("refers_to")
        if refers_to is not None and (not isinstance(refers_to, str) or not refers_to.strip()):
            raise SlantError(f"{path}: {where}: 'refers_to' of '{term}' must be an actor's name (got {refers_to!r})")
        if refers_to is not None and actors is not None and refers_to not in actors[0]:
            raise SlantError(f"{path}: {where}: 'refers_to' of '{term}' names {refers_to!r}, which is not an actor of "
                             f"{actors[1]} (known: {', '.join(sorted(actors[0]))})")
        entries.append(Entry(term, name, str(item.get("note", data.get("note", ""))).strip(),
                             tuple(str(f).strip() for f in forms), item.get("group"), item.get("variant"),
                             bool(item.get("case_sensitive", False)), item.get("refers_to"), item.get("aims_at"),
                             _word_list(item.get("unless_followed_by"), path, where, term), user))
        if entries[-1].aims_at not in (None, "object"):
            raise SlantError(f"{path}: {where}: aims_at must be 'object' (got {entries[-1].aims_at!r})")
    return category, entries


def _word_list(value, path: Path, where: str, term: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value or any(not isinstance(w, str) or not w.strip() for w in value):
        raise SlantError(f"{path}: {where}: 'unless_followed_by' of '{term}' must be a list of words (got {value!r})")
    return tuple(w.strip() for w in value)


def packaged_lexicon_files() -> list[Path]:
    return sorted(packaged_path("lexicon").glob("*.yaml"))


def load_lexicon(paths: str | Path | list | tuple | None = None, *, extend: bool = True,
                 categories: list[str] | tuple[str, ...] | None = None, actors=None) -> Lexicon:
    """Read lexicon files; user files extend the packaged lexicon unless ``extend=False``.

    A user form already in the lexicon replaces the packaged entry, so a user
    can re-categorise or re-annotate a term. ``categories`` switches
    categories on by name (also those off by default); without it, each file's
    ``default`` decides. ``actors`` (an `actors.Actors`): a user entry's
    ``refers_to`` must name one of them, else a `SlantError` names the file,
    the line and the unknown actor.
    """
    known = (set(actors.sides), actors.source) if actors is not None else None
    if isinstance(paths, (str, Path)):
        paths = [p for p in str(paths).split(",") if p.strip()]
    user = [Path(p) for p in (paths or [])]
    files = (packaged_lexicon_files() if (extend or not user) else []) + user
    found: dict[str, Category] = {}
    by_form: dict[str, dict[str, Entry]] = {}
    for path in files:
        if path.is_dir():
            raise SlantError(f"{path}: is a folder; give lexicon YAML files")
        category, entries = _entries_of(path, load_data_file(path), known if path in user else None, path in user)
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


def form_atoms(form: str) -> list[str]:
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
        for atom in form_atoms(form):
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
