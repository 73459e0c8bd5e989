"""HTML through Jinja2 templates with autoescaping: escaping is the default, not a discipline.

`render(template, **values)` fills one of the package's templates
(``slant/templates/*.j2``); text values are escaped, and only HTML built by
slant itself (highlighted articles, tables) is passed in as `Markup`.
`table_html` draws a DataFrame for a reader: numbers right-aligned and
rounded, missing values blank (never "NaN"), long text wrapped with the
whole text on hover, optional links per cell, and at most ``max_rows`` rows.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib.resources import files

import pandas as pd
from markupsafe import Markup

LONG_TEXT = 280  # characters shown of a text cell (most sentences whole); the whole text is on hover (title)


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(loader=PackageLoader("slant", "templates"), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def site_css() -> str:
    return files("slant").joinpath("templates/site.css").read_text(encoding="utf-8")


def render(template: str, **values) -> str:
    return environment().get_template(template).render(**values)


def _number(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) >= 1000):
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.3g}" if abs(value) >= 0.001 or value == 0 else f"{value:.1e}"


READ_ACROSS_COLUMN = "measure"  # the first column of a table whose rows are different measures (source_summary)


def column_decimals(column: pd.Series) -> int | None:
    """Decimals for every number of a float column, so that a column reads at one precision ("20.00", "1.39",
    "0.04" rather than "20", "1.39", "0.042"): three significant figures of its median size, 0 to 3 decimals.
    None for a column that is not float (counts, text, mixed rows of a table read across)."""
    if not pd.api.types.is_float_dtype(column):
        return None
    values = column.dropna().abs()
    values = values[(values > 0) & (values < 1e15)]
    if values.empty:
        return 0
    median = float(values.median())
    return 0 if median >= 100 else 1 if median >= 10 else 2 if median >= 1 else 3


def cell_text(value, decimals: int | None = None) -> str:
    """A value as a reader should see it: blank when missing, numbers rounded, text on one line."""
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, float) and decimals is not None and not math.isinf(value):
        return f"{value:,.{decimals}f}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value)
    return " ".join(str(value).split())


NUMBER_TEXT_RE = re.compile(r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?")


def _numeric_column(column: pd.Series) -> bool:
    """Numbers, or text that is only numbers already formatted ("1,077", "-0.07", ""): right-aligned."""
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    values = [str(v) for v in column if isinstance(v, str)]
    return len(values) == len(column) and any(values) and all(NUMBER_TEXT_RE.fullmatch(v) for v in values)


def table_html(frame: pd.DataFrame, *, max_rows: int | None = None, links: dict[str, list] | None = None,
               long_text: int = LONG_TEXT) -> Markup:
    """``frame`` as an escaped HTML table for reading (see the module); ``links`` maps a column to hrefs, row by row."""
    shown = frame if max_rows is None else frame.head(max_rows)
    links = links or {}
    numeric = {c: _numeric_column(shown[c]) for c in shown.columns}
    # the whole column's scale, not the rows shown; a table read across (a "measure" column naming each row's
    # measure: counts, densities and shares side by side) rounds each number by its own size instead
    read_across = len(frame.columns) > 0 and str(frame.columns[0]) == READ_ACROSS_COLUMN
    decimals = [None if read_across else column_decimals(frame[c]) for c in shown.columns]
    header = [{"label": str(c).replace("_", " "), "num": numeric[c]} for c in shown.columns]
    rows = []
    for position, values in enumerate(shown.itertuples(index=False, name=None)):
        row = []
        for column, value, places in zip(shown.columns, values, decimals):
            text = cell_text(value, places)
            cell = {"text": text, "cls": "num" if numeric[column] else None, "title": None, "href": None}
            if len(text) > long_text:
                cell.update(text=text[:long_text - 1].rstrip() + "…", title=text, cls="text")
            elif not numeric[column] and len(text) > 60:
                cell["cls"] = "text"
            hrefs = links.get(column)
            if hrefs is not None and position < len(hrefs) and hrefs[position]:
                cell["href"] = hrefs[position]
            row.append(cell)
        rows.append(row)
    return Markup(render("table.html.j2", header=header, rows=rows))
