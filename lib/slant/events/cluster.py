"""Events from similarities: a sparse graph of near neighbours within a date window, then average linkage.

`candidate_edges` compares each article only with the articles dated within
the window around it (all of them when either is undated), in chunks of sparse
products, and keeps each article's ``neighbours`` most similar ones: memory
grows with the number of articles, never with its square. `agglomerate` merges
the two groups of highest average similarity (pairs without an edge count 0)
while it reaches the threshold, with three event priors: two dated articles'
similarity fades with the days between them (`date_factor`), a merged group
may not span more than ``window_days`` between its first and last dated
article (a follow-up a week later is another event), and a merge that would put two
articles of one source into one event has its similarity multiplied by
``same_source`` (an outlet rarely writes the same story twice; a soft prior).
As an average never exceeds the largest similarity it averages, groups only
merge inside the connected parts of the graph of edges at or above the
threshold, so each part is clustered on its own. Before that, `mutual_boost`
raises the similarity of pairs that are each other's best match in the
other's outlet (the event prior seen from the other side).
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

CHUNK = 512  # articles per sparse product: bounds the memory of one product


def _top(row_sims: np.ndarray, row_cols: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    if len(row_sims) > k:
        keep = np.argpartition(-row_sims, k - 1)[:k]
        return row_sims[keep], row_cols[keep]
    return row_sims, row_cols


def date_factor(gaps: np.ndarray, window_days: float, grace_days: float, fade_per_day: float) -> np.ndarray:
    """How much of two articles' similarity their dates leave: 1 up to ``grace_days`` apart (outlets date one
    story a day or two apart: time zones, print and web editions), then ``fade_per_day`` less for each further
    day, and 0 beyond ``window_days`` (a story a week on is a follow-up). An undated article (NaN gap): 1."""
    factor = np.clip(1 - fade_per_day * (gaps - grace_days), 0.0, 1.0)
    factor[gaps > window_days] = 0.0
    return np.where(np.isnan(gaps), 1.0, factor)


def candidate_edges(vectors: sp.csr_matrix, days: np.ndarray, *, window_days: float, grace_days: float,
                    fade_per_day: float, neighbours: int, floor: float) -> sp.csr_matrix:
    """Symmetric sparse similarities: each article's ``neighbours`` best partners at or above ``floor``.

    ``days`` must be sorted ascending with NaN (undated) last, as ``vectors``'
    rows are. Two dated articles' similarity is multiplied by their `date_factor`.
    """
    n = vectors.shape[0]
    dated = int(np.count_nonzero(~np.isnan(days)))
    rows, cols, sims = [], [], []
    start = 0
    while start < n:
        stop = min(n, start + CHUNK)
        if start < dated:
            stop = min(stop, dated)  # a chunk is all dated or all undated
            low = int(np.searchsorted(days[:dated], days[start] - window_days, side="left"))
            high = int(np.searchsorted(days[:dated], days[stop - 1] + window_days, side="right"))
            columns = np.r_[np.arange(low, high), np.arange(dated, n)]
        else:
            columns = np.arange(n)
        product = (vectors[start:stop] @ vectors[columns].T).tocsr()
        for offset in range(stop - start):
            i = start + offset
            lo, hi = product.indptr[offset], product.indptr[offset + 1]
            row_cols, row_sims = columns[product.indices[lo:hi]], product.data[lo:hi]
            if i < dated:
                row_sims = row_sims * date_factor(np.abs(days[row_cols] - days[i]), window_days, grace_days,
                                                  fade_per_day)
            keep = (row_cols != i) & (row_sims >= floor)
            row_sims, row_cols = _top(row_sims[keep], row_cols[keep], neighbours)
            rows.append(np.full(len(row_cols), i))
            cols.append(row_cols)
            sims.append(row_sims)
        start = stop
    if not rows:
        return sp.csr_matrix((n, n), dtype=np.float64)
    r, c, s = np.concatenate(rows), np.concatenate(cols), np.concatenate(sims).astype(np.float64)
    graph = sp.coo_matrix((s, (r, c)), shape=(n, n)).tocsr()
    return graph.maximum(graph.T).tocsr()  # an edge either side kept is kept both ways


def mutual_boost(graph: sp.csr_matrix, sources: list, boost: float) -> sp.csr_matrix:
    """``graph`` with the similarity of each mutual best cross-source pair multiplied by ``boost`` (at most 1).

    A pair is mutual best when each is the other's most similar article among
    the other's source: an outlet's story of an event is the one most like
    another outlet's story of it, while two different events rarely choose each
    other both ways. Articles without a source take no part.
    """
    if boost == 1 or graph.nnz == 0:
        return graph
    codes = {label: k for k, label in enumerate(sorted({s for s in sources if s}))}
    source_of = np.array([codes.get(s, -1) for s in sources])
    coo = graph.tocoo()
    rows, cols, sims = coo.row, coo.col, coo.data
    cross = (source_of[rows] >= 0) & (source_of[cols] >= 0) & (source_of[rows] != source_of[cols])
    rows, cols, sims = rows[cross], cols[cross], sims[cross]
    if not len(rows):
        return graph
    # per (article, partner's source): the partner of highest similarity (ties: the lower position)
    order = np.lexsort((cols, -sims, source_of[cols], rows))
    rows, cols = rows[order], cols[order]
    first = np.r_[True, (rows[1:] != rows[:-1]) | (source_of[cols][1:] != source_of[cols][:-1])]
    best = sp.csr_matrix((np.ones(int(first.sum())), (rows[first], cols[first])), shape=graph.shape)
    mutual = best.multiply(best.T)
    boosted = graph + graph.multiply(mutual) * (boost - 1)
    return boosted.minimum(1.0).tocsr() if boost > 1 else boosted.tocsr()


def _cluster_part(members: np.ndarray, graph: sp.csr_matrix, sources: list, days: np.ndarray, threshold: float,
                  same_source: float, window_days: float) -> list[list[int]]:
    """Average-linkage groups of one connected part (``members``: article positions, ascending)."""
    local = {int(m): k for k, m in enumerate(members)}
    size = [1] * len(members)
    srcs = [({sources[m]} if sources[m] else set()) for m in members]
    first = [days[m] for m in members]
    last = list(first)
    links: list[dict[int, float]] = [{} for _ in members]
    for k, m in enumerate(members):
        lo, hi = graph.indptr[m], graph.indptr[m + 1]
        for j, s in zip(graph.indices[lo:hi], graph.data[lo:hi]):
            if int(j) in local:
                links[k][local[int(j)]] = float(s)
    groups = [[k] for k in range(len(members))]
    version = [0] * len(members)

    def score(a: int, b: int) -> float | None:
        if not (math.isnan(first[a]) or math.isnan(first[b])) and \
                max(last[a], last[b]) - min(first[a], first[b]) > window_days:
            return None
        value = links[a][b] / (size[a] * size[b])
        return value * same_source if srcs[a] & srcs[b] else value

    # ties break on the lower positions, which follow (date, id): the same input always merges the same way
    heap = [(-s, a, b, 0, 0) for a in range(len(members)) for b in links[a] if a < b
            for s in [score(a, b)] if s is not None and s >= threshold]
    heapq.heapify(heap)
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if groups[a] is None or groups[b] is None or version[a] != version_a or version[b] != version_b:
            continue
        groups[a], groups[b] = groups[a] + groups[b], None
        size[a] += size[b]
        srcs[a] |= srcs[b]
        first[a] = min((d for d in (first[a], first[b]) if not math.isnan(d)), default=math.nan)
        last[a] = max((d for d in (last[a], last[b]) if not math.isnan(d)), default=math.nan)
        version[a] += 1
        for c, s in links[b].items():
            if c != a:
                links[a][c] = links[a].get(c, 0.0) + s
                links[c][a] = links[a][c]
                del links[c][b]
        links[a].pop(b, None)
        links[b] = {}
        for c in links[a]:
            s = score(a, c)
            if s is not None and s >= threshold:
                x, y = (a, c) if a < c else (c, a)
                heapq.heappush(heap, (-s, x, y, version[x], version[y]))
    return [[int(members[k]) for k in group] for group in groups if group is not None]


def agglomerate(graph: sp.csr_matrix, sources: list, days: np.ndarray, *, threshold: float, same_source: float,
                window_days: float) -> np.ndarray:
    """A group number per article (articles in the graph's order); see the module docstring for the rule."""
    n = graph.shape[0]
    strong = graph.multiply(graph >= threshold).tocsr()
    _, part = connected_components(strong, directed=False)
    labels = np.arange(n)
    order = np.argsort(part, kind="stable")
    bounds = np.flatnonzero(np.diff(part[order])) + 1
    for members in np.split(order, bounds):
        if len(members) < 2:
            continue
        for group in _cluster_part(np.sort(members), graph, sources, days, threshold, same_source, window_days):
            labels[group] = min(group)
    return labels
