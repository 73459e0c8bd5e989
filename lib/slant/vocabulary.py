"""Distinctive vocabulary: which words mark each source against the others.

Monroe, Colaresi & Quinn (2008), *Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict*, Political
Analysis 16(4): the log-odds ratio of a word's use in one source against all
the others, with an informative Dirichlet prior from the whole corpus's
counts, divided by its standard error to give a z-score. |z| > 1.96 marks a
word used distinctively more (z > 0) or less (z < 0) than the other sources
would lead one to expect. Words are the outlets' own (embedded posts and
quotations are kept out of it: what a source chose to say, not whom it quoted).

Words are lower case, except acronyms ("US", "U.S." and "NATO" are "US" and
"NATO": "US" is never the pronoun "us"). By default stop words and one-letter
words, honorifics and abbreviated titles ("Mr.", "Ms.", "Sen."), house
boilerplate (bylines, "contributed to this report", "UPDATE:") and
the corpus's outlet names are left out, as ``data/vocabulary.yaml`` documents
(LEAVE_OUT; ``leave_out=()`` keeps every word).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .data_files import load_data_file, packaged_path
from .pipeline import Results

WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_][\w'-]*[^\W_]|[^\W\d_]")  # "U.S.", "long-range", "a"
DISTINCTIVE_COLUMNS = ["source", "word", "count", "count_elsewhere", "log_odds", "z", "source_articles",
                       "source_words"]
VOCABULARY_DATA = "vocabulary.yaml"
# What is left out by default, each a list of data/vocabulary.yaml.
LEAVE_OUT = ("stop_words", "honorifics", "boilerplate", "outlets")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data_file(packaged_path(VOCABULARY_DATA))


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in _data()["boilerplate"])


@lru_cache(maxsize=1)
def _markers() -> re.Pattern:
    """"UPDATE:", "UPDATE (5:30 p.m.):" and the like, as the data lists them: labels, not the outlet's words."""
    words = "|".join(re.escape(str(w)) for w in _data()["boilerplate_markers"])
    return re.compile(rf"(?<![\w'])(?:{words})(?:\s*\([^()\n]{{0,40}}\))?\s*:")


def normalise_word(token: str) -> str:
    """A token as a word: lower case, an acronym of two letters or more in capitals without its dots ("US")."""
    token = token.replace("’", "'").removesuffix("'s")
    bare = token.replace(".", "")
    return bare if len(bare) >= 2 and bare.isupper() else token.lower()


def outlet_names(sources: list[str]) -> list[str]:
    """The names of the corpus's outlets: each label, and every name of a data entry that lists the label."""
    names = {str(s).strip() for s in sources if str(s).strip()}
    for entry in _data()["outlets"]:
        if {n.casefold() for n in entry} & {s.casefold() for s in names}:
            names.update(entry)
    return sorted(names, key=lambda n: (-len(n), n))


def _outlet_pattern(sources: list[str]) -> re.Pattern | None:
    names = outlet_names(sources)
    if not names:
        return None
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?:['’]s)?(?![\w])",
                      re.IGNORECASE)


def own_text_without_quotes(results: Results) -> pd.DataFrame:
    """The own-voice sentences with any quotation inside them blanked out: the outlet's words only."""
    own = results.sentences[results.sentences["voice"] == "outlet"]
    return own.assign(text=own["text"].str.replace(r"“[^”]*”|\"[^\"]*\"", " ", regex=True))


def word_counts(results: Results, *, leave_out=LEAVE_OUT) -> pd.DataFrame:
    """Words × sources: how often each source uses each word in its own voice (see the module for what is left out)."""
    leave_out = set(leave_out)
    unknown = leave_out - set(LEAVE_OUT)
    if unknown:
        raise ValueError(f"leave_out: unknown list(s) {sorted(unknown)}; known: {', '.join(LEAVE_OUT)}")
    own = own_text_without_quotes(results)
    skip: set[str] = set()
    for name in ("stop_words", "honorifics"):
        skip |= {str(w) for w in _data()[name]} if name in leave_out else set()
    boilerplate = _boilerplate() if "boilerplate" in leave_out else ()
    outlets = _outlet_pattern(results.sources) if "outlets" in leave_out else None
    single_letters = "stop_words" in leave_out  # initials and party letters ("R-Calif."), with the stop words
    counts = {}
    for source, group in own.groupby("source", observed=True):
        texts = [t for t in group["text"] if not any(p.match(t.strip()) for p in boilerplate)]
        text = " ".join(texts).replace("’", "'")
        if boilerplate:
            text = _markers().sub(" ", text)
        if outlets is not None:
            text = outlets.sub(" ", text)
        words = [w for w in map(normalise_word, WORD_RE.findall(text))
                 if w not in skip and not (single_letters and len(w) == 1)]
        counts[str(source)] = pd.Series(words).value_counts() if words else pd.Series(dtype=int)
    return pd.DataFrame(counts).fillna(0).astype(int)


def log_odds_z(focus: np.ndarray, rest: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al.'s log-odds ratio with Dirichlet prior ``prior`` (per word) and its z-score."""
    a0, n_focus, n_rest = prior.sum(), focus.sum(), rest.sum()
    delta = (np.log((focus + prior) / (n_focus + a0 - focus - prior))
             - np.log((rest + prior) / (n_rest + a0 - rest - prior)))
    variance = 1.0 / (focus + prior) + 1.0 / (rest + prior)
    return delta, delta / np.sqrt(variance)


def distinctive_words(results: Results, top: int = 15, *, leave_out=LEAVE_OUT) -> pd.DataFrame:
    """For each source against the rest: the ``top`` most over-used words by z-score (DISTINCTIVE_COLUMNS).

    ``source_articles`` and ``source_words``: the source's articles, and the
    words of its own voice that were counted (after ``leave_out``).
    """
    counts = word_counts(results, leave_out=leave_out)
    if counts.shape[1] < 2:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    articles = results.articles["source"].astype(str).value_counts()
    prior = counts.sum(axis=1).to_numpy(dtype=float)  # informative prior: the pooled corpus counts
    rows = []
    for source in counts.columns:
        focus = counts[source].to_numpy(dtype=float)
        rest = counts.drop(columns=source).sum(axis=1).to_numpy(dtype=float)
        delta, z = log_odds_z(focus, rest, prior)
        table = pd.DataFrame({"source": source, "word": counts.index, "count": focus.astype(int),
                              "count_elsewhere": rest.astype(int), "log_odds": delta, "z": z,
                              "source_articles": int(articles.get(source, 0)), "source_words": int(focus.sum())})
        rows.append(table[table["count"] > 0].sort_values(["z", "word"], ascending=[False, True]).head(top))
    result = pd.concat(rows, ignore_index=True)
    result["source"] = pd.Categorical(result["source"], categories=results.sources)
    return result
