"""Reading articles: a folder of .txt/.md files, a single file, or a .jsonl/.csv corpus.

The result is the articles table (ARTICLE_COLUMNS), one row per article, in a
stable order (sorted by path, then by row). A sources file (CSV or YAML) gives
each file its source label, title, date, url and a note; without one, an
article's source is its subfolder's name, or its file name in a flat folder.
Text is decoded as UTF-8 (a BOM is dropped) and newlines are normalised to
"\\n"; every offset slant reports refers to this decoded ``text``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import yaml

from .errors import SlantError

ARTICLE_COLUMNS = ["id", "source", "title", "date", "url", "note", "path", "text"]
TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".jsonl", ".csv")
SOURCES_NAMES = ("sources.csv", "sources.yaml", "sources.yml")
SOURCE_FIELDS = ("source", "title", "date", "url", "note")


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Bytes to text with "\\n" newlines; a one-line error when the bytes are not text."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SlantError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SlantError(f"{path}: not {encoding or 'UTF-8'} text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "give the encoding with --encoding") from None
    except LookupError:
        raise SlantError(f"{path}: unknown encoding {encoding!r}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path, encoding: str | None = None) -> str:
    """One article file as text; empty files are a user error."""
    text = decode(path.read_bytes(), path, encoding)
    if not text.strip():
        raise SlantError(f"{path}: the file is empty")
    return text


def read_sources(path: str | Path) -> dict[str, dict[str, str]]:
    """The sources file: file name (or id) → source, title, date, url, note."""
    path = Path(path)
    if not path.is_file():
        raise SlantError(f"{path}: sources file not found")
    text = decode(path.read_bytes(), path)
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise SlantError(f"{path}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
        rows = data.get("articles") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise SlantError(f"{path}: expected a list of articles (each with 'file' and 'source')")
    else:
        rows = list(csv.DictReader(text.splitlines()))
    table: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, 2):
        if not isinstance(row, dict) or not str(row.get("file") or row.get("id") or "").strip():
            raise SlantError(f"{path}: row {line - 1} has no 'file' (expected columns: file, {', '.join(SOURCE_FIELDS)})")
        if not str(row.get("source") or "").strip():
            raise SlantError(f"{path}: row {line - 1} ({row.get('file') or row.get('id')}) has no 'source'")
        key = str(row.get("file") or row.get("id")).strip()
        if key in table:
            raise SlantError(f"{path}: {key} is listed twice")
        table[key] = {f: ("" if row.get(f) is None else str(row.get(f)).strip()) for f in SOURCE_FIELDS}
    return table


def _article(id_: str, path: str, text: str, meta: dict[str, str], default_source: str) -> dict:
    row = {"id": id_, "path": path, "text": text, "title": "", "date": "", "url": "", "note": "", "source": default_source}
    row.update({k: v for k, v in meta.items() if v})
    return row


def _from_folder(folder: Path, sources: dict | None, encoding: str | None) -> list[dict]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                   and p.name.lower() not in ("readme.md",))
    if not files:
        raise SlantError(f"{folder}: no .txt or .md articles in this folder")
    rows = []
    for path in files:
        relative = path.relative_to(folder)
        id_ = relative.with_suffix("").as_posix().replace("/", "__")
        meta = (sources or {}).get(relative.as_posix()) or (sources or {}).get(path.name) or (sources or {}).get(id_)
        if sources is not None and meta is None:
            raise SlantError(f"{path}: not listed in the sources file (add a row with file={relative.as_posix()})")
        default = relative.parts[0] if len(relative.parts) > 1 else path.stem
        rows.append(_article(id_, str(path), read_text_file(path, encoding), meta or {}, default))
    return rows


def _from_table(path: Path, encoding: str | None) -> list[dict]:
    text = decode(path.read_bytes(), path, encoding)
    if path.suffix.lower() == ".jsonl":
        records = []
        for line_no, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append((line_no, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise SlantError(f"{path}: line {line_no} is not valid JSON ({exc.msg})") from None
    else:
        records = list(enumerate(csv.DictReader(text.splitlines()), 2))
    rows = []
    for line_no, record in records:
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            raise SlantError(f"{path}: line {line_no} has no 'text'")
        if not str(record.get("source") or "").strip():
            raise SlantError(f"{path}: line {line_no} has no 'source'")
        id_ = str(record.get("id") or f"{path.stem}_{len(rows):06d}")
        body = str(record["text"]).replace("\r\n", "\n").replace("\r", "\n")
        meta = {f: str(record.get(f) or "") for f in SOURCE_FIELDS}
        rows.append(_article(id_, f"{path}:{line_no}", body, meta, meta["source"]))
    if not rows:
        raise SlantError(f"{path}: no articles in this file")
    return rows


def find_sources_file(folder: Path) -> Path | None:
    """The sources file that sits in a corpus folder, if any (sources.csv / sources.yaml)."""
    for name in SOURCES_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def load_corpus(inputs: str | Path | list, sources: str | Path | None = None, *, encoding: str | None = None) -> pd.DataFrame:
    """Read articles into the articles table (ARTICLE_COLUMNS).

    ``inputs``: folders of .txt/.md, single .txt/.md files, or .jsonl/.csv
    corpora with ``text`` and ``source`` columns. ``sources``: a CSV/YAML file
    with columns file, source, title, date, url, note; a folder's own
    ``sources.csv`` is used when none is given.
    """
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    if not inputs:
        raise SlantError("no input given: name a folder of articles or a .jsonl/.csv corpus")
    table = read_sources(sources) if sources else None
    rows: list[dict] = []
    for item in map(Path, inputs):
        if item.is_dir():
            rows += _from_folder(item, table if table is not None else
                                 (read_sources(found) if (found := find_sources_file(item)) else None), encoding)
        elif not item.exists():
            raise SlantError(f"{item}: no such file or folder")
        elif item.suffix.lower() in TABLE_SUFFIXES:
            rows += _from_table(item, encoding)
        elif item.suffix.lower() in TEXT_SUFFIXES:
            meta = (table or {}).get(item.name) or (table or {}).get(item.stem) or {}
            rows.append(_article(item.stem, str(item), read_text_file(item, encoding), meta, item.stem))
        else:
            raise SlantError(f"{item}: unsupported file type {item.suffix or '(none)'}; "
                             f"expected a folder, {', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)}")
    ids = pd.Series([r["id"] for r in rows])
    if ids.duplicated().any():
        raise SlantError(f"{inputs[0]}: article id {ids[ids.duplicated()].iloc[0]!r} appears twice")
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
