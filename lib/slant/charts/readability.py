"""Readability: each textstat measure, mean per source."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..readability import READABILITY_MEASURES
from .style import empty_figure, finish, panels, source_colors, source_order, top_down


def readability_by_source(readability: pd.DataFrame) -> Figure:
    """Each textstat measure side by side, one panel per measure, mean over a source's articles."""
    if readability.empty:
        return empty_figure("Readability", "No articles.")
    sources = source_order(readability)
    colors = source_colors(sources)
    means = readability.groupby("source", observed=False)[list(READABILITY_MEASURES)].mean()
    fig, axes = panels(len(READABILITY_MEASURES), width=3.6, height=2.2 + 0.25 * len(sources), sharey=True)
    for ax, (column, (_, label, unit)) in zip(axes, READABILITY_MEASURES.items()):
        values = [means.loc[s, column] if s in means.index else np.nan for s in sources]
        ax.barh(sources, values, color=[colors[s] for s in sources])
        for y, value in enumerate(values):
            if not np.isnan(value):
                ax.text(value, y, f" {value:.1f}", va="center", fontsize=8)
        ax.set_title(label, loc="left")
        ax.set_xlabel(unit, fontsize=8)
        ax.set_xlim(0, max(1.0, np.nanmax(values) * 1.3) if not np.all(np.isnan(values)) else 1)
        top_down(ax)
        ax.grid(axis="y", visible=False)
    return finish(fig, "Readability (textstat), mean over each source's articles")
