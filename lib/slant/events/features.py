"""What an article says about its event, as sparse vectors: content words, proper names, title words; and its day.

Three TF-IDF blocks (sublinear term frequency, smoothed inverse document
frequency over the corpus being grouped, each row of unit length): the body's
content words (lower-cased, stop words out, Porter stems), the body's proper
names (each full name and, for a name of several words, its last word, so
"Michael Steele" and "Steele" meet), and the title's content words (an
untitled article's first line stands in for its title: a headline or the
lede). The
blocks are scaled by the square roots of their weights and put side by side,
so that the dot product of two rows is the weighted mean of the three cosine
similarities (0 to 1, higher = more alike).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A name word: capitalised ("Steele", "McCain", "Kennedy-Smith"), an acronym ("NAACP") or a dotted one ("N.A.A.C.P.").
# Words join with spaces or tabs only: a name never runs across a line (a dateline is not part of a headline).
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:-[A-Z]?[a-z]+)*|[A-Z]{2,}|(?:[A-Z]\.){2,})(?![\w’'])"
NAME_RE = re.compile(rf"(?<![\w’'#@.-]){_NAME_WORD}(?:[ \t]+{_NAME_WORD})*")
# What may stand just before the first word of a sentence (or of a quotation, or a dateline's "—").
_OPENING_RE = re.compile(r"(?:^|[.!?:;“\"'‘(—–-])\s*$")


@lru_cache(maxsize=1)
def _stem():
    from nltk.stem.porter import PorterStemmer  # pure code, no NLTK data needed

    return lru_cache(maxsize=200_000)(PorterStemmer().stem)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def _not_names() -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words that open a name without being part of it, and those that may end one (see segment)."""
    from ..segment import not_name_words

    return not_name_words() | _stop_words(), not_name_words(at_end=True) | _stop_words()


@lru_cache(maxsize=1)
def _titles() -> frozenset[tuple[str, ...]]:
    """Offices that may precede a name ("Attorney General Richard Blumenthal"), from ``data/speaker_titles.yaml``."""
    from ..data_files import load_data_file, packaged_path

    data = load_data_file(packaged_path("speaker_titles.yaml"))
    return frozenset(tuple(t.lower().replace(".", "").split()) for t in data["titles"])


def _without_titles(words: list[str]) -> list[str]:
    """The name after the last office in it ("House Speaker John Boehner" is "John Boehner"), when two words or
    more remain ("General Motors", "President Obama" stay whole; the family name is a feature of its own)."""
    titles = _titles()
    lowered = [w.lower() for w in words]
    cut = 0
    for start in range(len(words)):
        for size in (4, 3, 2, 1):
            if tuple(lowered[start:start + size]) in titles and len(words) - (start + size) >= 2:
                cut = max(cut, start + size)
    return words[cut:]


def content_words(text: str, *, stems: bool = True) -> list[str]:
    """Stems of the content words of ``text``: lower-cased, possessive 's dropped, stop words and short words out
    (``stems=False``: the words themselves, for display)."""
    stem, stop = (_stem() if stems else str), _stop_words()
    found = []
    for match in WORD_RE.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 2 and word not in stop:
            found.append(stem(word))
    return found


def lower_case_words(texts) -> set[str]:
    """The words written in lower case somewhere in ``texts`` (a capital opening a sentence is not a name)."""
    return {word for text in texts for word in WORD_RE.findall(text) if word.islower()}


CLAUSE_RE = re.compile(r"(?<=[.!?:;])\s+|\s+[—–]\s+")
TITLE_CASE_WORDS = 4  # capitalised content words from which a clause with no lower-case one is a headline


def _title_case(clause: str) -> bool:
    """A headline-style clause ("NATO Meeting to Discuss Allowing Ukraine to Attack Targets"): every content
    word capitalised, TITLE_CASE_WORDS of them or more. Its capitals mark style, not names."""
    content = [w for w in WORD_RE.findall(clause) if len(w) > 1 and w.lower() not in _stop_words()]
    return len(content) >= TITLE_CASE_WORDS and all(w[0].isupper() for w in content)


def proper_names(text: str, *, surnames: bool = True, lower_words: set[str] | None = None) -> list[str]:
    """Lower-cased proper names of ``text`` without dots, each full name followed by its last word if it has
    several (``surnames=False``: full names only, as printed, for display).

    A capitalised word opening a sentence is a name only when the text (or
    ``lower_words``, e.g. a corpus's `lower_case_words`) never writes it in
    lower case ("Critics said" is not a name; "Boehner said" is);
    openers, titles and calendar words at a name's ends are dropped ("When Mr
    Boehner" is "boehner"), as `slant.segment.not_name_words` lists them, and
    so are the offices of ``speaker_titles.yaml`` before a name ("Attorney
    General Richard Blumenthal" is "richard blumenthal"). A clause in title
    case (an embedded headline) gives no names.
    """
    openers, enders = _not_names()
    found = []
    for line in (clause for line in text.splitlines() for clause in CLAUSE_RE.split(line)):
        if _title_case(line):
            continue
        for match in NAME_RE.finditer(line):
            words = match.group().replace(".", "").split()
            if _OPENING_RE.search(line[:match.start()]):
                if lower_words is None:
                    lower_words = {w for w in WORD_RE.findall(text) if w.islower()}
                if words[0].lower() in openers or words[0].lower() in lower_words:
                    words = words[1:]
            while words and words[0].lower() in openers:
                words = words[1:]
            while words and words[-1].lower() in enders:
                words = words[:-1]
            words = _without_titles(words)
            if words and not surnames:
                found.append(" ".join(words))
            elif words:
                found.append(" ".join(words).lower())
                if len(words) > 1:
                    found.append(words[-1].lower())
    return found


def body_of(text: str, title: str) -> str:
    """The text without its title when it opens with it (BASIL's texts and many scraped pages do)."""
    title = title.strip()
    stripped = text.lstrip()
    return stripped[len(title):] if title and stripped.startswith(title) else text


HEADLINE_WORDS = 40  # words of an untitled article's first line that stand in for its title


def headline_of(text: str) -> str:
    """An untitled article's stand-in title: its first non-empty line (a headline or the lede), cut at
    HEADLINE_WORDS words."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return " ".join(line.split()[:HEADLINE_WORDS])


def _block(analyzer, documents: list[str]) -> sp.csr_matrix | None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32).fit_transform(documents)
    except ValueError:  # no term in any document (empty texts, or only stop words)
        return None


def event_vectors(titles: list[str], texts: list[str], weights: dict[str, float]) -> sp.csr_matrix:
    """One row per article: the weighted blocks ``words``, ``names`` and ``title`` side by side (see module doc)."""
    bodies = [body_of(text, title) for title, text in zip(titles, texts)]
    headlines = [title if title.strip() else headline_of(text) for title, text in zip(titles, texts)]
    blocks = []
    for name, analyzer, documents in (("words", content_words, bodies), ("names", proper_names, bodies),
                                      ("title", content_words, headlines)):
        weight = float(weights.get(name, 0.0))
        block = _block(analyzer, documents) if weight > 0 else None
        if block is not None:
            blocks.append(block * np.float32(np.sqrt(weight)))
    if not blocks:
        return sp.csr_matrix((len(texts), 0), dtype=np.float32)
    return sp.hstack(blocks, format="csr", dtype=np.float32)


def article_days(dates) -> np.ndarray:
    """Each date as days since 1970-01-01 (a float), NaN when empty or unparseable (then no date constraint).

    An ISO 8601 date counts by the day it names ("2024-05-30T23:30-05:00" is
    30 May, whatever the time zone); other forms ("May 30, 2024") are read one
    by one.
    """
    values = pd.Series([("" if d is None else str(d).strip()) for d in dates], dtype="object")
    iso = values.str.extract(r"^(\d{4}-\d{2}-\d{2})(?![\d])", expand=False)
    parsed = pd.to_datetime(iso, errors="coerce", format="%Y-%m-%d")
    retry = parsed.isna() & (values != "")
    if retry.any():
        parsed[retry] = pd.to_datetime(values[retry], errors="coerce", format="mixed", utc=True).dt.tz_convert(None)
    return ((parsed.dt.normalize() - pd.Timestamp("1970-01-01")).dt.days).astype("float64").to_numpy()


def text_column(articles: pd.DataFrame, name: str) -> list[str]:
    """A column as text, "" for a missing value or a missing column."""
    if name not in articles.columns:
        return [""] * len(articles)
    return ["" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
            for value in articles[name]]


def event_order(articles: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Positions of ``articles`` sorted by (date, id), undated last; their days and ids, in that order."""
    ids = text_column(articles, "id")
    days = article_days(text_column(articles, "date"))
    order = np.array(sorted(range(len(articles)),
                            key=lambda i: (bool(np.isnan(days[i])), np.nan_to_num(days[i]), ids[i], i)), dtype=int)
    return order, days[order], [ids[i] for i in order]
