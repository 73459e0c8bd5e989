"""Events: which articles of a corpus report the same news event (story clustering), and a table describing them.

`group_events` gives each article an event id, found from what two stories of
one event share: proper names, content words and title words (TF-IDF, see
`features`), and dates (an event spans at most a week; see `cluster`), with
the prior that an outlet writes one article per event. `describe_events`
gives one row per event (EVENT_COLUMNS). The settings live in
``data/events.yaml`` with how they were chosen (`settings.EventSettings`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import SlantError
from .cluster import agglomerate, candidate_edges, mutual_boost
from .describe import EVENT_COLUMNS, describe_events
from .features import event_order, event_vectors, text_column
from .settings import EventSettings

__all__ = ["EVENT_COLUMNS", "EventInputs", "EventSettings", "describe_events", "event_order", "group_events",
           "group_prepared", "prepare_events", "similarity_graph"]


@dataclass(frozen=True)
class EventInputs:
    """What grouping needs of a corpus, computed once: row order by (date, id), days, vectors, sources."""

    index: pd.Index
    order: np.ndarray
    days: np.ndarray
    vectors: object  # scipy.sparse.csr_matrix, rows in ``order``
    sources: list[str]


def prepare_events(articles: pd.DataFrame, weights: dict[str, float]) -> EventInputs:
    """The `EventInputs` of ``articles`` for the similarity block ``weights`` (see `features.event_vectors`)."""
    missing = [c for c in ("id", "text") if c not in articles.columns]
    if missing:
        raise SlantError(f"event grouping needs the article column(s) {', '.join(missing)}")
    order, days, _ = event_order(articles)
    titles, texts, sources = (text_column(articles, c) for c in ("title", "text", "source"))
    vectors = event_vectors([titles[i] for i in order], [texts[i] for i in order], weights)
    # one outlet however its label is cased ("NYT", "nyt"); the one-article-per-source prior means nothing in a
    # corpus of one source
    sources = [" ".join(source.split()).casefold() for source in sources]
    ordered_sources = [sources[i] for i in order] if len(set(sources)) > 1 else [""] * len(order)
    return EventInputs(articles.index, order, days, vectors, ordered_sources)


def similarity_graph(inputs: EventInputs, settings: EventSettings):
    """The sparse graph of near neighbours (`cluster.candidate_edges`), mutual best pairs boosted (`mutual_boost`)."""
    graph = candidate_edges(inputs.vectors, inputs.days, window_days=settings.window_days,
                            grace_days=settings.grace_days, fade_per_day=settings.fade_per_day,
                            neighbours=settings.neighbours, floor=settings.floor)
    return mutual_boost(graph, inputs.sources, settings.mutual_boost)


def group_prepared(inputs: EventInputs, settings: EventSettings, graph=None) -> pd.Series:
    """`group_events` on inputs already prepared with ``settings.weights`` (and their `similarity_graph`)."""
    if not len(inputs.order):
        return pd.Series([], index=inputs.index, name="event", dtype="object")
    graph = similarity_graph(inputs, settings) if graph is None else graph
    groups = agglomerate(graph, inputs.sources, inputs.days, threshold=settings.threshold,
                         same_source=settings.same_source, window_days=settings.window_days)
    numbers: dict[int, int] = {}
    for group in groups:  # groups follow (date, id): the first article seen opens the event
        numbers.setdefault(int(group), len(numbers) + 1)
    width = max(3, len(str(len(numbers))))
    labels = np.empty(len(inputs.order), dtype=object)
    labels[inputs.order] = [f"e{numbers[int(g)]:0{width}d}" for g in groups]
    return pd.Series(labels, index=inputs.index, name="event")


def group_events(articles: pd.DataFrame, settings: EventSettings | None = None) -> pd.Series:
    """One event id per article ("e001"…, numbered by each event's first (date, id)), aligned on the index.

    ``articles`` needs ``text`` and ``id``; ``source``, ``title`` and ``date``
    are used when present (an empty or unreadable date sets no date
    constraint). The same articles always get the same ids, in any row order.
    """
    settings = settings or EventSettings.load()
    return group_prepared(prepare_events(articles, settings.weights), settings)
