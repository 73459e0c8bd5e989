"""Show a figure or table in a notebook and save it with the data behind it.

`Publisher.figure` saves ``figures/NAME.png`` and ``.svg`` together with
``tables/chart_NAME.csv`` (the table behind the figure); `Publisher.table` saves
``tables/NAME.csv`` (and ``.json``). A table over LARGE_TABLE_BYTES as CSV is
saved gzipped (``NAME.csv.gz``: pandas, R and most tools read it as it is),
and nested records past NESTED_RECORDS_LIMIT as gzipped JSON lines
(``NAME.jsonl.gz``), so that a corpus of 10,000 articles does not write
hundreds of megabytes the Parquet results already hold. Both return an object
that a notebook displays as the figure or table with its one-sentence caption
and a link to the file; the figure is embedded as PNG data in the notebook
(the report links it to figures/). Files are
written to a temporary name and renamed, so none is ever half-written. With
no output folder nothing is written (interactive use).
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .errors import SlantError

FORMATS = ("png", "svg")
LARGE_TABLE_BYTES = 5_000_000  # past this, a CSV is saved gzipped
NESTED_RECORDS_LIMIT = 2_000  # past this many records, nested JSON is saved as gzipped JSON lines


def check_figure_formats(value, where: str) -> list:
    """The formats of a figure_formats value ("png,svg" or a list), or a `SlantError` "``where``: …" naming the
    value when one is not in FORMATS (the notebook's parameter check and the report's, one rule)."""
    formats = value.split(",") if isinstance(value, str) else value
    if not isinstance(formats, (list, tuple)) or any(str(f).strip().lower() not in FORMATS for f in formats):
        raise SlantError(f"{where}: expected a comma-separated subset of {', '.join(FORMATS)}, got {value!r}")
    return list(formats)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place.

    A failure (disk full, no permission, ``path`` is a folder) leaves any
    previous file at ``path`` untouched, removes the temporary file, and is a
    one-line `SlantError` naming the path.
    """
    path = Path(path)
    if path.is_dir():
        raise SlantError(f"{path}: is a folder; give a file name to write to")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise SlantError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def check_output_path(out: str | Path, inputs: list) -> None:
    """Refuse an output file that is an input, or would become one (an article file inside an input folder)."""
    target = Path(out).resolve()
    for item in map(Path, inputs):
        item = item.resolve()
        if target == item:
            raise SlantError(f"{out}: is an input file; write the output somewhere else")
        if item.is_dir() and item in target.parents and target.suffix.lower() in (".txt", ".md", ".html", ".htm"):
            raise SlantError(f"{out}: would be read as an article of the input folder {item}; write it elsewhere")


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG; an SVG keeps its text as text (searchable, editable, smaller), not glyph paths."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


EMPTY_MARK = "slant-empty-section"  # an output saying its section has no data: the report leaves the section out
REPORT_ROWS = 15  # rows of a table shown in a notebook and the report; the CSV has them all
EVIDENCE_ROWS = 5  # rows shown of a drill-down


@dataclass(frozen=True)
class Shown:
    """What a notebook cell displays: HTML with the caption (and plain text for consoles)."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def empty_section(reason: str) -> Shown:
    """A display for a section with no data in this corpus: one sentence, and a mark that lets the report drop it."""
    return Shown(f'<p class="slant-note {EMPTY_MARK}">{html.escape(reason)}</p>', reason)


def table_html(frame: pd.DataFrame, *, index: bool = False, max_rows: int = 200) -> str:
    """A DataFrame as an escaped HTML table for reading (see `slant.render.table_html`)."""
    from .render import table_html as render_table

    return str(render_table(frame.reset_index() if index else frame, max_rows=max_rows))


class Publisher:
    """Saves figures and tables under one run folder and returns what to display."""

    def __init__(self, output_dir: str | Path | None = None, formats: tuple[str, ...] | list[str] | str = FORMATS):
        self.output_dir = Path(output_dir) if output_dir else None
        formats = formats.split(",") if isinstance(formats, str) else formats
        self.formats = tuple(f.strip().lower() for f in formats if f.strip())

    def _csv_link(self, file: str, n_rows: int, shown: int) -> str:
        if not self.output_dir:
            return f" (first {shown} of {n_rows:,} rows)" if n_rows > shown else ""
        what = f"all {n_rows:,} rows" if n_rows > shown else "as CSV"
        return f' <a href="tables/{html.escape(file)}">({what}: tables/{html.escape(file)})</a>'

    def _write_csv(self, frame: pd.DataFrame, name: str) -> str:
        """Save ``frame`` as tables/NAME.csv, or NAME.csv.gz past LARGE_TABLE_BYTES; return the file's name."""
        import gzip

        data = frame.to_csv(index=False).encode()
        file = f"{name}.csv" if len(data) <= LARGE_TABLE_BYTES else f"{name}.csv.gz"
        for stale in {f"{name}.csv", f"{name}.csv.gz"} - {file}:  # a rerun into the same folder leaves no old copy
            (self.output_dir / "tables" / stale).unlink(missing_ok=True)
        write_atomically(self.output_dir / "tables" / file, data if file.endswith(".csv") else gzip.compress(data, 6,
                                                                                                          mtime=0))
        return file

    def _write_nested(self, nested, name: str) -> str:
        """Save nested records as tables/NAME.json, or as gzipped JSON lines past NESTED_RECORDS_LIMIT records."""
        import gzip

        records = list(nested) if not isinstance(nested, (dict, list)) else nested
        if isinstance(records, list) and len(records) > NESTED_RECORDS_LIMIT:
            lines = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in records).encode()
            write_atomically(self.output_dir / "tables" / f"{name}.jsonl.gz", gzip.compress(lines, 6, mtime=0))
            return f"{name}.jsonl.gz"
        write_atomically(self.output_dir / "tables" / f"{name}.json",
                         json.dumps(records, ensure_ascii=False, indent=1, default=str).encode())
        return f"{name}.json"

    def figure(self, fig: Figure, name: str, *, caption: str, data: pd.DataFrame | None = None,
               empty: str | None = None) -> Shown:
        """Save ``fig`` (all formats) and ``data`` as CSV; return the captioned figure.

        With ``empty`` given and ``data`` without rows, nothing is saved and the
        display is that sentence (the report then leaves the section out).
        """
        if empty is not None and data is not None and data.empty:
            import matplotlib.pyplot as plt

            plt.close(fig)
            return empty_section(empty)
        png = figure_bytes(fig, "png")
        if self.output_dir:
            for fmt in self.formats:
                write_atomically(self.output_dir / "figures" / f"{name}.{fmt}", png if fmt == "png" else figure_bytes(fig, fmt))
            data_file = self._write_csv(data, f"chart_{name}") if data is not None else None
        encoded = base64.b64encode(png).decode()
        link = (f' <a href="tables/{html.escape(data_file)}">(data: tables/{html.escape(data_file)})</a>'
                if self.output_dir and data is not None else "")
        return Shown(
            f'<figure class="slant-figure" id="fig-{html.escape(name)}">'
            f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(caption)}" style="max-width:100%">'
            f"<figcaption>{html.escape(caption)}{link}</figcaption></figure>",
            f"[figure {name}] {caption}")

    def table(self, frame: pd.DataFrame, name: str, *, caption: str, index: bool = False,
              nested: object | None = None, max_rows: int = REPORT_ROWS, empty: str | None = None,
              links: dict[str, list] | None = None, columns: list[str] | None = None) -> Shown:
        """Save ``frame`` as CSV (and ``nested`` as JSON when given); return the captioned table.

        At most ``max_rows`` rows are shown (0: none, the caption says where
        they are); the CSV has every row. ``empty``: the sentence shown instead
        of a table without rows (the report then leaves the section out);
        without it an empty table is still one sentence, never a bare header.
        ``links`` maps a column to one href per row (e.g. article pages).
        ``columns``: the columns shown, so that a wide table fits the page
        (the CSV keeps them all).
        """
        from .render import table_html as render_table

        frame = frame.reset_index() if index else frame
        file = f"{name}.csv"
        if self.output_dir:
            file = self._write_csv(frame, name)
            if nested is not None:
                self._write_nested(nested, name)
        if frame.empty:
            return empty_section(empty) if empty is not None else Shown(
                f'<p class="slant-note">{html.escape(caption)} No rows in this corpus.</p>', caption + " No rows.")
        shown = min(max_rows, len(frame))
        visible = frame[columns] if columns is not None else frame
        body = str(render_table(visible, max_rows=shown, links=links)) if shown else ""
        return Shown(
            f'<figure class="slant-table-figure" id="table-{html.escape(name)}">'
            f"<figcaption>{html.escape(caption)}{self._csv_link(file, len(frame), shown)}</figcaption>{body}</figure>",
            f"[table {name}] {caption}\n{visible.head(shown).to_string(index=False)}")

    def rows(self, frame: pd.DataFrame, *, caption: str, empty: str, max_rows: int = EVIDENCE_ROWS,
             drop: tuple[str, ...] = ("article_id", "sentence_index", "start", "end")) -> Shown:
        """Drill-down rows (e.g. `slant.evidence`) to read, not saved: full sentences, offsets left to the CSVs."""
        from .render import table_html as render_table

        if frame.empty:
            return Shown(f'<p class="slant-note">{html.escape(empty)}</p>', empty)
        shown = frame.drop(columns=[c for c in drop if c in frame])
        more = f" (first {max_rows} of {len(frame):,})" if len(frame) > max_rows else ""
        return Shown(f'<figure class="slant-rows"><figcaption>{html.escape(caption + more)}</figcaption>'
                     f"{render_table(shown, max_rows=max_rows)}</figure>",
                     f"{caption}{more}\n{shown.head(max_rows).to_string(index=False)}")

    def pages(self, pages: dict[str, str], *, caption: str, index: str) -> Shown:
        """Write detail pages (``{relative path: html or css}``) into the run folder; show a link to their ``index``."""
        count = sum(1 for relative in pages if relative.endswith(".html") and relative != index)
        if not self.output_dir:
            return Shown(f'<p class="slant-note">{html.escape(caption)} ({count:,} pages; give an '
                         "output folder to write them).</p>", caption)
        for relative, page in pages.items():
            write_atomically(self.output_dir / relative, page.encode("utf-8"))
        return Shown(f'<p class="slant-pages"><a href="{html.escape(index)}">{html.escape(caption)}</a> '
                     f"({count:,} pages)</p>", f"{caption}: {self.output_dir / index}")

    def text(self, lines: list, name: str, *, caption: str, lead: str = "") -> Shown:
        """Sentences (e.g. findings), saved as JSON, displayed as a list under an optional ``lead`` sentence.

        An item may be ``{"text": …, "section": NOTEBOOK}``: it then links to
        that notebook's section of the report (``#section-NOTEBOOK``), or
        ``{"text": …, "href": PAGE}`` to a page of the run folder.
        """
        if self.output_dir:
            write_atomically(self.output_dir / "tables" / f"{name}.json",
                             json.dumps(lines, ensure_ascii=False, indent=1).encode())
        items = []
        for line in lines:
            text = line["text"] if isinstance(line, dict) else str(line)
            href = None
            if isinstance(line, dict) and line.get("href"):
                href = line["href"]
            elif isinstance(line, dict) and line.get("section"):
                href = f"#section-{line['section']}"
            link = f' <a href="{html.escape(href)}">(evidence)</a>' if href else ""
            items.append(f"<li>{html.escape(text)}{link}</li>")
        plain = [line["text"] if isinstance(line, dict) else str(line) for line in lines]
        lead_html = f"<p>{html.escape(lead)}</p>" if lead else ""
        return Shown(f'<div class="slant-findings"><p><strong>{html.escape(caption)}</strong></p>{lead_html}'
                     f'<ol>{"".join(items)}</ol></div>',
                     caption + ("\n" + lead if lead else "") + "\n" + "\n".join(f"- {line}" for line in plain))
