"""The lexicon's records: entries, categories, a compiled lexicon, a match; the terms table's columns.

Shared by the loader (`files`), the matcher (`match`) and the structural finders
(`structural`); every span is ``(start, end)`` in ``str`` indices of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .. import actors as actors_mod
from ..segment import Sentence


# ``matched``: the words the lexicon entry (or the rule, or the model) found; ``text`` is the same words, or more
# when the context model grew a lexicon match into a phrase ("increasingly exhausted and angry" for "angry")
TERM_COLUMNS = ["article_id", "sentence_index", "start", "end", "text", "term", "category", "loaded", "basis",
                "probability", "note", "group", "variant", "in_quote", "voice", "negated", "target", "matched"]


QUOTED = "quoted"


PARAPHRASE = "paraphrase"  # inside the content of an indirect attribution: the speaker's words, in the outlet's


OUTLET = "outlet"


STRUCTURAL_CATEGORIES = {  # found by structure, not by lexicon: name -> (label, why it counts, counted as loaded)
    "partial_quote": ("Partial quotes", "A few of a speaker's words quoted inside the outlet's paraphrase.", True),
    "scare_quote": ("Scare quotes", "Quotation marks around a few words that no one in the sentence is said to have "
                                    "spoken: the outlet distances itself from the words.", True),
    "social_embeds": ("Social-media embeds", "A hashtag, @handle or embedded-post link: social-media material, "
                                             "counted apart from the outlet's wording.", False),
}


STRUCTURAL_VOICE = {"partial_quote": "quoted", "scare_quote": "outlet"}  # the only voice each can have


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
    from_user: bool = False  # from the user's own lexicon file, not the packaged one


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
    # the context model may reject a match of this category for its own word (``reject_known``); false where the
    # model's training corpora do not annotate what the category describes (escalation framing, intensifiers)
    model_judges: bool = True


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


def sentence_index_at(starts: list[int], sentences: list[Sentence], position: int) -> int | None:
    """Index of the sentence holding ``position`` (``starts``: the sentences' starts), None between sentences."""
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 and position < sentences[index].end else None
