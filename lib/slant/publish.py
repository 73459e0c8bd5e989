"""Show a figure or table in a notebook and save it with the data behind it.

`Publisher.figure` saves ``figures/NAME.png`` and ``.svg`` together with
``tables/chart_NAME.csv`` (the table behind the figure); `Publisher.table` saves
``tables/NAME.csv`` (and ``.json``). Both return an object that a notebook
displays as the figure or table with its one-sentence caption; the figure is
embedded as PNG data, so the exported report is self-contained. Files are
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
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


@dataclass(frozen=True)
class Shown:
    """What a notebook cell displays: HTML with the caption (and plain text for consoles)."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def table_html(frame: pd.DataFrame, *, index: bool = False, max_rows: int = 200) -> str:
    """A DataFrame as an escaped HTML table (numbers rounded for reading)."""
    shown = frame.head(max_rows).copy()
    for column in shown.columns:  # text columns: object, or pandas' string dtype (the default since pandas 3)
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column].dtype):
            shown[column] = shown[column].map(lambda v: v.replace("\n", " ") if isinstance(v, str) else v)
    return shown.to_html(index=index, escape=True, border=0, classes="slant-table", na_rep="—",
                         float_format=lambda v: f"{v:,.3g}" if abs(v) < 1000 else f"{v:,.0f}")


class Publisher:
    """Saves figures and tables under one run folder and returns what to display."""

    def __init__(self, output_dir: str | Path | None = None, formats: tuple[str, ...] | list[str] | str = FORMATS):
        self.output_dir = Path(output_dir) if output_dir else None
        formats = formats.split(",") if isinstance(formats, str) else formats
        self.formats = tuple(f.strip().lower() for f in formats if f.strip())

    def figure(self, fig: Figure, name: str, *, caption: str, data: pd.DataFrame | None = None) -> Shown:
        """Save ``fig`` (all formats) and ``data`` as CSV; return the captioned figure."""
        png = figure_bytes(fig, "png")
        if self.output_dir:
            for fmt in self.formats:
                write_atomically(self.output_dir / "figures" / f"{name}.{fmt}", png if fmt == "png" else figure_bytes(fig, fmt))
            if data is not None:
                write_atomically(self.output_dir / "tables" / f"chart_{name}.csv", data.to_csv(index=False).encode())
        encoded = base64.b64encode(png).decode()
        return Shown(
            f'<figure class="slant-figure" id="fig-{html.escape(name)}">'
            f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(caption)}" style="max-width:100%">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>",
            f"[figure {name}] {caption}")

    def table(self, frame: pd.DataFrame, name: str, *, caption: str, index: bool = False,
              nested: object | None = None, max_rows: int = 200) -> Shown:
        """Save ``frame`` as CSV (and ``nested`` as JSON when given); return the captioned table."""
        if self.output_dir:
            write_atomically(self.output_dir / "tables" / f"{name}.csv", frame.to_csv(index=index).encode())
            if nested is not None:
                write_atomically(self.output_dir / "tables" / f"{name}.json",
                                 json.dumps(nested, ensure_ascii=False, indent=1, default=str).encode())
        if max_rows == 0:
            more, body = f" ({len(frame)} rows, in tables/{name}.csv)", ""
        else:
            more = f" (first {max_rows} of {len(frame)} rows; all in tables/{name}.csv)" if len(frame) > max_rows else ""
            body = table_html(frame, index=index, max_rows=max_rows)
        return Shown(
            f'<figure class="slant-table-figure" id="table-{html.escape(name)}">'
            f"<figcaption>{html.escape(caption + more)}</figcaption>{body}</figure>",
            f"[table {name}] {caption}\n{frame.head(max_rows).to_string(index=index)}")

    def text(self, lines: list, name: str, *, caption: str) -> Shown:
        """Sentences (e.g. findings), saved as JSON, displayed as a list.

        An item may be ``{"text": …, "section": NOTEBOOK}``: it then links to
        that notebook's section of the report (``#section-NOTEBOOK``).
        """
        if self.output_dir:
            write_atomically(self.output_dir / "tables" / f"{name}.json",
                             json.dumps(lines, ensure_ascii=False, indent=1).encode())
        items = []
        for line in lines:
            text = line["text"] if isinstance(line, dict) else str(line)
            link = (f' <a href="#section-{html.escape(line["section"])}">(evidence)</a>'
                    if isinstance(line, dict) and line.get("section") else "")
            items.append(f"<li>{html.escape(text)}{link}</li>")
        plain = [line["text"] if isinstance(line, dict) else str(line) for line in lines]
        return Shown(f'<div class="slant-findings"><p><strong>{html.escape(caption)}</strong></p><ul>{"".join(items)}</ul></div>',
                     caption + "\n" + "\n".join(f"- {line}" for line in plain))
