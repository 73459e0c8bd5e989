"""Read a corpus as a stream of batches, never whole.

The articles are those of `slant.corpus.read_corpus` — the same reader
(`corpus.iter_items`) gives the same ids, paths, sources and texts, so a
streamed run matches the in-process one. Unlike an in-memory read, a bad row
or a repeated id does not stop the stream (`corpus.skipped`): like an
unreadable file, it becomes a row of the failures table (FAILURE_COLUMNS,
``stage`` "read") in the batch where it was met. Only the reading plan (the
file list) and the set of ids seen are kept in memory.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..corpus import (ARTICLE_COLUMNS, ARTICLE_SUFFIXES, LabelPlan, Problem, check_inputs, input_kind, input_unit,
                      iter_items, label_plan, nothing_read, skipped)
from ..corpus.files import article_files
from ..errors import SlantError

FAILURE_COLUMNS = ["article_id", "source", "path", "stage", "error", "reason", "batch"]
DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class Batch:
    """``articles`` (ARTICLE_COLUMNS) and read ``failures`` (FAILURE_COLUMNS); ``first`` is the stream position."""

    number: int
    first: int
    articles: pd.DataFrame
    failures: pd.DataFrame

    def __len__(self) -> int:
        return len(self.articles) + len(self.failures)


def _failure(problem: Problem, batch: int) -> dict:
    return {"article_id": problem.article_id, "source": problem.source, "path": problem.where, "stage": "read",
            "error": "unreadable", "reason": problem.reason, "batch": batch}


def iter_articles(inputs, sources=None, batch_size: int = DEFAULT_BATCH_SIZE, *, encoding: str | None = None,
                  strict: bool = False, labels: LabelPlan | None = None,
                  keep_label_variants: bool = False) -> Iterator[Batch]:
    """Stream ``inputs`` as `Batch` es of ``batch_size`` items (articles and unreadable ones), in corpus order.

    A missing input or bad sources file is a `SlantError` at once; an
    unreadable article, a bad row or a repeated id is a failure row and the
    stream goes on (``strict``: a `SlantError`); a corpus of which nothing
    can be read is a `SlantError` at its end. ``labels``: the source labels
    to merge, when the caller has planned them (else planned here, see
    `corpus.label_plan`; none with ``keep_label_variants``).
    """
    if int(batch_size) < 1:
        raise SlantError(f"batch size must be at least 1, got {batch_size}")
    if labels is None:
        labels = label_plan(inputs, sources, encoding=encoding, keep_label_variants=keep_label_variants)
    held: list[Batch] = []  # batches of failures only, held until an article is read (none: an error, nothing written)
    problems: list[Problem] = []
    read = False
    for batch in _cut(iter_items(inputs, sources, encoding=encoding, labels=labels), batch_size, strict):
        read = read or not batch.articles.empty
        if not read:
            held.append(batch)
            problems += [_problem(row) for row in batch.failures.itertuples(index=False)]
            continue
        yield from held
        held = []
        yield batch
    if not read:
        raise nothing_read(problems, sum(len(b) for b in held), input_unit(inputs))


def _problem(row) -> Problem:
    return Problem(row.path, row.reason, "", row.article_id, row.source)


def _cut(items: Iterator, batch_size: int, strict: bool) -> Iterator[Batch]:
    """Items into batches of ``batch_size`` (articles and failures together), numbered from 0."""
    rows: list[dict] = []
    failures: list[dict] = []
    number = first = 0
    for item in items:
        if isinstance(item, dict):
            rows.append(item)
        elif skipped(item, stream=True, strict=strict):
            failures.append(_failure(item, number))
        else:
            raise SlantError(item.reason)
        if len(rows) + len(failures) >= batch_size:
            yield _batch(number, first, rows, failures)
            first += len(rows) + len(failures)
            number += 1
            rows, failures = [], []
    if rows or failures:
        yield _batch(number, first, rows, failures)


def _batch(number: int, first: int, rows: list[dict], failures: list[dict]) -> Batch:
    return Batch(number, first, pd.DataFrame(rows, columns=ARTICLE_COLUMNS),
                 pd.DataFrame(failures, columns=FAILURE_COLUMNS))


def count_articles(inputs) -> int:
    """How many items `iter_articles` will yield, counted cheaply (files, lines, rows), for progress totals."""
    total = 0
    for path in check_inputs(inputs):
        kind = input_kind(path)
        if kind == "folder":
            total += len(article_files(path))
        elif kind in ARTICLE_SUFFIXES:
            total += 1
        elif kind == ".parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        elif kind == ".csv":
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                total += sum(1 for _ in csv.reader(handle)) - 1
        else:
            with (gzip.open if kind == ".jsonl.gz" else open)(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
    return max(total, 0)


def sample_texts(inputs, sources=None, limit: int = 5000, *, encoding: str | None = None) -> list[str]:
    """The texts of the first ``limit`` readable articles (to propose or check actors on a stream)."""
    texts: list[str] = []
    for batch in iter_articles(inputs, sources, batch_size=min(limit, 1000), encoding=encoding,
                               keep_label_variants=True):  # labels do not matter here: no survey of the corpus
        texts += list(batch.articles["text"])
        if len(texts) >= limit:
            break
    return texts[:limit]


def as_list(inputs: Iterable | str | Path) -> list[str]:
    """Inputs as a list of absolute path strings (for run manifests)."""
    return [str(p.resolve()) for p in check_inputs(inputs)]
