"""Comparison across sources: annotated heatmaps, per-source intervals, within-event differences."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .style import (RASTER_POINTS, empty_figure, figure_axes, finish, foot_note,
                    panels, source_colors, source_order, top_down)


def heatmap(matrix: pd.DataFrame, *, title: str, unit: str, diverging: bool = False, fmt: str = "{:.0f}",
            note: str | None = None, ax=None) -> Figure:
    """A rows × columns table as an annotated heatmap (e.g. actor × source).

    Every cell shows its value, so no colour scale has to be decoded; empty
    cells (no data) are left blank. ``diverging`` centres the colours on zero
    (for sentiment). ``note``: a line at the foot (what is left out; on a
    figure of its own only). ``ax``: draw into the caller's axes.
    """
    if matrix.empty:
        return empty_figure(title, "Nothing to show.")
    values = matrix.astype(float).to_numpy()
    fig, ax, owned = figure_axes(ax, (1.6 * matrix.shape[1] + 3, 0.45 * matrix.shape[0] + 1.6))
    finite = values[np.isfinite(values)]
    if diverging:
        limit = max(0.05, float(np.abs(finite).max()) if finite.size else 1.0)
        image = ax.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    else:
        image = ax.imshow(values, cmap="Blues", vmin=0, vmax=max(1.0, float(finite.max()) if finite.size else 1.0),
                          aspect="auto")
    for (row, column), value in np.ndenumerate(values):
        if np.isfinite(value):
            shade = image.norm(value)
            ax.text(column, row, fmt.format(value), ha="center", va="center", fontsize=9,
                    color="white" if (shade > 0.65 or (diverging and shade < 0.2)) else "black")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(matrix.shape[0]), [str(i) for i in matrix.index])
    ax.xaxis.tick_top()
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(f"{title} ({unit})", loc="left", pad=24)
    if note and owned:
        foot_note(fig, note)
    if owned:
        plt.close(fig)
    return fig


def intervals_chart(intervals: pd.DataFrame) -> Figure:
    """Per-source measures with 95% bootstrap intervals, one panel per measure (``compare.bootstrap_intervals``)."""
    if intervals.empty:
        return empty_figure("Per-source measures", "No data.")
    sources = source_order(intervals)
    colors = source_colors(sources)
    measures = list(dict.fromkeys(intervals["measure"]))
    fig, axes = panels(len(measures), width=4.2, height=0.5 * len(sources) + 1.6)
    for ax, measure in zip(axes, measures):
        rows = intervals[intervals["measure"] == measure].set_index("source").reindex(sources)
        for y, source in enumerate(sources):
            value, low, high = rows.loc[source, ["value", "low", "high"]]
            ax.plot([value], [y], "o", color=colors[source])
            if np.isfinite(low):
                ax.plot([low, high], [y, y], color=colors[source], linewidth=2)
            else:
                ax.text(value, y + 0.25, "one article: no interval", fontsize=7, color="#666666", ha="center")
        ax.set_yticks(range(len(sources)), sources)
        ax.set_ylim(-0.6, len(sources) - 0.4)
        top_down(ax)
        # the value axis always includes zero, so that a difference is seen at its true size
        finite = rows[["value", "low", "high"]].to_numpy(dtype=float)
        finite = finite[np.isfinite(finite)]
        low, high = min(0.0, *finite) if finite.size else 0.0, max(0.0, *finite) if finite.size else 1.0
        pad = 0.06 * ((high - low) or 1.0)
        ax.set_xlim(low - (pad if low < 0 else 0), high + (pad if high > 0 or low == high else 0))
        ax.axvline(0, color="#888888", linewidth=0.8)
        ax.set_title(measure, loc="left", fontsize=9)
    return finish(fig, "Per-source measures with 95% bootstrap intervals over articles")


PAIRED_CHART_MEASURES = ("loaded_own_per_1000", "share_negative", "share_non_neutral_verbs")


def paired_differences_chart(differences: pd.DataFrame, comparison: pd.DataFrame, *,
                             measures: tuple[str, ...] = PAIRED_CHART_MEASURES) -> Figure:
    """Within-event differences A − B, one row per source pair and one panel per measure.

    One grey dot per shared event (``compare.paired_differences``); the black
    diamond is the mean difference and the bar its 95% interval over events
    (``compare.paired_comparison``; no bar below five shared events). Right of
    the zero line, the first source of the pair is higher.
    """
    from ..compare.paired import MEASURES_BY_KEY

    measures = tuple(m for m in measures if m in set(differences["measure"]))
    if differences.empty or not measures:
        return empty_figure("Within-event differences between sources", "No event was covered by two sources.")
    pairs = list(dict.fromkeys(zip(differences["source_a"].astype(str), differences["source_b"].astype(str))))
    fig, axes = panels(len(measures), width=4.4, height=0.75 * len(pairs) + 1.5)
    rng = np.random.default_rng(0)  # jitter only: the same picture every run
    for ax, key in zip(axes, measures):
        m = MEASURES_BY_KEY[key]
        for y, (a, b) in enumerate(pairs):
            rows = differences[(differences["measure"] == key) & (differences["source_a"].astype(str) == a)
                               & (differences["source_b"].astype(str) == b)]
            values = rows["difference"].to_numpy(dtype=float) * m.scale
            ax.scatter(values, y + rng.uniform(-0.18, 0.18, len(values)), s=12, color="#9a9a9a", alpha=0.7,
                       linewidths=0, rasterized=len(values) > RASTER_POINTS)
            stats = comparison[(comparison["measure"] == key) & (comparison["source_a"].astype(str) == a)
                               & (comparison["source_b"].astype(str) == b)]
            if len(stats):
                row = stats.iloc[0]
                if np.isfinite(row["low"]):
                    ax.plot([row["low"] * m.scale, row["high"] * m.scale], [y, y], color="#000000", linewidth=2.2)
                ax.plot([row["mean_difference"] * m.scale], [y], "D", color="#000000", markersize=6)
        ax.axvline(0, color="#D55E00", linewidth=1)
        shared = differences[differences["measure"] == key].groupby(
            [differences["source_a"].astype(str), differences["source_b"].astype(str)]).size()
        counts = [int(shared.get((a, b), 0)) for a, b in pairs]
        ax.set_yticks(range(len(pairs)), [f"{a} − {b}\n({n} event{'' if n == 1 else 's'})"
                                          for (a, b), n in zip(pairs, counts)])
        ax.set_ylim(-0.6, len(pairs) - 0.4)
        top_down(ax)
        ax.set_title(m.label, loc="left", fontsize=9)
        unit = m.unit if m.unit != "compound" else "VADER compound"
        ax.set_xlabel(f"difference, {unit}\n(right of the line: first source higher)")  # two lines: panels sit close
    return finish(fig, "Within-event differences between sources: one dot per shared event, mean and 95% interval")
