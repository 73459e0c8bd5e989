"""Group articles into events (story clustering): a first version, TF-IDF over titles and texts with a date window.

`group_events(articles)` links two articles when their TF-IDF cosine (title
counted twice) reaches ``THRESHOLD`` and their dates are at most
``WINDOW_DAYS`` apart (no constraint when a date is missing), found by sparse
nearest neighbours; events are the connected components, ids ``e001``… in
order of each event's first (date, id). `describe_events` lists them
(EVENT_COLUMNS).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

EVENT_COLUMNS = ["event", "label", "first_date", "last_date", "sources", "n_articles", "n_sources", "top_terms",
                 "top_names"]
THRESHOLD = 0.25
WINDOW_DAYS = 7
NEIGHBOURS = 10
NAME_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _documents(articles: pd.DataFrame) -> list[str]:
    return [f"{t} {t} {x}" for t, x in zip(articles["title"].fillna("").astype(str), articles["text"].astype(str))]


def _dates(articles: pd.DataFrame) -> np.ndarray:
    return pd.to_datetime(articles["date"].astype(str), errors="coerce", format="mixed").to_numpy()


def group_events(articles: pd.DataFrame, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS) -> pd.Series:
    """One event id per article (index aligned with ``articles``); see the module."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    n = len(articles)
    if n == 0:
        return pd.Series([], index=articles.index, dtype=object)
    if n == 1:
        return pd.Series(["e001"], index=articles.index, dtype=object)
    try:
        vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(_documents(articles))
    except ValueError:  # no content word in any article: nothing links two of them
        return pd.Series([f"e{k + 1:03d}" for k in range(n)], index=articles.index, dtype=object)
    k = min(NEIGHBOURS + 1, n)
    distances, neighbours = NearestNeighbors(n_neighbors=k, metric="cosine").fit(vectors).kneighbors(vectors)
    dates = _dates(articles)
    rows, columns = [], []
    for i in range(n):
        for distance, j in zip(distances[i], neighbours[i]):
            if j == i or 1 - distance < threshold:
                continue
            if not (pd.isna(dates[i]) or pd.isna(dates[j])) and abs((dates[i] - dates[j]) / np.timedelta64(1, "D")) > window_days:
                continue
            rows.append(i)
            columns.append(j)
    graph = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    order = pd.DataFrame({"component": component, "date": pd.Series(dates).astype(str).to_numpy(),
                          "id": articles["id"].astype(str).to_numpy()}).sort_values(["date", "id"])
    first_seen = list(dict.fromkeys(order["component"]))
    names = {c: f"e{k + 1:03d}" for k, c in enumerate(first_seen)}
    return pd.Series([names[c] for c in component], index=articles.index, dtype=object)


def describe_events(articles: pd.DataFrame, events: pd.Series) -> pd.DataFrame:
    """One row per event (EVENT_COLUMNS): a short label, dates, sources, size, top words and names."""
    rows = []
    if len(articles) == 0:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    frame = articles.assign(_event=events.to_numpy())
    for event, members in frame.groupby("_event", sort=False):
        dates = sorted(str(d) for d in members["date"] if str(d).strip() and str(d) != "nan")
        names = pd.Series([m for t in members["title"].fillna("") for m in NAME_RE.findall(str(t))]).value_counts()
        words = pd.Series([w.lower() for t in members["title"].fillna("") for w in re.findall(r"[A-Za-z]{4,}", str(t))])
        top_names = ", ".join(names.index[:3])
        top_terms = ", ".join(words.value_counts().index[:5]) if len(words) else ""
        label = " · ".join(filter(None, [dates[0] if dates else "", top_names or top_terms or str(event)]))
        rows.append({"event": event, "label": label, "first_date": dates[0] if dates else "",
                     "last_date": dates[-1] if dates else "", "sources": ", ".join(sorted(map(str, members["source"].unique()))),
                     "n_articles": len(members), "n_sources": members["source"].nunique(), "top_terms": top_terms,
                     "top_names": top_names})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
