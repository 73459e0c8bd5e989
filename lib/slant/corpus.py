"""Reading articles: a folder of .txt/.md/.html files, a single file, or a .jsonl/.csv corpus.

The result is the articles table (ARTICLE_COLUMNS), one row per article, in a
stable order (sorted by path, then by row). A sources file (CSV or YAML) gives
each file its source label, title, date, url and a note; without one, an
article's source is its subfolder's name, or its file name in a flat folder.
Text is decoded as UTF-8 unless a byte-order mark or ``encoding`` says
otherwise (see `slant.encodings`), .html pages are reduced to their article
text (see `slant.html_input`), and newlines are normalised to "\\n"; every
offset slant reports refers to this decoded ``text``. Every problem with an
input is a one-line `SlantError` naming the file (and line) and what is wrong.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import yaml

from .encodings import decode_bytes, normalise_newlines
from .errors import SlantError
from .html_input import HTML_SUFFIXES, read_page

ARTICLE_COLUMNS = ["id", "source", "title", "date", "url", "note", "path", "text"]
TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".jsonl", ".csv")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
SOURCES_NAMES = ("sources.csv", "sources.yaml", "sources.yml")
SOURCE_FIELDS = ("source", "title", "date", "url", "note")
# No news article comes near this (a long feature is ~150 KB); past it a file is a dump or a whole
# corpus, which would take minutes to analyse as one article and read as one: refuse it up front.
MAX_ARTICLE_BYTES = 5_000_000
MAX_PAGE_BYTES = 20_000_000  # trafilatura's own limit for one page


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Bytes to text with "\\n" newlines; a one-line error when the bytes are not text (see `slant.encodings`)."""
    return decode_bytes(data, path, encoding)


def _size_check(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise SlantError(f"{path}: {size / 1e6:.1f} MB is too large for one article (limit {limit / 1e6:.0f} MB); "
                         "split it into articles, or give a .jsonl corpus with one article a line")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SlantError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_article_file(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(text, title) of one article file: .txt/.md as they are, .html reduced to its article."""
    html = path.suffix.lower() in HTML_SUFFIXES
    _size_check(path, MAX_PAGE_BYTES if html else MAX_ARTICLE_BYTES)
    if html:
        page = read_page(_read_bytes(path), path, encoding)
        text, title = page.text, page.title
    else:
        text, title = decode(_read_bytes(path), path, encoding), ""
    if not text.strip():
        raise SlantError(f"{path}: the file is empty" + (" (only whitespace)" if text else ""))
    return text, title


def read_text_file(path: Path, encoding: str | None = None) -> str:
    """One article file as text; empty files are a user error."""
    return read_article_file(path, encoding)[0]


class SourcesTable(dict):
    """The sources file as file name (or id) → fields; ``lines`` gives each key's line in the file."""

    def __init__(self, path: Path, rows: dict[str, dict[str, str]], lines: dict[str, int]):
        super().__init__(rows)
        self.path = path
        self.lines = lines


def _yaml_item_lines(text: str) -> list[int]:
    """Line of each item of a YAML sources list (top-level, or under ``articles``)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if isinstance(root, yaml.MappingNode):
        root = next((value for key, value in root.value if getattr(key, "value", None) == "articles"), None)
    return [item.start_mark.line + 1 for item in root.value] if isinstance(root, yaml.SequenceNode) else []


def read_sources(path: str | Path, encoding: str | None = None) -> SourcesTable:
    """The sources file: file name (or id) → source, title, date, url, note.

    CSV: a header line with ``file`` (or ``id``) and ``source``, then one line
    per article. YAML: a list (or ``articles:`` list) of mappings with the same
    keys. Missing columns, rows without a file or source, and a file listed
    twice are one-line errors naming the line.
    """
    path = Path(path)
    if not path.is_file():
        raise SlantError(f"{path}: sources file not found")
    text = decode(_read_bytes(path), path, encoding)
    expected = f"expected columns: file, {', '.join(SOURCE_FIELDS)}"
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise SlantError(f"{path}: invalid YAML{where} ({getattr(exc, 'problem', None) or exc})") from None
        rows = data.get("articles") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise SlantError(f"{path}: expected a list of articles (each with 'file' and 'source')")
        item_lines = _yaml_item_lines(text)
        numbered = [(item_lines[i] if i < len(item_lines) else i + 1, row) for i, row in enumerate(rows)]
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [str(name or "").strip() for name in (reader.fieldnames or [])]
        reader.fieldnames = header
        if not header:
            raise SlantError(f"{path}: the sources file is empty ({expected})")
        missing = [c for c in ("file", "source") if c not in header and not (c == "file" and "id" in header)]
        if missing:
            raise SlantError(f"{path}: line 1: missing column(s) {', '.join(missing)} "
                             f"(found: {', '.join(h for h in header if h) or 'none'}; {expected})")
        numbered = []
        for row in reader:
            if any(str(v or "").strip() for k, v in row.items() if k is not None):
                numbered.append((reader.line_num, row))
    table: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    for line, row in numbered:
        if not isinstance(row, dict):
            raise SlantError(f"{path}: line {line}: expected a mapping with 'file' and 'source', got {row!r:.60}")
        if not str(row.get("file") or row.get("id") or "").strip():
            raise SlantError(f"{path}: line {line}: no 'file' ({expected})")
        key = str(row.get("file") or row.get("id")).strip()
        if not str(row.get("source") or "").strip():
            raise SlantError(f"{path}: line {line}: {key} has no 'source'")
        if key in table:
            raise SlantError(f"{path}: line {line}: {key} is listed twice (first on line {lines[key]})")
        table[key] = {f: ("" if row.get(f) is None else str(row.get(f)).strip()) for f in SOURCE_FIELDS}
        lines[key] = line
    if not table:
        raise SlantError(f"{path}: no articles listed ({expected})")
    return SourcesTable(path, table, lines)


def _article(id_: str, path: str, text: str, meta: dict[str, str], default_source: str) -> dict:
    row = {"id": id_, "path": path, "text": text, "title": "", "date": "", "url": "", "note": "", "source": default_source}
    row.update({k: v for k, v in meta.items() if v})
    return row


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder, sorted: .txt/.md/.html, hidden files and READMEs left out."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and p.name.lower() not in ("readme.md",) and p.is_file())


def _from_folder(folder: Path, sources: dict | None, encoding: str | None, used: set[str]) -> list[dict]:
    files = article_files(folder)
    if not files:
        raise SlantError(f"{folder}: no .txt, .md or .html articles in this folder")
    rows = []
    for path in files:
        relative = path.relative_to(folder)
        id_ = relative.with_suffix("").as_posix().replace("/", "__")
        keys = (relative.as_posix(), path.name, id_)
        key = next((k for k in keys if sources and k in sources), None)
        if sources is not None and key is None:
            where = f" ({sources.path})" if isinstance(sources, SourcesTable) else ""
            raise SlantError(f"{path}: not listed in the sources file{where} (add a row with file={relative.as_posix()})")
        used.add(key) if key else None
        default = relative.parts[0] if len(relative.parts) > 1 else path.stem
        text, title = read_article_file(path, encoding)
        rows.append(_article(id_, str(path), text, {"title": title, **{k: v for k, v in (sources or {}).get(key, {}).items() if v}}, default))
    return rows


def _check_unused_rows(table: SourcesTable, used: set[str], folders: list[Path]) -> None:
    """A sources row must name an article: a file of the corpus folder, or an existing article file."""
    for key, line in table.lines.items():
        if key in used:
            continue
        candidates = [table.path.parent / key] + [folder / key for folder in folders]
        existing = next((c for c in candidates if c.is_file()), None)
        where = f"{table.path}: line {line}"
        if existing is None:
            inside = f" in {', '.join(map(str, folders))}" if folders else ""
            raise SlantError(f"{where}: {key} does not exist{inside} (each row's 'file' must name an article file)")
        if existing.suffix.lower() not in ARTICLE_SUFFIXES:
            raise SlantError(f"{where}: {key} is not an article file (expected {', '.join(ARTICLE_SUFFIXES)})")


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


def _from_table(path: Path, encoding: str | None) -> list[dict]:
    text = decode(_read_bytes(path), path, encoding)
    if path.suffix.lower() == ".jsonl":
        records = []
        # split on "\n" only: JSON strings may hold U+2028 and other characters that splitlines() breaks on
        for line_no, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    records.append((line_no, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise SlantError(f"{path}: line {line_no} is not valid JSON ({exc.msg})") from None
                except RecursionError:
                    raise SlantError(f"{path}: line {line_no} is nested too deeply to be an article") from None
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        records = []
        for record in reader:
            records.append((reader.line_num, record))
    rows = []
    seen: dict[str, int] = {}
    for line_no, record in records:
        if problem := field_type_problem(record):
            raise SlantError(f"{path}: line {line_no}: {problem}")
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            raise SlantError(f"{path}: line {line_no} has no 'text'")
        if not str(record.get("source") or "").strip():
            raise SlantError(f"{path}: line {line_no} has no 'source'")
        if len(str(record["text"])) > MAX_ARTICLE_BYTES:
            raise SlantError(f"{path}: line {line_no}: the text is too long for one article "
                             f"(over {MAX_ARTICLE_BYTES:,} characters); split it into articles")
        id_ = str(record.get("id") or f"{path.stem}_{len(rows):06d}")
        if id_ in seen:
            raise SlantError(f"{path}: line {line_no}: id {id_!r} is used twice (first on line {seen[id_]})")
        seen[id_] = line_no
        body = normalise_newlines(str(record["text"]))
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

    ``inputs``: folders of .txt/.md/.html, single such files, or .jsonl/.csv
    corpora with ``text`` and ``source`` columns. ``sources``: a CSV/YAML file
    with columns file, source, title, date, url, note; a folder's own
    ``sources.csv`` is used when none is given. ``encoding``: None (UTF-8 or
    a byte-order mark), a codec name, or "auto" (see `slant.encodings`).
    """
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    if not inputs:
        raise SlantError("no input given: name a folder of articles or a .jsonl/.csv corpus")
    table = read_sources(sources) if sources else None
    rows: list[dict] = []
    used: set[str] = set()
    folders: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            if table is not None:
                rows += _from_folder(item, table, encoding, used)
                folders.append(item)
            elif (found := find_sources_file(item)) is not None:
                own, own_used = read_sources(found), set()
                rows += _from_folder(item, own, encoding, own_used)
                _check_unused_rows(own, own_used, [item])
            else:
                rows += _from_folder(item, None, encoding, used)
        elif not item.exists():
            raise SlantError(f"{item}: no such file or folder")
        elif item.suffix.lower() in TABLE_SUFFIXES:
            rows += _from_table(item, encoding)
        elif item.suffix.lower() in ARTICLE_SUFFIXES:
            key = next((k for k in (item.name, item.stem) if table and k in table), None)
            used.add(key) if key else None
            text, title = read_article_file(item, encoding)
            meta = {"title": title, **{k: v for k, v in (table or {}).get(key, {}).items() if v}}
            rows.append(_article(item.stem, str(item), text, meta, item.stem))
        else:
            raise SlantError(f"{item}: unsupported file type {item.suffix or '(none)'}; "
                             f"expected a folder, {', '.join(ARTICLE_SUFFIXES + TABLE_SUFFIXES)}")
    if table is not None and folders:
        _check_unused_rows(table, used, folders)
    first: dict[str, str] = {}
    for row in rows:
        if row["id"] in first:
            raise SlantError(f"{row['path']}: article id {row['id']!r} is already used by {first[row['id']]} "
                             "(rename one of the files, or give distinct ids)")
        first[row["id"]] = row["path"]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
