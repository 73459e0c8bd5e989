"""Corpus-scale runs: stream a large corpus, analyse it on Dask, write Parquet, resume, read back."""

from .run import Progress, RunSummary, run
from .store import load_failures, load_notes, load_results
from .stream import FAILURE_COLUMNS, count_articles, iter_articles

__all__ = ["FAILURE_COLUMNS", "Progress", "RunSummary", "count_articles", "iter_articles", "load_failures", "load_notes",
           "load_results", "run"]
