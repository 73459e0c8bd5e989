"""Analyse one batch of articles on a worker, isolating the articles that fail.

`analyze_batch` runs `pipeline.analyze_corpus` itself (so the rows are
exactly those of the in-process path) and, when an article raises or runs
longer than ``timeout`` seconds, records it as a failure (FAILURE_COLUMNS,
``stage`` "analyze") and goes on with the rest of the batch. Each table gets
an ``article_seq`` column, the article's position in the input stream, from
which `store.load_results` restores the in-process order.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..pipeline import Config, analyze_corpus
from .isolate import ChildError, TimeLimit, can_isolate, run_with_heartbeat
from .stream import FAILURE_COLUMNS

TABLES = ("articles", "sentences", "terms", "attributions", "mentions", "embeds", "readability")
DEFAULT_TIMEOUT = 120.0


class ArticleTimeout(Exception):
    """An article's analysis ran over its time limit (and was stopped in its own process)."""


@dataclass(frozen=True)
class BatchOutput:
    """The tables of one batch (TABLES, each with ``article_seq``), its failures, and its word count."""

    tables: dict[str, pd.DataFrame]
    failures: pd.DataFrame
    words: int


def _analyze_guarded(articles: pd.DataFrame, config: Config, timeout: float | None):
    """analyze_corpus, or (index of the failing article, exception).

    With a ``timeout``, the analysis runs in a forked child (`isolate`) that
    reports each finished article; an article that runs over ``timeout``
    seconds is stopped with its process. Without one, or where fork does not
    exist, it runs here and only exceptions are caught.
    """
    if not timeout or not can_isolate:
        done = [0]

        def count(finished, total, article_id):
            done[0] = finished

        try:
            return analyze_corpus(articles, config, progress=count, events=None), None  # events: a second pass
        except Exception as exc:  # noqa: BLE001 - isolating any failure is the point
            return None, (done[0], exc)
    try:
        return run_with_heartbeat(lambda beat: analyze_corpus(articles, config, progress=beat, events=None),
                                  timeout), None
    except TimeLimit as stopped:
        return None, (stopped.beats, ArticleTimeout(f"took longer than {timeout:g} s"))
    except ChildError as failed:
        return None, (failed.beats, type(failed.kind, (Exception,), {})(str(failed)))


def analyze_batch(articles: pd.DataFrame, config: Config, first: int, number: int,
                  timeout: float | None = DEFAULT_TIMEOUT) -> BatchOutput:
    """Analyse ``articles`` (stream positions ``first``…), isolating failing articles."""
    articles = articles.reset_index(drop=True)
    articles["article_seq"] = range(first, first + len(articles))
    pieces, failures, rest = [], [], articles
    while len(rest):
        results, problem = _analyze_guarded(rest.drop(columns="article_seq"), config, timeout)
        if problem is None:
            pieces.append((rest, results))
            break
        index, exc = problem
        if index:  # the articles before the failing one were fine: analyse them again, unguarded
            pieces.append((rest.iloc[:index], analyze_corpus(rest.iloc[:index].drop(columns="article_seq"), config,
                                                             events=None)))
        bad = rest.iloc[index]
        failures.append({"article_id": bad["id"], "source": bad["source"], "path": bad["path"], "stage": "analyze",
                         "error": type(exc).__name__, "reason": f"{bad['path']}: {exc}"[:2000], "batch": number})
        rest = rest.iloc[index + 1:]
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    for part, results in pieces:
        seq = dict(zip(part["id"], part["article_seq"]))
        frames = {"articles": results.articles, **{k: v for k, v in results.tables().items() if k != "articles"}}
        for name in TABLES:
            frame = frames[name].copy()
            frame["source"] = frame["source"].astype(str)
            frame["article_seq"] = (frame["id"] if name == "articles" else frame["article_id"]).map(seq).astype("int64")
            tables[name].append(frame)
    joined = {name: pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["source", "article_seq"])
              for name, frames in tables.items()}
    words = int(joined["articles"]["n_words"].sum()) if "n_words" in joined["articles"] else 0
    return BatchOutput(joined, pd.DataFrame(failures, columns=FAILURE_COLUMNS), words)
