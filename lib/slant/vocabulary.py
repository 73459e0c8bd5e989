"""Distinctive vocabulary: which words mark each source against the others.

Monroe, Colaresi & Quinn (2008), *Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict*, Political
Analysis 16(4): the log-odds ratio of a word's use in one source against all
the others, with an informative Dirichlet prior from the whole corpus's
counts, divided by its standard error to give a z-score. |z| > 1.96 marks a
word used distinctively more (z > 0) or less (z < 0) than the other sources
would lead one to expect. Words are the outlets' own (embedded posts and
quotations are kept out of it: what a source chose to say, not whom it quoted).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .pipeline import Results

WORD_RE = re.compile(r"(?:[a-z]\.){2,}|[^\W\d_][\w'-]*[^\W_]|[^\W\d_]")  # "u.s.", "long-range", "a"
DISTINCTIVE_COLUMNS = ["source", "word", "count", "count_elsewhere", "log_odds", "z"]


def _own_text_without_quotes(results: Results) -> pd.DataFrame:
    own = results.sentences[results.sentences["voice"] == "outlet"]
    return own.assign(text=own["text"].str.replace(r"“[^”]*”|\"[^\"]*\"", " ", regex=True))


def word_counts(results: Results) -> pd.DataFrame:
    """Words (lower case) × sources: how often each source uses each word in its own voice."""
    own = _own_text_without_quotes(results)
    counts = {}
    for source, group in own.groupby("source", observed=True):
        words = [w.removesuffix("'s") for w in WORD_RE.findall(" ".join(group["text"]).lower().replace("’", "'"))]
        counts[str(source)] = pd.Series(words).value_counts() if words else pd.Series(dtype=int)
    return pd.DataFrame(counts).fillna(0).astype(int)


def log_odds_z(focus: np.ndarray, rest: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al.'s log-odds ratio with Dirichlet prior ``prior`` (per word) and its z-score."""
    a0, n_focus, n_rest = prior.sum(), focus.sum(), rest.sum()
    delta = (np.log((focus + prior) / (n_focus + a0 - focus - prior))
             - np.log((rest + prior) / (n_rest + a0 - rest - prior)))
    variance = 1.0 / (focus + prior) + 1.0 / (rest + prior)
    return delta, delta / np.sqrt(variance)


def distinctive_words(results: Results, top: int = 15) -> pd.DataFrame:
    """For each source against the rest: the ``top`` most over-used words by z-score (DISTINCTIVE_COLUMNS)."""
    counts = word_counts(results)
    if counts.shape[1] < 2:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    prior = counts.sum(axis=1).to_numpy(dtype=float)  # informative prior: the pooled corpus counts
    rows = []
    for source in counts.columns:
        focus = counts[source].to_numpy(dtype=float)
        rest = counts.drop(columns=source).sum(axis=1).to_numpy(dtype=float)
        delta, z = log_odds_z(focus, rest, prior)
        table = pd.DataFrame({"source": source, "word": counts.index, "count": focus.astype(int),
                              "count_elsewhere": rest.astype(int), "log_odds": delta, "z": z})
        rows.append(table[table["count"] > 0].sort_values(["z", "word"], ascending=[False, True]).head(top))
    result = pd.concat(rows, ignore_index=True)
    result["source"] = pd.Categorical(result["source"], categories=results.sources)
    return result
