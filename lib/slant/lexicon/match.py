"""Matching a lexicon in an article: whole words, voice (quoted or own), negation, the actor aimed at."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .. import actors as actors_mod
from ..segment import EMBED, Sentence
from .files import form_atoms
from .model import OUTLET, PARAPHRASE, QUOTED, Entry, Lexicon, TermMatch, form_key, sentence_index_at


NEGATORS = re.compile(r"\b(?:not|no|never|without|nor|hardly|n[o']t|none|neither)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _followers(words: tuple[str, ...]) -> re.Pattern:
    """The words (or phrases) as one anchored pattern: whitespace, then the word, then a word boundary."""
    return re.compile(r"\s+(?:" + "|".join("".join(form_atoms(w)) for w in words) + r")(?![\w-])", re.IGNORECASE)


def in_excluded_sense(text: str, end: int, entry: Entry) -> bool:
    """The match is followed by a word that marks another sense of the term ("pleaded guilty", "failed to")."""
    return bool(entry.unless_followed_by) and bool(_followers(entry.unless_followed_by).match(text, end))


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
            "loaded": category.loaded if category else True, "basis": "lexicon", "probability": None,
            "note": entry.note, "group": entry.group,
            "variant": entry.variant, "in_quote": in_quote,
            "voice": EMBED if sentence.voice == EMBED else (QUOTED if in_quote else OUTLET),
            "negated": bool(NEGATORS.search(text, max(sentence.start, match.start - 40), match.start)),
            "target": entry.refers_to or actors_mod.target_of(
                match.start, match.end, mentions, (sentence.start, sentence.end), text,
                prefer_next=entry.aims_at == "object"),
        })
    return rows


PARAPHRASED_KINDS = ("indirect", "mixed")  # attributions whose content is (partly) the outlet's rewording


def mark_paraphrase(terms: list[dict], attributions: list[dict]) -> list[dict]:
    """Set ``voice = "paraphrase"`` on lexicon and model terms in the outlet's voice inside the content of an
    indirect (or mixed) attribution ("Rubio said that … aggressive nations …"): the speaker's words as the
    outlet reports them, counted apart from both the outlet's own words and quotations. Changes ``terms`` in place.
    """
    contents = sorted((a[f"{piece}_start"], a[f"{piece}_end"]) for a in attributions
                      if a.get("kind") in PARAPHRASED_KINDS for piece in ("content", "content_more")
                      if a.get(f"{piece}_start") is not None and not pd.isna(a[f"{piece}_start"]))
    if not contents:
        return terms
    for row in terms:
        if row["voice"] == OUTLET and row.get("basis", "lexicon") != "rule" and any(
                s <= row["start"] and row["end"] <= e for s, e in contents):
            row["voice"] = PARAPHRASE
    return terms
