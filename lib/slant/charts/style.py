"""The house style every chart shares: palette, per-source colours, panel layouts, titles, notes.

One colour-blind-safe palette (Okabe & Ito 2008), the same colour for the same
source in every figure (sources take colours in the order of the corpus's
source categories). The style is applied per figure (``plt.rc_context``), so
importing slant never changes a user's matplotlib settings or backend.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Past this many dots, a scatter is drawn as an image inside the SVG (100,000 vector dots made a 20 MB file).
RASTER_POINTS = 2000
STYLE = {
    "figure.dpi": 100, "font.size": 10, "axes.titlesize": 11, "axes.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
    "axes.axisbelow": True, "figure.titlesize": 12, "figure.titleweight": "bold",
}


def source_order(frame: pd.DataFrame) -> list[str]:
    """Sources in corpus order: the categories of a categorical column, else sorted names."""
    column = frame["source"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        return [str(c) for c in column.cat.categories]
    return sorted(map(str, column.unique()))


def source_colors(sources: list[str]) -> dict[str, str]:
    """Source → colour, stable for a given corpus (palette cycles after eight sources)."""
    return {source: OKABE_ITO[i % len(OKABE_ITO)] for i, source in enumerate(sources)}


def panels(n: int, *, width: float = 4.2, height: float = 3.2, sharey: bool = True, sharex: bool = False):
    columns = min(n, 3)
    rows = int(np.ceil(n / columns))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(rows, columns, figsize=(width * columns, height * rows), squeeze=False,
                                 sharey=sharey, sharex=sharex, layout="constrained")
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def keyed_panels(n: int, key_height: float, *, width: float = 4.2, height: float = 3.2, sharey: bool = True):
    """`panels` under a band of ``key_height`` inches for a colour key (so the key sits under the title)."""
    columns = min(n, 3)
    rows = int(np.ceil(n / columns))
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(width * columns, height * rows + key_height), layout="constrained")
        key, body = fig.subfigures(2, 1, height_ratios=[key_height, height * rows])
        axes = body.subplots(rows, columns, squeeze=False, sharey=sharey)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n]), key


def top_down(ax) -> None:
    """First row at the top (idempotent, so shared axes are not flipped twice)."""
    if not ax.yaxis_inverted():
        ax.invert_yaxis()


def source_panel(ax, source: str, color: str, xlabel: str) -> None:
    """A per-source panel: the source as title in its colour, the unit on x, first row on top."""
    ax.set_title(source, color=color, loc="left")
    ax.set_xlabel(xlabel)
    top_down(ax)
    ax.grid(axis="y", visible=False)


def finish(fig: Figure, title: str) -> Figure:
    """The figure's title (left-aligned, saying what is compared), closed so a notebook shows it once."""
    fig.suptitle(title, x=0.01, ha="left")
    plt.close(fig)
    return fig


def embeds_note(embedded: dict[str, int] | None, *, what: str = "Embedded social posts",
                rather: str = "the outlet's sourcing") -> str:
    """The line under an outlet-voice chart saying that embedded social posts are not counted, and how many."""
    counted = "; ".join(f"{source}: {n}" for source, n in (embedded or {}).items() if n)
    return (f"{what} are not counted: they are their author's words, not {rather}"
            + (f" (left out: {counted})." if counted else "."))


def sourcing_note(embedded: dict[str, int] | None, negated: dict[str, int] | None = None) -> str:
    """The foot line of a sourcing chart: embedded posts are not counted, nor negated speech acts when there are any."""
    counted = "; ".join(f"{source}: {n}" for source, n in (negated or {}).items() if n)
    return embeds_note(embedded) + (f' Negated speech acts ("did not say") are not counted either (left out: {counted}).'
                                    if counted else "")


def foot_note(fig: Figure, text: str) -> None:
    """A grey line at the foot of the figure (what is left out, how to read it)."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="#555555", fontweight="normal")


def empty_figure(title: str, message: str) -> Figure:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7, 1.6), layout="constrained")
    ax.axis("off")
    ax.set_title(title, loc="left")
    ax.text(0.0, 0.4, message, transform=ax.transAxes, fontsize=10, color="#444444")
    plt.close(fig)
    return fig


def figure_axes(ax, figsize: tuple[float, float]):
    """(figure, axes, owned): the caller's axes when given (a composed figure), else a new one in the house style.

    A chart closes only a figure it owns, so a notebook shows it once; the
    caller's figure stays open for the caller to show or save.
    """
    if ax is not None:
        return ax.figure, ax, False
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax, True
