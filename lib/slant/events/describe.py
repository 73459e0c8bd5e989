"""One row per event: its dates, sources, size, and the words and names that set it apart (EVENT_COLUMNS)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import SlantError
from .features import body_of, content_words, event_order, lower_case_words, proper_names, text_column

EVENT_COLUMNS = ["event", "label", "first_date", "last_date", "sources", "n_articles", "n_sources", "top_terms",
                 "top_names"]
TOP = 5  # terms and names listed per event
LABEL_ITEMS = 3  # names (then terms) in a label
CANDIDATES = 25  # best-scored names per event among which the forms of one name are merged


def _iso(day: float) -> str:
    return "" if math.isnan(day) else (pd.Timestamp("1970-01-01") + pd.Timedelta(days=day)).date().isoformat()


def _event_scores(analyzer, documents: list[str], membership: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray]:
    """Per event (rows of ``membership``) and term: summed (1 + log tf) × idf over its articles; the terms.

    The idf is smoothed over all articles, ln((1 + n) / (1 + df)) + 1, as
    scikit-learn's; sparse throughout, so 100,000 articles hold no per-article
    dictionaries.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    try:
        vectorizer = CountVectorizer(analyzer=analyzer, lowercase=False, dtype=np.float64)
        counts = vectorizer.fit_transform(documents).tocsr()
    except ValueError:  # not one term in the corpus
        return sp.csr_matrix((membership.shape[0], 0)), np.array([], dtype=object)
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + counts.shape[0]) / (1 + frequency)) + 1
    counts.data = 1 + np.log(counts.data)
    return (membership @ counts @ sp.diags(idf)).tocsr(), vectorizer.get_feature_names_out()


def _top(scores: sp.csr_matrix, terms: np.ndarray, row: int, k: int) -> list[tuple[str, float]]:
    """The k best (term, score) of one event, best first, ties by the term."""
    lo, hi = scores.indptr[row], scores.indptr[row + 1]
    pairs = [(str(terms[j]), float(s)) for j, s in zip(scores.indices[lo:hi], scores.data[lo:hi])]
    return sorted(pairs, key=lambda item: (-round(item[1], 9), item[0]))[:k]


def _named_once(scores: list[tuple[str, float]]) -> list[str]:
    """One form per name, best first: a name ending in another name of two words or more counts as it
    ("Curator Joaquim Reis" as "Joaquim Reis"), a lone family name as the one longer name it ends ("Varga" as
    "Ilse Varga")."""
    merged = Counter(dict(scores))
    for name in sorted(merged, key=lambda n: -len(n.split())):
        words = name.split()
        shorter = next((" ".join(words[k:]) for k in range(1, len(words) - 1)
                        if " ".join(words[k:]) in merged), None)
        if shorter:
            merged[shorter] += merged.pop(name)
    for name in [n for n in merged if " " not in n]:
        fuller = {n for n in merged if n.endswith(" " + name)}
        if len(fuller) == 1:
            merged[fuller.pop()] += merged.pop(name)
    return [name for name, _ in sorted(merged.items(), key=lambda item: (-round(item[1], 9), item[0]))]


def describe_events(articles: pd.DataFrame, events) -> pd.DataFrame:
    """EVENT_COLUMNS for the events of ``articles`` (``events``: one label per article, aligned), by first date.

    ``first_date``/``last_date``: ISO dates of the event's first and last
    dated article ("" when none is dated); ``sources``: its sources, sorted,
    comma-separated; ``top_terms``/``top_names``: its TOP most distinctive
    content words and proper names (summed 1 + log term frequency times
    inverse document frequency over the corpus), comma-separated; ``label``:
    the first date and the first LABEL_ITEMS names (completed with terms), e.g.
    "2010-07-02: Michael Steele, Afghanistan, Kristol".
    """
    events = list(events)
    if len(events) != len(articles):
        raise SlantError(f"{len(articles)} articles and {len(events)} event labels: they must be aligned")
    if "text" not in articles.columns:
        raise SlantError("describing events needs the articles' text column")
    order, days, _ = event_order(articles)
    texts, titles, sources = (text_column(articles, c) for c in ("text", "title", "source"))
    labels = list(dict.fromkeys(str(events[i]) for i in order))  # by each event's first (date, id)
    number = {label: k for k, label in enumerate(labels)}
    membership = sp.csr_matrix((np.ones(len(events)), ([number[str(e)] for e in events], np.arange(len(events)))),
                               shape=(len(labels), len(events)))
    bodies = [body_of(text, title) for text, title in zip(texts, titles)]
    lower_words = lower_case_words(bodies)
    # the analysers take an article's position, so that no second copy of the corpus's texts is built
    word_scores, words = _event_scores(lambda i: content_words(f"{titles[i]}\n{bodies[i]}", stems=False),
                                       range(len(bodies)), membership)
    name_scores, names = _event_scores(lambda i: proper_names(bodies[i], surnames=False, lower_words=lower_words),
                                       range(len(bodies)), membership)
    members: dict[str, list[int]] = {}
    for position in order:
        members.setdefault(str(events[position]), []).append(int(position))
    day_of = dict(zip(order.tolist(), days.tolist()))
    rows = []
    for label in labels:
        group = members[label]
        dated = [day_of[i] for i in group if not math.isnan(day_of[i])]
        first, last = (_iso(min(dated)), _iso(max(dated))) if dated else ("", "")
        outlets = sorted({sources[i] for i in group if sources[i]})
        terms = [t for t, _ in _top(word_scores, words, number[label], TOP)]
        top_names = _named_once(_top(name_scores, names, number[label], CANDIDATES))[:TOP]
        shown = (top_names + [t for t in terms if t.lower() not in " ".join(top_names).lower()])[:LABEL_ITEMS]
        text = ", ".join(shown) or "(no words)"
        rows.append({"event": label, "label": f"{first}: {text}" if first else text, "first_date": first,
                     "last_date": last, "sources": ", ".join(outlets), "n_articles": len(group),
                     "n_sources": len(outlets), "top_terms": ", ".join(terms), "top_names": ", ".join(top_names)})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
