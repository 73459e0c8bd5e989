"""Paragraphs, sentences, word tokens, quotations and embedded posts, with offsets.

Every span is ``(start, end)`` in ``str`` indices of the article text, so
``text[start:end]`` is the span. The rules are written for English news copy:
no sentence break inside "U.S.", after an initial ("Seth G. Jones"), inside a URL
("pic.twitter.com/…"), or inside a quotation (a quote of several sentences stays
one sentence). Abbreviations live in ``data/segmentation.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from .data_files import load_data_file, packaged_path

OUTLET = "outlet"
EMBED = "embed"

URL_PATTERN = r"(?:https?://|www\.|\b(?:pic\.twitter\.com|t\.co|youtu\.be)/)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)…]"
TOKEN_RE = re.compile(
    rf"(?P<url>{URL_PATTERN})"
    r"|(?P<handle>(?<![\w@])@\w{1,30})"
    r"|(?P<hashtag>(?<![\w#])#\w+)"
    r"|(?P<acronym>\b(?:[A-Za-z]\.){2,})"
    r"|(?P<number>\d+(?:[.,]\d+)*(?:%|\b))"
    r"|(?P<word>\w+(?:['’‐\-]\w+)*)"
)
WORD_KINDS = frozenset({"word", "number", "acronym"})

# A terminator, closing quotes/brackets, then whitespace: a candidate boundary. It starts only at the
# start of a run of terminators: retrying inside a long run ("......x") made the scan quadratic.
BOUNDARY_RE = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=\s)")
OPENING_QUOTES = "“\""
SIGNATURE_RE = re.compile(r"^\s*[—–-]{1,2}\s*(?P<name>[^\n]{0,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>[^\n]{0,40})$")
EMBED_LINK_RE = re.compile(r"\b(?:pic\.twitter\.com|t\.co)/\w+")
# an embedded post kept as markup by the corpus (PolNeAR): <tweet id=".." author="@h" datetime="..">…</tweet>
TWEET_OPEN_RE = re.compile(r"<tweet\b(?P<attributes>[^<>]{0,300})>")  # "<tweet/>" is a (malformed) closing
TWEET_CLOSE_RE = re.compile(r"</tweet>|<tweet\s*/>")
TWEET_AUTHOR_RE = re.compile(r"\b(?:tweet-)?author=\"(?P<handle>@?\w{1,30})\"")
TWEET_DATE_RE = re.compile(r"\b(?:tweet-date|datetime)=\"(?P<date>[^\"]{1,40})\"|\btimestamp=\"(?P<epoch>\d{9,11})\"")


@dataclass(frozen=True)
class Token:
    """A token: ``text[start:end]``; kind is word, number, acronym, url, handle or hashtag."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class Sentence:
    """A sentence span, its paragraph number and its voice (outlet or embed)."""

    start: int
    end: int
    paragraph: int
    voice: str


@dataclass(frozen=True)
class EmbeddedPost:
    """An embedded social-media post: its span and its author, as printed."""

    start: int
    end: int
    handle: str | None
    author: str | None
    date: str | None
    # a post kept as markup (<tweet author=…>…</tweet>): its opening tag, where the handle is written, its words
    markup: tuple[int, int] | None = None
    handle_span: tuple[int, int] | None = None
    body: tuple[int, int] | None = None


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, frozenset[str]]:
    """The word lists of ``data/segmentation.yaml``, read once."""
    data = load_data_file(packaged_path("segmentation.yaml"))
    return {key: frozenset(data.get(key, ())) for key in ("abbreviations", "sentence_starters", "before_numbers",
                                                           "calendar_words", "name_suffixes")}


def _rules() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Abbreviations, words that open a sentence after "U.S.", and abbreviations only before a number ("No. 5")."""
    lists = _word_lists()
    return lists["abbreviations"], lists["sentence_starters"], lists["before_numbers"]


def abbreviation_words() -> frozenset[str]:
    """Lower-cased words that take a full stop without ending a sentence ("mr", "gen", "jan")."""
    return _rules()[0]


@lru_cache(maxsize=2)
def not_name_words(at_end: bool = False) -> frozenset[str]:
    """Lower-cased words that are capitalised without being a name, or only a title before one: sentence
    openers ("When"), abbreviated titles ("Mr", "Sen") and the days and months; ``at_end``: without the
    abbreviations that end a name ("Corp", "Jr")."""
    lists = _word_lists()
    words = lists["abbreviations"] | lists["sentence_starters"] | lists["calendar_words"]
    return words - lists["name_suffixes"] if at_end else words


def tokenize(text: str) -> list[Token]:
    """Word-like tokens with offsets; punctuation and spaces are not tokens."""
    return [Token(m.start(), m.end(), m.group(), m.lastgroup) for m in TOKEN_RE.finditer(text)]


def count_words(text: str) -> int:
    """Number of words (words, numbers, acronyms); URLs, handles and hashtags excluded."""
    return sum(1 for m in TOKEN_RE.finditer(text) if m.lastgroup in WORD_KINDS)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of the text, stripped, as spans (a news paragraph is a line)."""
    spans = []
    for m in re.finditer(r"[^\r\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


QUOTE_MARK_RE = re.compile(r'[“”"]')
DOUBLED_APOSTROPHE_QUOTE_RE = re.compile(r"''[^'\n][^\n]*?''")


def quotations(text: str) -> list[tuple[int, int]]:
    """Double-quoted passages, quote marks included, paired within each paragraph.

    Curly quotes pair “ with ”; straight quotes pair in order; doubled
    apostrophes pair ''…'' within a paragraph. An opening mark with no closing
    mark in its paragraph is ignored rather than guessed.
    """
    return list(_quotations(text))


@lru_cache(maxsize=4)  # asked for several times per article (segmentation, attribution, terms)
def _quotations(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for p_start, p_end in paragraphs(text):
        open_at = None
        for mark in QUOTE_MARK_RE.finditer(text, p_start, p_end):
            char, i = mark.group(), mark.start()
            if char == "“":
                open_at = i
            elif char == "”":
                if open_at is not None:
                    spans.append((open_at, i + 1))
                    open_at = None
            elif open_at is None:
                open_at = i
            else:
                spans.append((open_at, i + 1))
                open_at = None
    # doubled apostrophes (''…''), as some wires and The New York Times' archive print double quotes
    # (spans are in text order and disjoint: only the last one starting before a match can overlap it)
    starts = [q0 for q0, _ in spans]
    doubled = [m.span() for m in DOUBLED_APOSTROPHE_QUOTE_RE.finditer(text)
               if not _overlaps_any(spans, starts, m.start(), m.end())]
    return tuple(sorted(spans + doubled))


def _overlaps_any(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether (start, end) overlaps one of ``spans`` (in text order, disjoint; ``starts`` their starts)."""
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and spans[i][1] > start


def _tweet_date(match: re.Match | None) -> str | None:
    """The date of a tweet's markup as written, or its Unix time stamp as a UTC date ("2016-08-01")."""
    if match is None:
        return None
    if match["epoch"]:
        return datetime.fromtimestamp(int(match["epoch"]), tz=timezone.utc).date().isoformat()
    return match["date"]


def _tweet_markup(text: str) -> list[tuple[re.Match, re.Match]]:
    """Each ``<tweet …>…</tweet>`` element (West Journal's texts close with ``<tweet/>``): its opening and closing
    tags, each opening paired with the first closing before the next opening (linear)."""
    openings = [m for m in TWEET_OPEN_RE.finditer(text) if not m.group().endswith("/>")]
    found = []
    for m, following in zip(openings, openings[1:] + [None]):
        close = TWEET_CLOSE_RE.search(text, m.end(), following.start() if following else len(text))
        if close:
            found.append((m, close))
    return found


def _markup_post(text: str, paras: list[tuple[int, int]], opening: re.Match, closing: re.Match) -> EmbeddedPost:
    """The post of one ``<tweet …>`` element: the whole paragraph when nothing else is written in it
    ("…<tweet/>.")."""
    start, end = opening.start(), closing.end()
    around = [(p_start, p_end) for p_start, p_end in paras if p_start <= start < p_end]
    if around and not re.search(r"\w", text[around[0][0]:start] + text[end:around[0][1]]):
        start, end = around[0][0], max(end, around[0][1])
    base = opening.start("attributes")
    handle = TWEET_AUTHOR_RE.search(opening["attributes"])
    handle_span = (base + handle.start("handle") + handle["handle"].startswith("@"), base + handle.end("handle")) \
        if handle else None
    return EmbeddedPost(start, end, "@" + handle["handle"].lstrip("@") if handle else None, None,
                        _tweet_date(TWEET_DATE_RE.search(opening["attributes"])), opening.span(), handle_span,
                        (opening.end(), closing.start()))


def embedded_posts(text: str) -> list[EmbeddedPost]:
    """Embedded social posts: a "— name (@handle) date" line and the lines it signs.

    The signed post is the paragraph just before the signature line; a
    paragraph carrying a pic.twitter.com or t.co link without a signature is an
    embed too (author unknown); so is a post a corpus keeps as ``<tweet
    author="@handle" datetime="…">…</tweet>`` markup, with its handle and date.
    """
    return list(_embedded_posts(text))


@lru_cache(maxsize=4)  # asked for several times per article (segmentation, attribution, the embeds table)
def _embedded_posts(text: str) -> tuple[EmbeddedPost, ...]:
    paras = paragraphs(text)
    posts: list[EmbeddedPost] = []
    claimed: set[int] = set()
    for opening, closing in _tweet_markup(text):
        post = _markup_post(text, paras, opening, closing)
        posts.append(post)
        claimed.update(i for i, (p_start, p_end) in enumerate(paras) if p_start < post.end and post.start < p_end)
    for i, (start, end) in enumerate(paras):
        match = SIGNATURE_RE.match(text[start:end])
        if not match:
            continue
        first = i - 1 if i > 0 and i - 1 not in claimed else i
        claimed.update({first, i})
        posts.append(EmbeddedPost(paras[first][0], end, match["handle"], match["name"] or None, match["date"] or None))
    for i, (start, end) in enumerate(paras):
        if i not in claimed and EMBED_LINK_RE.search(text, start, end):
            posts.append(EmbeddedPost(start, end, None, None, None))
    return tuple(sorted(posts, key=lambda post: post.start))


_ABBREVIATION_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_NEXT_WORD_RE = re.compile(r"\s+[\"“]?(\w+)")
_NON_SPACE_RE = re.compile(r"\S")


def _opens_sentence(text: str, position: int) -> bool:
    """The character at ``position`` may open a sentence: a capital, a digit, an opening quote or a ''…'' quotation."""
    first = text[position]
    return first.isupper() or first.isdigit() or first in OPENING_QUOTES or text.startswith("''", position)


def _is_abbreviation(text: str, boundary: int, para_start: int) -> bool:
    """True when the full stop at ``boundary`` ends an abbreviation, not a sentence."""
    abbreviations, starters, before_numbers = _rules()
    # The run of ASCII letters and dots before the stop, found by stepping back rather than by a
    # "[A-Za-z.]+$" search over the paragraph so far, which made long paragraphs quadratic.
    first = boundary
    while first > para_start and text[first - 1] in _ABBREVIATION_CHARS:
        first -= 1
    if first == boundary:
        return False
    token = text[first:boundary]
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        # "U.S." ends a sentence only if a typical sentence opener follows.
        following = _NEXT_WORD_RE.match(text, boundary + 1)
        return not (following and following.group(1).lower() in starters)
    if re.fullmatch(r"[A-Z]", token):
        return True  # an initial: "Seth G. Jones"
    if token.lower() in before_numbers:  # "No. 5" goes on; "The answer was no. Then…" ends
        following = _NON_SPACE_RE.search(text, boundary + 1)
        return bool(following) and following.group().isdigit()
    return token.lower() in abbreviations


_DOTTED_WORD_RE = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z.]*\.")
_AFTER_STOP_RE = re.compile(r"[\"”’')\]]*\s+(\S)")
_ABBREVIATED_FORM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")


def abbreviations(text: str) -> list[tuple[int, int]]:
    """Spans of the abbreviations and initials whose full stop ends no sentence ("U.S.", "Seth G. Jones", "Gov.").

    The rule of `sentences`: before a capital, a digit or an opening quote the
    stop is judged by `_is_abbreviation` ("…in the U.S. The" ends a sentence);
    before anything else no sentence ends, and a word counts as abbreviated by
    its form or the abbreviation lists ("U.S., and", "at 5 p.m. on").
    """
    listed, _, before_numbers = _rules()
    listed = listed | before_numbers
    spans = []
    for m in _DOTTED_WORD_RE.finditer(text):
        after = _AFTER_STOP_RE.match(text, m.end())
        if after and _opens_sentence(text, after.start(1)):
            abbreviated = _is_abbreviation(text, m.end() - 1, m.start())
        else:
            word = m.group()[:-1]
            abbreviated = bool(_ABBREVIATED_FORM_RE.fullmatch(word)) or word.lower() in listed
        if abbreviated:
            spans.append(m.span())
    return spans


def sentences(text: str) -> list[Sentence]:
    """Sentences of the text, in order, each inside one paragraph.

    A break needs a terminator (. ! ? …), optional closing quotes, whitespace,
    then a capital, a digit or an opening quote; never inside a quotation.
    """
    quote_spans = quotations(text)  # in text order, never overlapping
    quote_starts = [q_start for q_start, _ in quote_spans]
    embed_spans = [(post.start, post.end) for post in embedded_posts(text)]
    result: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        voice = EMBED if any(s <= p_start and p_end <= e for s, e in embed_spans) else OUTLET
        start = p_start
        for m in BOUNDARY_RE.finditer(text, p_start, p_end):
            end = m.end()
            # Positions, not slices of the rest of the paragraph: slicing made long paragraphs quadratic.
            next_char = _NON_SPACE_RE.search(text, end, p_end)
            if next_char is None:
                continue
            if not _opens_sentence(text, next_char.start()):
                continue
            inside = bisect.bisect_left(quote_starts, end) - 1
            if inside >= 0 and end < quote_spans[inside][1]:
                continue
            if text[m.start()] == "." and m.group() == "." and _is_abbreviation(text, m.start(), p_start):
                continue
            result.append(Sentence(start, end, number, voice))
            start = next_char.start()
        result.append(Sentence(start, p_end, number, voice))
    return result
