"""The sources file: which source (outlet), title, date, url, event and note each article file has.

CSV with a header line, or YAML (a list, or an ``articles:`` list, of
mappings). Every problem is a one-line `SlantError` naming the file and line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from ..encodings import decode_bytes
from ..errors import SlantError
from .files import read_bytes

SOURCES_NAMES = ("sources.csv", "sources.yaml", "sources.yml")
# The fields a sources-file row (or a JSONL/CSV corpus row) may give an article, besides its text and id.
# ``event``: any label (text or a number, read as text) naming the news event the article reports.
SOURCE_FIELDS = ("source", "title", "date", "url", "event", "note")


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
    """The sources file: file name (or id) → source, title, date, url, event, note.

    CSV: a header line with ``file`` (or ``id``) and ``source``, then one line
    per article. YAML: a list (or ``articles:`` list) of mappings with the same
    keys. Values are text (a YAML number or date is read as text). Missing
    columns, rows without a file or source, and a file listed twice are
    one-line errors naming the line.
    """
    path = Path(path)
    if not path.is_file():
        raise SlantError(f"{path}: sources file not found")
    text = decode_bytes(read_bytes(path), path, encoding)
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
        odd = next((f for f in SOURCE_FIELDS if isinstance(row.get(f), (list, dict, bool))), None)
        if odd is not None:  # YAML reads `event: yes` as true and `[a, b]` as a list: neither is a label
            raise SlantError(f"{path}: line {line}: {key}: field {odd!r} must be text or a number "
                             f"(got {type(row[odd]).__name__} {row[odd]!r:.60})")
        table[key] = {f: ("" if row.get(f) is None else str(row.get(f)).strip()) for f in SOURCE_FIELDS}
        lines[key] = line
    if not table:
        raise SlantError(f"{path}: no articles listed ({expected})")
    return SourcesTable(path, table, lines)


def find_sources_file(folder: Path) -> Path | None:
    """The sources file that sits in a corpus folder, if any (sources.csv / sources.yaml)."""
    for name in SOURCES_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None
