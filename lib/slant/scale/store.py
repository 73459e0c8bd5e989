"""The Parquet layout of a corpus run, and reading it back as `pipeline.Results`.

    <out>/_run.json                                 what was run (inputs, options, columns); "complete" at the end
    <out>/<table>/source=<label>/part-<batch>.parquet   one file per table, source and batch (label URI-quoted)
    <out>/failures/part-<batch>.parquet             failures (FAILURE_COLUMNS)
    <out>/_done/batch-<batch>.json                  written last: the batch is complete (resume skips it)
    <out>/events/part-0.parquet, <out>/article_events/part-0.parquet
                                                    the events, grouped in a second pass once every batch is done

The layout is Hive-style, so ``pyarrow.dataset.dataset(out / "sentences",
partitioning="hive")`` or Dask/DuckDB read a table directly. Every file is
written to a temporary name and renamed, so none is ever half-written.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import SlantError
from ..pipeline import Results
from .batch import TABLES, BatchOutput
from .stream import FAILURE_COLUMNS

MANIFEST = "_run.json"
DONE = "_done"
FAILURES = "failures"
EVENTS = "events"  # the events table (slant.events.EVENT_COLUMNS + found_by), written by the second pass
ARTICLE_EVENTS = "article_events"  # article_id -> event, the second pass's answer for every article


def _write(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, data: dict) -> None:
    _write(path, lambda tmp: Path(tmp).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8"))


def read_manifest(out: Path) -> dict | None:
    path = Path(out) / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SlantError(f"{path}: unreadable run manifest ({exc})") from None


def _parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def _write_bytes(path: Path, data: bytes) -> None:
    _write(path, lambda tmp: Path(tmp).write_bytes(data))


@dataclass(frozen=True)
class EncodedBatch:
    """One analysed batch ready to write: Parquet files as bytes by path inside the run folder.

    Built where the batch was analysed (`encode_batch`, on a Dask worker), so
    converting and compressing run in parallel and the client only writes
    bytes; the client's folder need not be visible to the workers.
    """

    parts: dict[str, bytes]
    failures: pd.DataFrame
    articles: int
    words: int


def encode_batch(output: BatchOutput, number: int) -> EncodedBatch:
    """Each table of ``output`` as one Parquet file per source (Hive layout), converted to Arrow once."""
    parts = {}
    for name, frame in output.tables.items():
        if frame.empty:
            continue
        table = pa.Table.from_pandas(frame.drop(columns="source"), preserve_index=False)
        for label, rows in sorted(frame.groupby("source", sort=True).indices.items()):
            parts[f"{name}/source={quote(str(label), safe='')}/{part_name(number)}"] = _parquet_bytes(table.take(rows))
    return EncodedBatch(parts, output.failures, int(len(output.tables["articles"])), output.words)


def part_name(number: int) -> str:
    return f"part-{number:06d}.parquet"


def marker(out: Path, number: int) -> Path:
    return Path(out) / DONE / f"batch-{number:06d}.json"


def is_done(out: Path, number: int) -> dict | None:
    """The completion record of batch ``number``, or None when it has to be (re)done."""
    path = marker(out, number)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_batch(out: Path, number: int, encoded: EncodedBatch, read_failures: pd.DataFrame) -> dict:
    """Write one batch's files and failures, then its completion marker; return the marker."""
    out = Path(out)
    for relative, data in encoded.parts.items():
        _write_bytes(out / relative, data)
    failures = pd.concat([f for f in (read_failures, encoded.failures) if len(f)] or [read_failures],
                         ignore_index=True)
    if len(failures):
        table = pa.Table.from_pandas(failures[FAILURE_COLUMNS].astype({"batch": "int64"}), preserve_index=False)
        _write_bytes(out / FAILURES / part_name(number), _parquet_bytes(table))
    record = {"batch": number, "articles": encoded.articles, "words": encoded.words,
              "failures": int(len(failures)), "unread": int(len(read_failures))}
    write_json(marker(out, number), record)
    return record


def _done_batches(out: Path, manifest: dict) -> set[int]:
    done = {int(p.stem.split("-")[1]) for p in (out / DONE).glob("batch-*.json")}
    missing = set(range(manifest.get("batches", 0))) - done
    if not manifest.get("complete") or missing:
        raise SlantError(f"{out}: the run is not complete ({len(done)} batches done"
                         f"{'' if not manifest.get('complete') else f', {len(missing)} missing'}); "
                         "run it again with the same inputs to resume")
    return done


def _read_table(out: Path, name: str, done: set[int]) -> tuple[pa.Table | None, list[str]]:
    tables, labels = [], []
    for folder in sorted((out / name).glob("source=*")):
        label = unquote(folder.name.split("=", 1)[1])
        for path in sorted(folder.glob("part-*.parquet")):
            if int(path.stem.split("-")[1]) in done:
                table = pq.read_table(path)
                tables.append(table.append_column("source", pa.array([label] * len(table), pa.string())))
                labels.append(label)
    if not tables:
        return None, labels
    return pa.concat_tables(tables, promote_options="permissive"), labels


def _check_columns(out: Path, columns: dict[str, list[str]]) -> None:
    """A results folder written by an older slant lacks columns the notebooks read: a one-line error, not a KeyError."""
    from ..pipeline import table_columns

    for name, wanted in table_columns().items():
        missing = [c for c in wanted if c not in columns.get(name, ())]
        if missing:
            raise SlantError(f"{out}: written by an older slant (its {name} table has no {', '.join(map(repr, missing))}); "
                             "analyse the corpus again: slant analyze INPUT --format parquet --out NEW_DIR")


def load_results(out: str | Path, *, text: bool = True) -> Results:
    """A completed run's tables as `pipeline.Results`: the in-process columns, order and ``source`` categories.

    Loads whole tables into pandas (through pyarrow) because the notebooks'
    aggregates — per-source rates, distributions, distinctive words — need
    every row of a column, and at 10^5 articles the tables are a few hundred
    MB; beyond that, read ``<out>/<table>`` as a Hive-partitioned Parquet
    dataset with Dask or pyarrow instead. ``text=False`` leaves the article
    texts out (an empty ``text`` column) to save memory.
    """
    out = Path(out)
    manifest = read_manifest(out)
    if manifest is None:
        raise SlantError(f"{out}: not a slant results folder (no {MANIFEST}); "
                         "write one with: slant analyze INPUT --format parquet --out DIR")
    done = _done_batches(out, manifest)
    columns = manifest["columns"]
    _check_columns(out, columns)
    raw, all_labels = {}, set()
    for name in TABLES:
        raw[name], labels = _read_table(out, name, done)
        all_labels |= set(labels) if name == "articles" else set()
    sources = pd.CategoricalDtype(sorted(all_labels))
    frames = {}
    for name in TABLES:
        wanted = columns[name]
        if raw[name] is None:
            frame = pd.DataFrame([], columns=wanted)
        else:
            frame = raw[name].to_pandas()
            frame = frame.sort_values("article_seq", kind="stable").reset_index(drop=True)
            frame = frame[wanted]
        frame["source"] = frame["source"].astype(sources)
        frames[name] = frame
    if not text:
        frames["articles"]["text"] = ""
    events, members = read_events(out)
    if members is not None:
        frames["articles"]["event"] = frames["articles"]["id"].map(
            dict(zip(members["article_id"], members["event"]))).fillna("").astype(str)
    return Results(**frames, events=events)


def read_articles(out: Path, columns: list[str]) -> pd.DataFrame:
    """The articles of a completed run, only ``columns`` (source included), in stream order."""
    out = Path(out)
    done = _done_batches(out, read_manifest(out))
    tables = []
    for folder in sorted((out / "articles").glob("source=*")):
        label = unquote(folder.name.split("=", 1)[1])
        for path in sorted(folder.glob("part-*.parquet")):
            if int(path.stem.split("-")[1]) in done:
                table = pq.read_table(path, columns=[c for c in ["article_seq", *columns] if c != "source"])
                tables.append(table.append_column("source", pa.array([label] * len(table), pa.string())))
    if not tables:
        return pd.DataFrame(columns=columns)
    frame = pa.concat_tables(tables, promote_options="permissive").to_pandas()
    return frame.sort_values("article_seq", kind="stable").reset_index(drop=True)[columns]


def write_events(out: Path, events: pd.DataFrame, article_events: pd.DataFrame) -> None:
    """The second pass's tables: the events, and each article's event."""
    for name, frame in ((EVENTS, events), (ARTICLE_EVENTS, article_events)):
        table = pa.Table.from_pandas(frame.astype(str) if name == ARTICLE_EVENTS else frame, preserve_index=False)
        _write_bytes(Path(out) / name / "part-0.parquet", _parquet_bytes(table))


def read_events(out: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(events table, article → event) of a run, or (None, None) when its events were not grouped."""
    paths = [Path(out) / name / "part-0.parquet" for name in (EVENTS, ARTICLE_EVENTS)]
    if not all(p.is_file() for p in paths):
        return None, None
    return tuple(pq.read_table(p).to_pandas() for p in paths)


def load_failures(out: str | Path) -> pd.DataFrame:
    """The failures of a run (FAILURE_COLUMNS), in stream order; empty when none failed."""
    parts = sorted((Path(out) / FAILURES).glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame([], columns=FAILURE_COLUMNS)
    table = pa.concat_tables([pq.read_table(p) for p in parts], promote_options="permissive")
    return table.to_pandas()[FAILURE_COLUMNS]


def load_notes(out: str | Path) -> list[str]:
    """What a run said about its inputs, one line each (labels merged, actors chosen, "N of M files skipped").

    The manifest's ``notes``; each skipped input's own line is its ``reason``
    in the failures table (`load_failures`, ``stage`` "read").
    """
    manifest = read_manifest(Path(out)) or {}
    return [str(line) for line in manifest.get("notes", [])]
