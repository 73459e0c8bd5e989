"""Read a corpus as a stream of batches, never whole.

Inputs are those of `slant.corpus.load_corpus` — folders of .txt/.md (any
depth), single .txt/.md files, .jsonl and .csv corpora — plus .jsonl.gz and
Parquet (columns ``text``, ``source``, optional ``id``, ``title``, ``date``,
``url``, ``note``). Ids, paths, sources and texts are the ones `load_corpus`
gives, so a streamed run matches the in-process one. Unlike `load_corpus`, an
unreadable article does not stop the stream: it becomes a row of the failures
table (FAILURE_COLUMNS, ``stage`` "read") in the batch where it was met.
Only the file list of a folder and the set of ids seen are kept in memory.
"""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..corpus import (ARTICLE_COLUMNS, ARTICLE_SUFFIXES, SOURCE_FIELDS, TABLE_SUFFIXES, field_type_problem,
                      find_sources_file, read_article_file, read_sources)
from ..errors import SlantError

FAILURE_COLUMNS = ["article_id", "source", "path", "stage", "error", "reason", "batch"]
STREAM_SUFFIXES = (".jsonl.gz", ".parquet", ".pq")
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


class _Unreadable(Exception):
    def __init__(self, reason: str, article_id: str = "", source: str = ""):
        super().__init__(reason)
        self.article_id, self.source = article_id, source


def _kind(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir():
        return "folder"
    for suffix in (*STREAM_SUFFIXES, *TABLE_SUFFIXES, *ARTICLE_SUFFIXES):
        if name.endswith(suffix):
            return {".pq": ".parquet"}.get(suffix, suffix)
    return ""


def _stem(path: Path) -> str:
    name = path.name
    return name[:-len(".jsonl.gz")] if name.lower().endswith(".jsonl.gz") else path.stem


def check_inputs(inputs) -> list[Path]:
    """The inputs as paths; a `SlantError` for a missing or unsupported one."""
    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    if not paths:
        raise SlantError("no input given: name a folder of articles or a .jsonl/.jsonl.gz/.csv/.parquet corpus")
    for path in paths:
        if not path.exists():
            raise SlantError(f"{path}: no such file or folder")
        if not _kind(path):
            raise SlantError(f"{path}: unsupported file type {path.suffix or '(none)'}; expected a folder, "
                             f"{', '.join(ARTICLE_SUFFIXES + TABLE_SUFFIXES + STREAM_SUFFIXES)}")
    return paths


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and p.name.lower() not in ("readme.md",))


def _read(path: Path, encoding) -> tuple[str, str]:
    """(text, title) of an article file, as `corpus.read_article_file` reads it (.html included)."""
    try:
        return read_article_file(path, encoding)
    except SlantError as exc:
        raise _Unreadable(str(exc)) from None


def _article(id_: str, path: str, read: tuple[str, str], meta: dict, default_source: str) -> dict:
    text, title = read
    row = {"id": id_, "path": path, "text": text, "title": title, "date": "", "url": "", "note": "",
           "source": default_source}
    row.update({k: v for k, v in meta.items() if v})
    return row


def _from_folder(folder: Path, sources: dict | None, encoding) -> Iterator[tuple[str, object]]:
    files = _folder_files(folder)
    if not files:
        raise SlantError(f"{folder}: no .txt, .md or .html articles in this folder")
    for path in files:
        relative = path.relative_to(folder)
        id_ = relative.with_suffix("").as_posix().replace("/", "__")
        default = relative.parts[0] if len(relative.parts) > 1 else path.stem
        meta = (sources or {}).get(relative.as_posix()) or (sources or {}).get(path.name) or (sources or {}).get(id_)
        try:
            if sources is not None and meta is None:
                raise _Unreadable(f"{path}: not listed in the sources file (add a row with file={relative.as_posix()})")
            yield str(path), _article(id_, str(path), _read(path, encoding), meta or {}, default)
        except _Unreadable as exc:
            yield str(path), _Unreadable(str(exc), id_, default if sources is None else str((meta or {}).get("source", "")))
        except OSError as exc:
            yield str(path), _Unreadable(f"{path}: cannot read ({exc.strerror})", id_, default)


def _records(path: Path, kind: str, encoding) -> Iterator[tuple[int, object]]:
    """(line or row number, record dict or _Unreadable), streaming."""
    if kind == ".parquet":
        import pyarrow.parquet as pq

        file = pq.ParquetFile(path)
        wanted = [c for c in ("id", "text", *SOURCE_FIELDS) if c in file.schema_arrow.names]
        number = 0
        for chunk in file.iter_batches(batch_size=1024, columns=wanted):
            for record in chunk.to_pylist():
                number += 1
                yield number, record
        return
    if kind == ".csv":
        with open(path, encoding=encoding or "utf-8-sig", errors="surrogateescape", newline="") as handle:
            yield from enumerate(csv.DictReader(handle), 2)
        return
    opener = gzip.open if kind == ".jsonl.gz" else open
    with opener(path, "rb") as handle:
        for line_no, raw in enumerate(handle, 1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf") and not encoding:
                raw = raw[3:]
            try:
                line = raw.decode(encoding or "utf-8")
            except UnicodeDecodeError as exc:
                yield line_no, _Unreadable(f"{path}: line {line_no} is not {encoding or 'UTF-8'} text "
                                           f"(byte 0x{raw[exc.start]:02x})")
                continue
            except LookupError:
                raise SlantError(f"{path}: unknown encoding {encoding!r}") from None
            if line.strip():
                try:
                    yield line_no, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield line_no, _Unreadable(f"{path}: line {line_no} is not valid JSON ({exc.msg})")


def _from_table(path: Path, kind: str, encoding) -> Iterator[tuple[str, object]]:
    count = 0
    for line_no, record in _records(path, kind, encoding):
        where = f"{path}:{line_no}"
        if isinstance(record, _Unreadable):
            yield where, record
            continue
        if problem := field_type_problem(record):
            yield where, _Unreadable(f"{path}: line {line_no}: {problem}")
            continue
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            yield where, _Unreadable(f"{path}: line {line_no} has no 'text'")
            continue
        source = str(record.get("source") or "").strip() and str(record.get("source"))
        id_ = str(record.get("id") or f"{_stem(path)}_{count:06d}")
        if not source:
            yield where, _Unreadable(f"{path}: line {line_no} has no 'source'", id_)
            continue
        body = str(record["text"]).replace("\r\n", "\n").replace("\r", "\n")
        meta = {f: str(record.get(f) or "") for f in SOURCE_FIELDS}
        count += 1
        yield where, _article(id_, where, (body, ""), meta, meta["source"])


def _items(paths: list[Path], sources, encoding) -> Iterator[tuple[str, object]]:
    table = read_sources(sources) if sources else None
    for path in paths:
        kind = _kind(path)
        if kind == "folder":
            found = find_sources_file(path)
            yield from _from_folder(path, table if table is not None else (read_sources(found) if found else None),
                                    encoding)
        elif kind in ARTICLE_SUFFIXES:
            meta = (table or {}).get(path.name) or (table or {}).get(path.stem) or {}
            try:
                yield str(path), _article(path.stem, str(path), _read(path, encoding), meta,
                                          path.stem)
            except _Unreadable as exc:
                yield str(path), _Unreadable(str(exc), path.stem, meta.get("source", path.stem))
        else:
            yield from _from_table(path, kind, encoding)


def _failure(where: str, problem: _Unreadable, batch: int) -> dict:
    return {"article_id": problem.article_id, "source": problem.source, "path": where, "stage": "read",
            "error": "unreadable", "reason": str(problem), "batch": batch}


def iter_articles(inputs, sources=None, batch_size: int = DEFAULT_BATCH_SIZE, *,
                  encoding: str | None = None) -> Iterator[Batch]:
    """Stream ``inputs`` as `Batch` es of ``batch_size`` items (articles and unreadable ones), in corpus order.

    A missing input or bad sources file is a `SlantError` at once; an
    unreadable article, a text that is not valid Unicode or a repeated id
    is a failure row and the stream goes on.
    """
    if int(batch_size) < 1:
        raise SlantError(f"batch size must be at least 1, got {batch_size}")
    paths = check_inputs(inputs)
    seen: set[str] = set()
    rows: list[dict] = []
    failures: list[dict] = []
    number = first = 0
    for where, item in _items(paths, sources, encoding):
        if isinstance(item, dict):
            try:
                item["text"].encode("utf-8")
            except UnicodeEncodeError as exc:
                item = _Unreadable(f"{where}: text is not valid Unicode (character {exc.start}: "
                                   f"{item['text'][exc.start]!r}; check the file's encoding)",
                                   item["id"], item["source"])
            else:
                if item["id"] in seen:
                    item = _Unreadable(f"{where}: article id {item['id']!r} appears twice", item["id"], item["source"])
                else:
                    seen.add(item["id"])
        if isinstance(item, dict):
            rows.append(item)
        else:
            failures.append(_failure(where, item, number))
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
        kind = _kind(path)
        if kind == "folder":
            total += len(_folder_files(path))
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
    """The texts of the first ``limit`` readable articles (for ``actors="auto"`` on a stream)."""
    texts: list[str] = []
    for batch in iter_articles(inputs, sources, batch_size=min(limit, 1000), encoding=encoding):
        texts += list(batch.articles["text"])
        if len(texts) >= limit:
            break
    return texts[:limit]


def as_list(inputs: Iterable | str | Path) -> list[str]:
    """Inputs as a list of absolute path strings (for run manifests)."""
    return [str(p.resolve()) for p in check_inputs(inputs)]
