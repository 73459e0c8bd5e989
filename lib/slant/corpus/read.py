"""The one corpus reader: every input, in memory (`read_corpus`) or streamed (`slant.scale.stream`), goes through here.

`plan_inputs` lists what there is to read — each article file with its id,
default source and sources-file row; each table — and checks the sources
file against the folders before anything is read. `iter_items` then reads
the plan in order and yields, for each file or table row, the article (a row
of ARTICLE_COLUMNS) or a `Problem` saying why it is none. Which problems stop
a run and which are skipped (a failures row and a line on the terminal) is
decided by `skipped`, here and nowhere else.

Ids: a folder's file ``sub/name.txt`` is ``sub__name``; a single file is
its stem; a table row has its ``id``, else ``<table stem>_<n>`` (n counts the
table's articles, from 0). A source label is the sources-file row's, else the
subfolder's name, else the file's stem; a table row's ``source`` field.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..encodings import double_encoded, normalise_newlines
from ..errors import SlantError
from .files import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES, article_files, read_article_file
from .labels import LabelMerge, LabelPlan, merges_line, plan_labels
from .sources import SOURCE_FIELDS, SourcesTable, find_sources_file, read_sources
from .tables import STREAM_SUFFIXES, TABLE_SUFFIXES, field_type_problem, table_records, table_stem

ARTICLE_COLUMNS = ["id", "source", "title", "date", "url", "event", "note", "path", "text"]
FOLDER, FILE = "folder", "file"
INPUT_SUFFIXES = ARTICLE_SUFFIXES + TABLE_SUFFIXES + STREAM_SUFFIXES

# Kinds of problem with one input.
BAD_FILE = "bad file"        # an article file that is unreadable, empty, binary, not in its encoding, too large
BAD_ROW = "bad row"          # a table row without text or source, with fields of the wrong type, not JSON
REPEATED_ID = "repeated id"  # an article whose id an earlier article has
# What is skipped rather than stopping the run (unless strict). A stray file in a folder of articles (an empty
# download, an image) should not sink a report; a table held in memory is one document its author can fix, so
# its bad rows stop the run; a streamed corpus is too large to fix by hand, so its bad rows are skipped as well.
SKIPPED_IN_MEMORY = frozenset({BAD_FILE})
SKIPPED_IN_STREAM = frozenset({BAD_FILE, BAD_ROW, REPEATED_ID})


@dataclass(frozen=True)
class Problem:
    """An input that gives no article: ``where`` (path, or path:line), ``reason`` (one line naming it), its kind."""

    where: str
    reason: str
    kind: str
    article_id: str = ""
    source: str = ""


def skipped(problem: Problem, *, stream: bool, strict: bool = False) -> bool:
    """Whether ``problem`` is skipped (True) or stops the run with its reason (False)."""
    return not strict and problem.kind in (SKIPPED_IN_STREAM if stream else SKIPPED_IN_MEMORY)


def skip_line(problem: Problem) -> str:
    """The terminal's line for a skipped input: "skipped corpus/b.txt: the file is empty"."""
    return f"skipped {problem.reason}"


def skipped_summary(count: int, total: int, unit: str) -> str:
    """ "2 of 40 files skipped": the run's last line when inputs were skipped."""
    return f"{count:,} of {total:,} {unit} skipped"


def nothing_read(problems: list[Problem] | tuple[Problem, ...], total: int, unit: str) -> SlantError:
    """The error for a corpus of which no input could be read: the one reason, or the first and a count."""
    if len(problems) == 1:
        return SlantError(problems[0].reason)
    return SlantError(f"no article could be read: all {total:,} {unit} skipped (the first: {problems[0].reason})")


def input_kind(path: Path) -> str:
    """"folder", or the suffix that makes ``path`` an input (".jsonl.gz", ".parquet" for .pq …), or ""."""
    if path.is_dir():
        return FOLDER
    name = path.name.lower()
    for suffix in (*STREAM_SUFFIXES, *TABLE_SUFFIXES, *ARTICLE_SUFFIXES):
        if name.endswith(suffix):
            return {".pq": ".parquet"}.get(suffix, suffix)
    return ""


def check_inputs(inputs) -> list[Path]:
    """The inputs as paths; a `SlantError` for none, a missing one, or an unsupported one."""
    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    if not paths:
        raise SlantError("no input given: name a folder of articles or a .jsonl/.jsonl.gz/.csv/.parquet corpus")
    for path in paths:
        if not path.exists():
            raise SlantError(f"{path}: no such file or folder")
        if not input_kind(path):
            raise SlantError(f"{path}: unsupported file type {path.suffix or '(none)'}; expected a folder, "
                             f"{', '.join(INPUT_SUFFIXES)}")
    return paths


def input_unit(inputs) -> str:
    """What the inputs are counted in: "files" (folders and article files), "rows" (tables), else "inputs"."""
    kinds = {input_kind(p) in (FOLDER, *ARTICLE_SUFFIXES) for p in check_inputs(inputs)}
    return "files" if kinds == {True} else "rows" if kinds == {False} else "inputs"


@dataclass(frozen=True)
class Entry:
    """One input to read: an article file (``kind`` "file", with its id, default source and sources-file
    fields) or a table (``kind`` its suffix)."""

    path: Path
    kind: str
    article_id: str = ""
    default_source: str = ""
    meta: dict[str, str] = field(default_factory=dict)


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


def _given(table: SourcesTable | None, key: str | None) -> dict[str, str]:
    return {k: v for k, v in table[key].items() if v} if table is not None and key is not None else {}


def _folder_entries(folder: Path, table: SourcesTable | None, used: set[str]) -> list[Entry]:
    files = article_files(folder)
    if not files:
        raise SlantError(f"{folder}: no .txt, .md or .html articles in this folder")
    entries = []
    for path in files:
        relative = path.relative_to(folder)
        id_ = relative.with_suffix("").as_posix().replace("/", "__")
        key = next((k for k in (relative.as_posix(), path.name, id_) if table is not None and k in table), None)
        if table is not None and key is None:
            raise SlantError(f"{path}: not listed in the sources file ({table.path}) "
                             f"(add a row with file={relative.as_posix()})")
        if key is not None:
            used.add(key)
        default = relative.parts[0] if len(relative.parts) > 1 else path.stem
        entries.append(Entry(path, FILE, id_, default, _given(table, key)))
    return entries


def plan_inputs(inputs, sources: str | Path | None = None) -> list[Entry]:
    """What ``inputs`` hold, in reading order, joined with the sources file; nothing is read but file lists.

    ``sources``: a CSV/YAML sources file for every folder; without one, a
    folder's own sources.csv/.yaml is used. A file of a folder that the
    sources file does not list, and a row that names no article file, are
    `SlantError`s here, before any article is read.
    """
    paths = check_inputs(inputs)
    table = read_sources(sources) if sources else None
    entries: list[Entry] = []
    used: set[str] = set()
    folders: list[Path] = []
    for path in paths:
        kind = input_kind(path)
        if kind == FOLDER and table is not None:
            entries += _folder_entries(path, table, used)
            folders.append(path)
        elif kind == FOLDER:
            found = find_sources_file(path)
            own = read_sources(found) if found is not None else None
            own_used: set[str] = set()
            entries += _folder_entries(path, own, own_used)
            if own is not None:
                _check_unused_rows(own, own_used, [path])
        elif kind in ARTICLE_SUFFIXES:
            key = next((k for k in (path.name, path.stem) if table is not None and k in table), None)
            if key is not None:
                used.add(key)
            entries.append(Entry(path, FILE, path.stem, path.stem, _given(table, key)))
        else:
            entries.append(Entry(path, kind))
    if table is not None and folders:
        _check_unused_rows(table, used, folders)
    return entries


def _article(id_: str, path: str, text: str, meta: dict[str, str], default_source: str) -> dict:
    row = {"id": id_, "source": default_source, "title": "", "date": "", "url": "", "event": "", "note": "",
           "path": path, "text": text}
    row.update({k: v for k, v in meta.items() if v})
    return row


def _file_item(entry: Entry, encoding: str | None) -> dict | Problem:
    source = entry.meta.get("source") or entry.default_source
    try:
        text, title = read_article_file(entry.path, encoding)
    except SlantError as exc:
        return Problem(str(entry.path), str(exc), BAD_FILE, entry.article_id, source)
    return _article(entry.article_id, str(entry.path), text, {"title": title, **entry.meta}, entry.default_source)


def _text(value) -> str:
    """A field as text: a whole number without ".0" (a Parquet or pandas column with a gap holds 7 as 7.0)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row_items(entry: Entry, encoding: str | None) -> Iterator[tuple[int, dict | Problem]]:
    """(line, article or problem) for each record of a table."""
    path, count, any_record = entry.path, 0, False
    for line_no, record in table_records(path, entry.kind, encoding):
        any_record = True
        where = f"{path}:{line_no}"
        if isinstance(record, str):
            yield line_no, Problem(where, record, BAD_ROW)
            continue
        if problem := field_type_problem(record):
            yield line_no, Problem(where, f"{path}: line {line_no}: {problem}", BAD_ROW)
            continue
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            yield line_no, Problem(where, f"{path}: line {line_no} has no 'text'", BAD_ROW)
            continue
        id_ = _text(record.get("id")) or f"{table_stem(path)}_{count:06d}"
        meta = {f: _text(record.get(f)) for f in SOURCE_FIELDS}
        if not meta["source"].strip():
            yield line_no, Problem(where, f"{path}: line {line_no} has no 'source'", BAD_ROW, id_)
            continue
        if len(record["text"]) > MAX_ARTICLE_BYTES:
            yield line_no, Problem(where, f"{path}: line {line_no}: the text is too long for one article (over "
                                          f"{MAX_ARTICLE_BYTES:,} characters); split it into articles",
                                   BAD_ROW, id_, meta["source"])
            continue
        count += 1
        yield line_no, _article(id_, where, normalise_newlines(record["text"]), meta, meta["source"])
    if not any_record:
        raise SlantError(f"{path}: no articles in this file")


def _not_unicode(row: dict, where: str) -> str | None:
    """Why an article's fields are not valid Unicode (a byte outside the file's encoding; a JSON lone surrogate)."""
    for name in ("text", *SOURCE_FIELDS):
        value = row[name]
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            char = value[exc.start]
            if "\udc80" <= char <= "\udcff":  # kept by `encodings.decode_line`: a byte the encoding does not have
                return (f"{where}: not text in the file's encoding (byte 0x{ord(char) - 0xdc00:02x} in "
                        f"{name!r}); give the right encoding with --encoding")
            return (f"{where}: text is not valid Unicode (character {exc.start}: {char!r}; check the file's "
                    "encoding)")
    return None


def iter_items(inputs, sources: str | Path | None = None, *, encoding: str | None = None,
               labels: LabelPlan | None = None) -> Iterator[dict | Problem]:
    """Every input's article (a dict of ARTICLE_COLUMNS) or `Problem`, in corpus order, read one at a time.

    ``labels``: the source labels to merge (`plan_labels`); ``encoding``: None
    (UTF-8 or a byte-order mark), a codec, or "auto" (see `slant.encodings`).
    Only the plan and the ids met are held in memory.
    """
    labels = labels or LabelPlan()
    first: dict[str, tuple[Path, int | None]] = {}
    for entry in plan_inputs(inputs, sources):
        rows = [(None, _file_item(entry, encoding))] if entry.kind == FILE else _row_items(entry, encoding)
        for line_no, item in rows:
            if isinstance(item, Problem):
                yield Problem(item.where, item.reason, item.kind, item.article_id, labels.label(item.source))
                continue
            item["source"] = labels.label(item["source"])
            if reason := _not_unicode(item, item["path"]):
                yield Problem(item["path"], reason, BAD_FILE if line_no is None else BAD_ROW, item["id"],
                              item["source"])
            elif item["id"] in first:
                yield Problem(item["path"], _repeated(item, entry.path, line_no, *first[item["id"]]), REPEATED_ID,
                              item["id"], item["source"])
            else:
                first[item["id"]] = (entry.path, line_no)
                yield item


def _repeated(item: dict, path: Path, line_no: int | None, first_path: Path, first_line: int | None) -> str:
    if line_no is not None and first_path == path:
        return f"{path}: line {line_no}: id {item['id']!r} is used twice (first on line {first_line})"
    earlier = first_path if first_line is None else f"{first_path}:{first_line}"
    return (f"{item['path']}: article id {item['id']!r} is already used by {earlier} "
            "(rename one of the files, or give distinct ids)")


def source_counts(inputs, sources: str | Path | None = None, *, encoding: str | None = None) -> Counter:
    """Articles per source label as written: every listed file and every table row with a source, readable or not.

    Files are not opened (their labels come from the sources file or the
    folders); tables are read for their ``source`` fields only.
    """
    counts: Counter = Counter()
    for entry in plan_inputs(inputs, sources):
        if entry.kind == FILE:
            counts[entry.meta.get("source") or entry.default_source] += 1
            continue
        for _, record in table_records(entry.path, entry.kind, encoding, fields=("source",)):
            value = record.get("source") if isinstance(record, dict) else None
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                counts[str(value)] += 1
    return counts


def label_plan(inputs, sources: str | Path | None = None, *, encoding: str | None = None,
               keep_label_variants: bool = False) -> LabelPlan:
    """The source labels to merge for these inputs (none with ``keep_label_variants``); see `corpus.labels`."""
    if keep_label_variants:
        return LabelPlan()
    return plan_labels(source_counts(inputs, sources, encoding=encoding))


@dataclass(frozen=True)
class Corpus:
    """A corpus read into memory: the articles table, the inputs skipped, the labels merged.

    ``total``: inputs met (files, or table rows), counted in ``unit``.
    """

    articles: pd.DataFrame
    skipped: tuple[Problem, ...]
    merges: tuple[LabelMerge, ...]
    total: int
    unit: str

    def notes(self) -> list[str]:
        """What the terminal and the report say about reading: merged labels, each skipped input, the count,
        and articles whose text was encoded twice ("PeÃ±a")."""
        lines = [merges_line(self.merges)] if self.merges else []
        lines += [skip_line(problem) for problem in self.skipped]
        if self.skipped:
            lines.append(self.summary())
        return lines + ([self.double_encoded_line] if self.double_encoded_line else [])

    @cached_property
    def double_encoded_line(self) -> str:
        """One line naming the articles whose text was encoded twice ("PeÃ±a"), or "" (scanned once per corpus)."""
        twice = [(article_id, found) for article_id, text in zip(self.articles["id"], self.articles["text"])
                 if (found := double_encoded(str(text))) is not None]
        if not twice:
            return ""
        (first, (word, repaired)), n = twice[0], len(twice)
        return (f"{n:,} article{'s' if n != 1 else ''} hold{'s' if n == 1 else ''} text encoded twice "
                f"(\"{word}\" for \"{repaired}\" in {first}): slant reads it as written; re-save "
                f"{'those files' if n != 1 else 'the file'} as UTF-8 to count those words right")

    def summary(self) -> str:
        """ "2 of 40 files skipped", or "" when none was."""
        return skipped_summary(len(self.skipped), self.total, self.unit) if self.skipped else ""


def read_corpus(inputs, sources: str | Path | None = None, *, encoding: str | None = None, strict: bool = False,
                keep_label_variants: bool = False) -> Corpus:
    """Read articles into memory: the articles table (ARTICLE_COLUMNS), with what was skipped and merged.

    ``inputs``: folders of .txt/.md/.html, single such files, or
    .jsonl/.jsonl.gz/.csv/.parquet corpora with ``text`` and ``source``
    columns (optional ``id``, ``title``, ``date``, ``url``, ``event``,
    ``note``). ``sources``: a CSV/YAML file with columns file, source, title,
    date, url, event, note; a folder's own ``sources.csv`` is used when none
    is given. An article file that cannot be read is skipped (``strict``:
    an error); a bad table row or a repeated id is an error; a corpus of
    which nothing can be read is an error. Source labels that differ only
    by case or surrounding whitespace are merged (``keep_label_variants``
    keeps them apart).
    """
    labels = label_plan(inputs, sources, encoding=encoding, keep_label_variants=keep_label_variants)
    rows: list[dict] = []
    problems: list[Problem] = []
    for item in iter_items(inputs, sources, encoding=encoding, labels=labels):
        if isinstance(item, dict):
            rows.append(item)
        elif skipped(item, stream=False, strict=strict):
            problems.append(item)
        else:
            raise SlantError(item.reason)
    total, unit = len(rows) + len(problems), input_unit(inputs)
    if not rows:
        raise nothing_read(problems, total, unit)
    return Corpus(pd.DataFrame(rows, columns=ARTICLE_COLUMNS), tuple(problems), labels.merges, total, unit)


def load_corpus(inputs, sources: str | Path | None = None, *, encoding: str | None = None, strict: bool = False,
                keep_label_variants: bool = False) -> pd.DataFrame:
    """The articles table (ARTICLE_COLUMNS) of `read_corpus`; use that to learn what was skipped or merged."""
    return read_corpus(inputs, sources, encoding=encoding, strict=strict,
                       keep_label_variants=keep_label_variants).articles
