"""Loaded wording found by structure, not by a word list: scare quotes, partial quotes, social-media embeds."""

from __future__ import annotations

import pandas as pd

from .. import actors as actors_mod
from ..segment import EMBED, Sentence
from .model import OUTLET, STRUCTURAL_CATEGORIES, STRUCTURAL_VOICE, sentence_index_at


MAX_QUOTE_WORDS = 4
QUOTE_TERM_EDGES = " \t\n'’‘\"“”.,;:!?…"  # not part of a quoted term: "absurd." is the term "absurd"


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
    from ..segment import count_words

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
        attributed = any(a["sentence_index"] == index or any(
            not pd.isna(a.get(f"{piece}_start")) and a[f"{piece}_start"] <= start and end <= a[f"{piece}_end"]
            for piece in ("content", "content_more")) for a in attributions)
        category = "partial_quote" if attributed else "scare_quote"
        rows.append({
            "sentence_index": index, "start": start, "end": end, "text": text[start:end],
            # the words, as a term: no edge punctuation nor the inner marks of a ''…'' quotation ("absurd." → "absurd")
            "term": inner.strip(QUOTE_TERM_EDGES).lower(), "category": category, "loaded": True,
            "basis": "rule", "probability": None, "note": STRUCTURAL_CATEGORIES[category][1], "group": None,
            "variant": None, "in_quote": True,
            "voice": STRUCTURAL_VOICE[category], "negated": False,
            "target": actors_mod.target_of(start, end, mentions, (sentence.start, sentence.end), text),
        })
    return rows


def find_social_embeds(text: str, sentences: list[Sentence]) -> list[dict]:
    """Hashtags, @handles and embedded-post links (pic.twitter.com, t.co) as TERM_COLUMNS rows."""
    from ..segment import EMBED_LINK_RE, tokenize

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
            "basis": "rule", "probability": None, "note": STRUCTURAL_CATEGORIES["social_embeds"][1], "group": None,
            "variant": token.kind,
            "in_quote": False, "voice": EMBED if sentence.voice == EMBED else OUTLET, "negated": False,
            "target": None,  # a hashtag or link is aimed at no one in particular
        })
    return rows
