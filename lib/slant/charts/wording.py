"""Loaded wording and vocabulary: density by category, distinctive words (one panel per source)."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .style import empty_figure, finish, panels, source_colors, source_order, source_panel


def loaded_density_by_category(density: pd.DataFrame, *, voice: str = "outlet") -> Figure:
    """Loaded terms per 1,000 words by category, one panel per source (``compare.term_density``)."""
    data = density[density["voice"] == voice]
    title = "Loaded wording in the outlet's own voice" if voice == "outlet" else "Loaded wording inside quotations"
    if data.empty:
        return empty_figure(title, "No loaded terms found.")
    sources = source_order(data)
    colors = source_colors(sources)
    labels = sorted(data["label"].unique(), key=lambda label: -data[data["label"] == label]["terms_per_1000_words"].sum())
    fig, axes = panels(len(sources), height=0.35 * len(labels) + 1.3)
    limit = max(1.0, float(data["terms_per_1000_words"].max()) * 1.25)
    for ax, source in zip(axes, sources):
        rows = data[data["source"] == source].set_index("label").reindex(labels)
        values = rows["terms_per_1000_words"].fillna(0).to_numpy()
        ax.barh(labels, values, color=colors[source])
        for y, (value, count) in enumerate(zip(values, rows["n_terms"].fillna(0).astype(int))):
            if count:
                ax.text(value, y, f" {value:.1f} ({count})", va="center", fontsize=8)
        ax.set_xlim(0, limit)
        source_panel(ax, source, colors[source], "terms per 1,000 words")
    return finish(fig, f"{title}, by category (count in brackets)")


def distinctive_words_chart(words: pd.DataFrame) -> Figure:
    """The most distinctive words of each source (Monroe et al. z-scores), one panel per source."""
    if words.empty:
        return empty_figure("Distinctive words", "Needs two sources or more.")
    sources = source_order(words)
    colors = source_colors(sources)
    longest = max(len(words[words["source"] == s]) for s in sources) or 1
    fig, axes = panels(len(sources), height=0.3 * longest + 1.4, sharey=False)
    limit = max(2.2, float(words["z"].max()) * 1.15)
    for ax, source in zip(axes, sources):
        rows = words[words["source"] == source]
        ax.barh([f"{w} ({c})" for w, c in zip(rows["word"], rows["count"])], rows["z"], color=colors[source])
        ax.axvline(1.96, color="#888888", linestyle="--", linewidth=0.8)
        ax.text(1.96, -0.7, " z = 1.96", fontsize=7, color="#666666", va="bottom")
        ax.set_xlim(0, limit)
        source_panel(ax, _contribution(source, rows), colors[source],
                      "z-score of the log-odds against the other sources")
    return finish(fig, "Words each source uses more than the others (count in brackets; right of the dashed line: "
                 "beyond chance at 95%)")


def _contribution(source: str, rows: pd.DataFrame) -> str:
    """A panel title with what the source contributes: "fox: 40 articles, 23,114 words" (words as counted)."""
    if rows.empty or "source_articles" not in rows:
        return source
    articles, counted = int(rows["source_articles"].iloc[0]), int(rows["source_words"].iloc[0])
    return f"{source}: {articles:,} article{'s' if articles != 1 else ''}, {counted:,} words"
