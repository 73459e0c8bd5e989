"""Sentence sentiment: every sentence per source, and its arc along the article."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .style import (RASTER_POINTS, empty_figure, figure_axes, finish, panels,
                    source_colors, source_order, top_down)


def sentiment_by_source(sentences: pd.DataFrame, *, ax=None) -> Figure:
    """Each own-voice sentence's VADER compound as a dot, one row per source, mean marked (``ax``: draw there)."""
    own = sentences[sentences["voice"] == "outlet"]
    if own.empty:
        return empty_figure("Sentence sentiment", "No sentences.")
    sources = source_order(own)
    colors = source_colors(sources)
    fig, ax, owned = figure_axes(ax, (8, 0.9 * len(sources) + 1.6))
    rng = np.random.default_rng(0)  # fixed jitter: the same figure on every run
    ax.axvspan(-1, -0.05, color="#D55E00", alpha=0.06)
    ax.axvspan(0.05, 1, color="#009E73", alpha=0.06)
    for y, source in enumerate(sources):
        values = own[own["source"] == source]["compound"].to_numpy()
        if not len(values):
            continue
        ax.scatter(values, y + rng.uniform(-0.18, 0.18, len(values)), s=28, color=colors[source], alpha=0.8,
                   edgecolor="white", linewidth=0.5, rasterized=len(values) > RASTER_POINTS)
        ax.plot([values.mean()] * 2, [y - 0.3, y + 0.3], color="black", linewidth=2)
        ax.text(values.mean(), y + 0.34, f"mean {values.mean():+.2f}", ha="center", fontsize=8)
    ax.set_yticks(range(len(sources)), sources)
    ax.set_ylim(-0.6, len(sources) - 0.3)
    top_down(ax)
    ax.set_xlim(-1.05, 1.05)
    ax.axvline(0, color="#888888", linewidth=0.8)
    ax.set_xlabel("VADER compound score per sentence (−1 most negative … +1 most positive)")
    ax.text(-1.0, -0.55, "negative", color="#D55E00", fontsize=8, va="bottom")
    ax.text(1.0, -0.55, "positive", color="#009E73", fontsize=8, va="bottom", ha="right")
    ax.set_title("Sentiment of each sentence in the outlet's own voice (one dot per sentence; bar = mean)", loc="left")
    if owned:
        plt.close(fig)
    return fig


# Past this many articles, one line each is a tangle: the arc shows each source's median and middle half instead.
MAX_ARC_LINES = 12
ARC_BINS = 10


def _arc_positions(own: pd.DataFrame) -> np.ndarray:
    """Each sentence's position in its article, 0 = first, 1 = last (0.5 for a one-sentence article)."""
    order = own.groupby("article_id", sort=False).cumcount().to_numpy()
    count = own.groupby("article_id", sort=False)["start"].transform("size").to_numpy()
    return np.where(count > 1, order / np.maximum(1, count - 1), 0.5)


def _arc_axes(ax, xlabel: str = "position in the article (0 = first sentence, 1 = last)") -> None:
    ax.axhline(0, color="#888888", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(xlabel)


def sentiment_arc(sentences: pd.DataFrame, *, ax=None) -> Figure:
    """Sentence sentiment along each article (0 = first sentence, 1 = last).

    One line per article for a small corpus; past ``MAX_ARC_LINES`` articles,
    one panel per source with the median and the middle half (25th-75th
    percentile) of its sentences in each tenth of the article, so the chart
    stays readable at any size (on the caller's ``ax``, the sources share it).
    """
    own = sentences[sentences["voice"] == "outlet"]
    if own.empty:
        return empty_figure("Sentiment along the article", "No sentences.")
    sources = source_order(own)
    colors = source_colors(sources)
    own = own.sort_values(["article_id", "start"])
    own = own.assign(position=_arc_positions(own))
    if own["article_id"].nunique() > MAX_ARC_LINES and ax is None:
        return _sentiment_arc_by_source(own, sources, colors)
    fig, ax, owned = figure_axes(ax, (9, 3.8))
    _arc_axes(ax)
    if own["article_id"].nunique() > MAX_ARC_LINES:
        for source in sources:
            rows = own[own["source"] == source]
            _arc_band(ax, rows, colors[source])
            ax.text(1.0, _arc_bins(rows)[0.5].dropna().iloc[-1] if rows["compound"].notna().any() else 0,
                    f" {source}", color=colors[source], fontsize=8, va="center")
        ax.set_xlim(-0.02, 1.15)
        ax.set_ylabel("VADER compound")
        ax.set_title("Sentiment along the article: median of each tenth per source, middle half as a band", loc="left")
        return fig
    for _, group in own.groupby("article_id", sort=False):
        source = str(group["source"].iloc[0])
        ax.plot(group["position"], group["compound"], marker="o", markersize=3, linewidth=1.4,
                color=colors[source], alpha=0.85)
        ax.text(group["position"].iloc[-1], group["compound"].iloc[-1], f" {source}", color=colors[source],
                fontsize=8, va="center")
    ax.set_xlim(-0.02, 1.15)
    ax.set_ylabel("VADER compound")
    ax.set_title("Sentiment along each article (one line per article, coloured by source)", loc="left")
    if owned:
        plt.close(fig)
    return fig


def _arc_bins(rows: pd.DataFrame) -> pd.DataFrame:
    """25th, 50th and 75th percentile of the sentences' compound in each tenth of the article."""
    bins = np.minimum(ARC_BINS - 1, (rows["position"] * ARC_BINS).astype(int))
    return rows.groupby(bins)["compound"].quantile([0.25, 0.5, 0.75]).unstack().reindex(range(ARC_BINS))


def _arc_band(ax, rows: pd.DataFrame, color: str) -> None:
    """A source's median per tenth of the article as a line, its middle half as a band."""
    stats, centres = _arc_bins(rows), (np.arange(ARC_BINS) + 0.5) / ARC_BINS
    ax.fill_between(centres, stats[0.25], stats[0.75], color=color, alpha=0.25, linewidth=0)
    ax.plot(centres, stats[0.5], marker="o", markersize=3, linewidth=1.8, color=color)


def _sentiment_arc_by_source(own: pd.DataFrame, sources: list[str], colors: dict[str, str]) -> Figure:
    """One panel per source: median sentence sentiment per tenth of the article, and the middle half as a band."""
    fig, axes = panels(len(sources), width=3.6, height=2.6, sharex=True)
    for ax, source in zip(axes, sources):
        rows = own[own["source"] == source]
        _arc_axes(ax, "position (0 = first sentence, 1 = last)")
        _arc_band(ax, rows, colors[source])
        ax.set_title(f"{source} ({rows['article_id'].nunique():,} articles)", color=colors[source], loc="left")
    axes[0].set_ylabel("VADER compound")
    return finish(fig, "Sentiment along the article: median of each tenth (line) and middle half of its "
                        "sentences (band)")
