"""Run the analysis over a streamed corpus on Dask, batch by batch, into Parquet.

`run` reads the corpus as a stream (`stream.iter_articles`), submits each
batch to a ``dask.distributed`` cluster (a local one on all cores by default,
or the one at ``scheduler="tcp://HOST:PORT"``), writes each finished batch
(encoded on the worker, `store.encode_batch`; written here, `store.write_batch`) and reports `Progress` through a callback. At most a
few batches per worker are in flight, so memory stays flat in corpus size.
Batches already marked done in ``out`` are skipped, which makes an
interrupted run resumable. ``scheduler="synchronous"`` runs in this process
(for debugging). Workers of an external cluster need slant installed; the
results are written by this process, so ``out`` need not be shared.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..corpus import input_unit, label_plan, merges_line, skipped_summary
from ..errors import SlantError
from ..pipeline import Config, table_columns
from . import store
from .batch import DEFAULT_TIMEOUT, TABLES, analyze_batch
from .stream import DEFAULT_BATCH_SIZE, FAILURE_COLUMNS, as_list, count_articles, iter_articles, sample_texts

SYNCHRONOUS = "synchronous"


@dataclass(frozen=True)
class Progress:
    """Where a run is: ``done`` of ``total`` articles (skipped ones included), failures, words, seconds."""

    done: int
    total: int
    failures: int
    words: int
    seconds: float
    skipped: int = 0

    @property
    def rate(self) -> float:
        """Articles analysed per second in this invocation (skipped batches excluded)."""
        return (self.done - self.skipped) / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class RunSummary:
    """What a run produced: totals over the whole run, and how much of it this invocation did."""

    out_dir: Path
    articles: int
    words: int
    failures: int
    seconds: float
    batches: int
    skipped_batches: int
    analysed_articles: int
    skipped: int = 0                # inputs that could not be read (files, rows), of
    inputs: int = 0                 # all the inputs met
    notes: tuple[str, ...] = ()     # merged labels, the actors chosen, inputs skipped (as in the manifest)

    def line(self) -> str:
        """The one-line summary the CLI and notebooks print."""
        resumed = f", {self.skipped_batches} of {self.batches} batches already done" if self.skipped_batches else ""
        return (f"{self.articles:,} articles, {self.words:,} words, {self.seconds:.1f} s, "
                f"{self.failures:,} failures{resumed} -> {self.out_dir}")


def _fingerprint(inputs, sources, batch_size, lexicon_files, actors_file, encoding, keep_label_variants) -> str:
    def digest(path):
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] if path and Path(path).is_file() else str(path)

    described = {"inputs": as_list(inputs), "sources": digest(sources) if sources else "",
                 "batch_size": int(batch_size), "lexicon": [digest(p) for p in lexicon_files or []],
                 "actors": digest(actors_file) if actors_file else "", "encoding": encoding or ""}
    if keep_label_variants:  # (absent otherwise, so that a run's fingerprint stays what it was)
        described["keep_label_variants"] = True
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def check_out_dir(out: str | Path) -> None:
    """A `SlantError` naming ``out`` when it cannot be the results folder: a file, or under a file or unwritable folder."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SlantError(f"{out}: is a file; --out with --format parquet names a folder for the Parquet tables")
    ancestor = out
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor != out and not ancestor.is_dir():
        raise SlantError(f"{out}: cannot create this folder: {ancestor} is a file")
    if ancestor.is_dir() and not os.access(ancestor, os.W_OK | os.X_OK):
        raise SlantError(f"{out}: cannot create the results folder: {ancestor} is not writable")


def _prepare(out: Path, fingerprint: str, config: Config, inputs) -> dict:
    check_out_dir(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SlantError(f"{out}: cannot create the results folder ({exc.strerror or exc})") from None
    manifest = store.read_manifest(out)
    if manifest is not None and manifest.get("fingerprint") != fingerprint:
        raise SlantError(f"{out}: holds a run of other inputs or options; choose another --out or delete it")
    if manifest is None:
        if out.exists() and any(out.iterdir()):
            raise SlantError(f"{out}: folder exists and is not a slant run; choose another --out")
        manifest = {"slant_run": 1, "fingerprint": fingerprint, "inputs": as_list(inputs),
                    "columns": {name: columns for name, columns in table_columns().items() if name in TABLES},
                    "complete": False}
        store.write_json(out / store.MANIFEST, manifest)
    return manifest


def auto_batch_size(total: int) -> int:
    """About 16 batches for a small corpus (so every worker gets several), at most DEFAULT_BATCH_SIZE articles.

    Depends only on the corpus, so a resumed run cuts the same batches.
    """
    return max(20, min(DEFAULT_BATCH_SIZE, -(-total // 16)))


def check_options(scheduler: str | None, workers: int | None) -> None:
    """A `SlantError` for a scheduler that is not an address (or "synchronous") or fewer than one worker."""
    if workers is not None and int(workers) < 1:
        raise SlantError(f"workers must be at least 1, got {workers}")
    if scheduler and scheduler != SYNCHRONOUS and not str(scheduler).startswith(("tcp://", "tls://", "inproc://",
                                                                                   "ucx://", "ws://", "wss://")):
        raise SlantError(f"scheduler {scheduler!r}: expected tcp://HOST:PORT (or 'synchronous')")


def analyze_and_encode(articles: pd.DataFrame, config: Config, first: int, number: int,
                       timeout: float | None) -> store.EncodedBatch:
    """What one task does where it runs: analyse a batch (`analyze_batch`) and encode its Parquet files."""
    return store.encode_batch(analyze_batch(articles, config, first, number, timeout), number)


class _Local:
    """Batches run in this process (``scheduler="synchronous"``), with the same interface as a Dask client."""

    def __init__(self, config):
        self.config = config

    def submit(self, batch, timeout):
        return analyze_and_encode(batch.articles, self.config, batch.first, batch.number, timeout)

    def close(self):
        pass


class _Dask:
    def __init__(self, scheduler: str | None, workers: int | None, config: Config):
        from ..errors import optional_module

        optional_module("distributed", "scale", "analysing on Dask (--format parquet, a scheduler)")
        from distributed import Client, LocalCluster

        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                import dask

                # The workers' statistical profiler (for a dashboard slant does not start) keeps a call
                # tree per second of work: ~1.6 MiB more per batch, which made memory grow with corpus size.
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self.cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                                processes=True, host="127.0.0.1", dashboard_address=None,
                                                silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise SlantError(f"scheduler {scheduler or 'local'}: cannot connect ({exc})") from None
        self.config = self.client.scatter(config, broadcast=True, hash=False)
        self.width = max(1, len(self.client.scheduler_info().get("workers", {})) or (workers or 1))

    def submit(self, batch, timeout):
        return self.client.submit(analyze_and_encode, batch.articles, self.config, batch.first, batch.number, timeout,
                                  key=f"slant-batch-{batch.number}-{os.getpid()}-{time.time_ns()}", pure=False)

    def close(self):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def run(inputs, out_dir, *, sources=None, scheduler: str | None = None, workers: int | None = None,
        batch_size: int | None = None, progress: Callable[[Progress], None] | None = None,
        lexicon_files=None, actors_file=None, encoding: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT, config: Config | None = None, strict: bool = False,
        keep_label_variants: bool = False, events: str | None = "auto") -> RunSummary:
    """Analyse ``inputs`` into Parquet tables under ``out_dir`` (see `store`); return a `RunSummary`.

    ``scheduler``: None for a local Dask cluster of ``workers`` processes (all
    cores by default), ``tcp://HOST:PORT`` for an existing cluster, or
    "synchronous". ``batch_size``: articles per task and per Parquet part
    (default `auto_batch_size`). ``progress(Progress)`` is called after every batch. An
    article that raises or runs over ``timeout`` seconds goes to the failures
    table, as does an input that cannot be read (``strict``: a `SlantError`).
    Source labels that differ only by case or surrounding whitespace are
    merged (``keep_label_variants`` keeps them apart). Without an actors file,
    the actors are checked on the corpus's first articles (`Config.load`).
    The manifest's ``notes`` keep what the run says about its inputs.
    Once every batch is done, a second pass gives each article its event
    (``events``: see `slant.event_labels`; None skips it) from the articles
    table. Re-running with the same inputs and options resumes.
    """
    began = time.perf_counter()
    check_options(scheduler, workers)
    out = Path(out_dir)
    total = count_articles(inputs)
    batch_size = batch_size or auto_batch_size(total)
    if config is None:
        fitted = str(actors_file or "").strip().lower() in ("auto", "")  # proposed, or checked against the corpus
        config = Config.load(lexicon_files, actors_file,
                             sample_texts(inputs, sources, encoding=encoding) if fitted else None)
    labels = label_plan(inputs, sources, encoding=encoding, keep_label_variants=keep_label_variants)
    manifest = _prepare(out, _fingerprint(inputs, sources, batch_size, lexicon_files, actors_file, encoding,
                                          keep_label_variants), config, inputs)
    counts = {"articles": 0, "words": 0, "failures": 0, "done": 0, "skipped": 0, "unread": 0}
    batches = skipped_batches = 0

    def finished(record: dict, size: int, skipped: bool = False):
        for key in ("articles", "words", "failures"):
            counts[key] += record[key]
        counts["unread"] += record.get("unread", 0)
        counts["done"] += size
        counts["skipped"] += size if skipped else 0
        if progress:
            progress(Progress(counts["done"], max(total, counts["done"]), counts["failures"], counts["words"],
                              time.perf_counter() - began, counts["skipped"]))

    executor = _Local(config) if scheduler == SYNCHRONOUS else _Dask(scheduler, workers, config)
    pending: dict = {}
    try:
        def collect(block: bool):
            from distributed import wait  # only with a Dask client: a synchronous run never imports it

            futures = list(pending)
            ready = wait(futures, return_when="FIRST_COMPLETED").done if block else [f for f in futures if f.done()]
            for future in ready:
                batch = pending.pop(future)
                finished(_write(out, batch, future), len(batch))

        for batch in iter_articles(inputs, sources, batch_size, encoding=encoding, strict=strict, labels=labels):
            batches += 1
            record = store.is_done(out, batch.number)
            if record is not None:
                skipped_batches += 1
                finished(record, len(batch), skipped=True)
            elif batch.articles.empty or isinstance(executor, _Local):
                output = executor.submit(batch, timeout) if len(batch.articles) else None
                finished(_write_output(out, batch, output), len(batch))
            else:
                pending[executor.submit(batch, timeout)] = batch
                while len(pending) >= 2 * executor.width:
                    collect(block=True)
                collect(block=False)
        while pending:
            collect(block=True)
    except BaseException:
        for future in pending:
            future.cancel()
        raise
    finally:
        executor.close()
    notes = [merges_line(labels.merges)] if labels.merges else []
    if counts["unread"]:
        notes.append(skipped_summary(counts["unread"], counts["done"], input_unit(inputs)))
    notes += config.notes
    manifest.update(complete=True, batches=batches, articles=counts["articles"], words=counts["words"],
                    failures=counts["failures"], inputs_read=counts["done"], inputs_skipped=counts["unread"],
                    label_merges=[dataclasses.asdict(m) for m in labels.merges], notes=notes)
    store.write_json(out / store.MANIFEST, manifest)
    if events is not None and manifest.get("events") != events:
        group_run_events(out, events)
        manifest["events"] = events
        store.write_json(out / store.MANIFEST, manifest)
    return RunSummary(out, counts["articles"], counts["words"], counts["failures"], time.perf_counter() - began,
                      batches, skipped_batches, counts["done"] - counts["skipped"], counts["unread"], counts["done"],
                      tuple(notes))


def group_run_events(out: Path, mode: str = "auto") -> None:
    """The second pass: read the run's articles (titles, dates, given events, texts), group them into events
    (`slant.event_labels.resolve_events`) and write the events tables beside the others."""
    from ..event_labels import resolve_events

    articles = store.read_articles(out, ["id", "source", "title", "date", "event", "text"])
    assigned, table = resolve_events(articles, mode)
    store.write_events(out, table, pd.DataFrame({"article_id": articles["id"], "event": assigned.to_numpy()}))


def _write_output(out: Path, batch, output) -> dict:
    if output is None:
        output = store.EncodedBatch({}, batch.failures.iloc[:0], 0, 0)
    return store.write_batch(out, batch.number, output, batch.failures)


def _write(out: Path, batch, future) -> dict:
    try:
        output = future.result()
    except Exception as exc:  # noqa: BLE001 - a worker lost with the batch (killed, out of memory)
        lost = batch.articles.assign(stage="analyze", error=type(exc).__name__, batch=batch.number)
        lost = lost.rename(columns={"id": "article_id"}).assign(
            reason=[f"{p}: batch lost on the cluster ({type(exc).__name__}: {exc})"[:2000] for p in lost["path"]])
        output = store.EncodedBatch({}, lost[FAILURE_COLUMNS], 0, 0)
    return store.write_batch(out, batch.number, output, batch.failures)
