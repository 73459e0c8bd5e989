"""The rows of a table corpus (.jsonl, .jsonl.gz, .csv, .parquet), streamed: one record at a time.

Each line is decoded on its own (`slant.encodings.line_codec`), so a byte
that is not in the file's encoding spoils one row, not the whole file: it is
kept as a lone surrogate (U+DC80–U+DCFF) that the row's check names. A file
that is binary, or a codec that does not exist, is a one-line `SlantError`
for the whole file. UTF-16/32 files (whose lines are not byte lines) are
decoded whole, as article files are.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import re
import zlib
from pathlib import Path
from typing import Iterator

from ..encodings import SNIFF_BYTES, binary_problem, decode_bytes, decode_line, is_wide, line_codec
from ..errors import SlantError
from .files import MAX_ARTICLE_BYTES
from .sources import SOURCE_FIELDS

TABLE_SUFFIXES = (".jsonl", ".csv")
STREAM_SUFFIXES = (".jsonl.gz", ".parquet", ".pq")  # read as a stream only: never decoded whole
LONE_CR = re.compile(r"(?<=\r)(?!\n)")  # a lone CR ends a line too, as in Python's universal newlines
LINES = re.compile(r"[^\n]*\n|[^\n]+")  # lines of decoded text, split on "\n" only (JSON may hold U+2028)


def table_stem(path: Path) -> str:
    """The file name without its table suffix ("corpus" of corpus.jsonl.gz), the stem of generated ids."""
    name = path.name
    return name[:-len(".jsonl.gz")] if name.lower().endswith(".jsonl.gz") else path.stem


def field_type_problem(record) -> str | None:
    """What is wrong with the types of a table row's fields, if anything: ``text`` must be a string; ``id`` and
    the source fields text or a number (a JSON list, object or true/false would be turned into text silently)."""
    if not isinstance(record, dict):
        return None
    for field in ("text", "id", *SOURCE_FIELDS):
        value = record.get(field)
        allowed = (str,) if field == "text" else (str, int, float)
        if value is not None and (not isinstance(value, allowed) or isinstance(value, bool)):
            kind = "a string" if field == "text" else "text or a number"
            return f"field {field!r} must be {kind} (got {type(value).__name__} {value!r:.60})"
    return None


def _lines(path: Path, kind: str, encoding: str | None) -> Iterator[str]:
    """The decoded lines of a text table (line ends kept), streamed."""
    opener = gzip.open if kind == ".jsonl.gz" else open
    try:
        with opener(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if problem := binary_problem(head, encoding):
                raise SlantError(f"{path}: {problem}")
            if is_wide(head, encoding):
                yield from LINES.findall(decode_bytes(head + handle.read(), path, encoding))
                return
            codec = line_codec(head, path, encoding)
            for raw in itertools.chain(io.BytesIO(head + handle.readline()), handle):
                for line in LONE_CR.split(decode_line(raw, codec)):
                    if line:
                        yield line
    except (OSError, EOFError, zlib.error) as exc:
        raise SlantError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None


class _Counted:
    """An iterator of lines that counts how many it has given (the CSV reader's position)."""

    def __init__(self, lines: Iterator[str]):
        self.lines, self.count = lines, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.count += 1
        return line


def _csv_records(path: Path, encoding: str | None) -> Iterator[tuple[int, dict | str]]:
    if csv.field_size_limit() < MAX_ARTICLE_BYTES + 1:  # an article text is one field (default limit: 128 KB)
        csv.field_size_limit(MAX_ARTICLE_BYTES + 1)
    lines = _Counted(_lines(path, ".csv", encoding))
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise SlantError(f"{path}: line 1: not a CSV header ({exc})") from None
    if header is None:
        return
    while True:
        start = lines.count + 1  # a record may span lines: it is named by its first
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, f"{path}: line {start}: not valid CSV ({exc})"
            continue
        if row:  # an empty line is no record (as csv.DictReader skips it)
            yield start, {name: (row[i] if i < len(row) else None) for i, name in enumerate(header)}


def _parquet_records(path: Path, fields: tuple[str, ...]) -> Iterator[tuple[int, dict | str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise SlantError(f"{path}: not a readable Parquet file ({exc})") from None
    wanted = [c for c in fields if c in file.schema_arrow.names]
    number = 0
    for chunk in file.iter_batches(batch_size=1024, columns=wanted):
        for record in chunk.to_pylist():
            number += 1
            yield number, record


def table_records(path: Path, kind: str, encoding: str | None = None,
                  fields: tuple[str, ...] = ("id", "text", *SOURCE_FIELDS)) -> Iterator[tuple[int, dict | str]]:
    """(line number — row number in Parquet —, the record, or a one-line reason that line is none), in order.

    ``kind``: ".jsonl", ".jsonl.gz", ".csv" or ".parquet". Blank lines are no
    records. ``fields``: the columns a Parquet file is read for (its other
    formats are read whole, line by line).
    """
    if kind == ".parquet":
        yield from _parquet_records(path, fields)
        return
    if kind == ".csv":
        yield from _csv_records(path, encoding)
        return
    for line_no, line in enumerate(_lines(path, kind, encoding), 1):
        if not line.strip():
            continue
        try:
            yield line_no, json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, f"{path}: line {line_no} is not valid JSON ({exc.msg})"
        except RecursionError:
            yield line_no, f"{path}: line {line_no} is nested too deeply to be an article"
