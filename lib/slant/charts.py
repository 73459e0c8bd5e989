"""Every slant figure: DataFrame in, matplotlib Figure out.

One style, one colour-blind-safe palette (Okabe & Ito 2008), the same colour
for the same source in every figure (sources take colours in the order of the
corpus's source categories). Charts label sources in panel titles or on the
axis, not in a legend. Functions never call ``plt.show()``: they close the
figure before returning it, and the caller displays or saves it.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .readability import READABILITY_MEASURES  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STYLE = {
    "figure.dpi": 100, "savefig.dpi": 150, "font.size": 10, "axes.titlesize": 11, "axes.titleweight": "bold",
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
    "axes.axisbelow": True, "svg.fonttype": "none", "figure.titlesize": 12, "figure.titleweight": "bold",
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


def _panels(n: int, *, width: float = 4.2, height: float = 3.2, sharey: bool = True, sharex: bool = False):
    columns = min(n, 3)
    rows = int(np.ceil(n / columns))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(rows, columns, figsize=(width * columns, height * rows), squeeze=False,
                                 sharey=sharey, sharex=sharex, layout="constrained")
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def _keyed_panels(n: int, key_height: float, *, width: float = 4.2, height: float = 3.2, sharey: bool = True):
    """`_panels` under a band of ``key_height`` inches for a colour key (so the key sits under the title)."""
    columns = min(n, 3)
    rows = int(np.ceil(n / columns))
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(width * columns, height * rows + key_height), layout="constrained")
        key, body = fig.subfigures(2, 1, height_ratios=[key_height, height * rows])
        axes = body.subplots(rows, columns, squeeze=False, sharey=sharey)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n]), key


def _top_down(ax) -> None:
    """First row at the top (idempotent, so shared axes are not flipped twice)."""
    if not ax.yaxis_inverted():
        ax.invert_yaxis()


def _source_panel(ax, source: str, color: str, xlabel: str) -> None:
    """A per-source panel: the source as title in its colour, the unit on x, first row on top."""
    ax.set_title(source, color=color, loc="left")
    ax.set_xlabel(xlabel)
    _top_down(ax)
    ax.grid(axis="y", visible=False)


def _finish(fig: Figure, title: str) -> Figure:
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


def _note(fig: Figure, text: str) -> None:
    """A grey line at the foot of the figure (what is left out, how to read it)."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="#555555", fontweight="normal")


def _empty(title: str, message: str) -> Figure:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7, 1.6), layout="constrained")
    ax.axis("off")
    ax.set_title(title, loc="left")
    ax.text(0.0, 0.4, message, transform=ax.transAxes, fontsize=10, color="#444444")
    plt.close(fig)
    return fig


def loaded_density_by_category(density: pd.DataFrame, *, voice: str = "outlet") -> Figure:
    """Loaded terms per 1,000 words by category, one panel per source (``compare.term_density``)."""
    data = density[density["voice"] == voice]
    title = "Loaded wording in the outlet's own voice" if voice == "outlet" else "Loaded wording inside quotations"
    if data.empty:
        return _empty(title, "No loaded terms found.")
    sources = source_order(data)
    colors = source_colors(sources)
    labels = sorted(data["label"].unique(), key=lambda label: -data[data["label"] == label]["terms_per_1000_words"].sum())
    fig, axes = _panels(len(sources), height=0.35 * len(labels) + 1.3)
    limit = max(1.0, float(data["terms_per_1000_words"].max()) * 1.25)
    for ax, source in zip(axes, sources):
        rows = data[data["source"] == source].set_index("label").reindex(labels)
        values = rows["terms_per_1000_words"].fillna(0).to_numpy()
        ax.barh(labels, values, color=colors[source])
        for y, (value, count) in enumerate(zip(values, rows["n_terms"].fillna(0).astype(int))):
            if count:
                ax.text(value, y, f" {value:.1f} ({count})", va="center", fontsize=8)
        ax.set_xlim(0, limit)
        _source_panel(ax, source, colors[source], "terms per 1,000 words")
    return _finish(fig, f"{title}, by category (count in brackets)")


def sentiment_by_source(sentences: pd.DataFrame) -> Figure:
    """Each own-voice sentence's VADER compound as a dot, one row per source, mean marked."""
    own = sentences[sentences["voice"] == "outlet"]
    if own.empty:
        return _empty("Sentence sentiment", "No sentences.")
    sources = source_order(own)
    colors = source_colors(sources)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8, 0.9 * len(sources) + 1.6), layout="constrained")
    rng = np.random.default_rng(0)  # fixed jitter: the same figure on every run
    ax.axvspan(-1, -0.05, color="#D55E00", alpha=0.06)
    ax.axvspan(0.05, 1, color="#009E73", alpha=0.06)
    for y, source in enumerate(sources):
        values = own[own["source"] == source]["compound"].to_numpy()
        if not len(values):
            continue
        ax.scatter(values, y + rng.uniform(-0.18, 0.18, len(values)), s=28, color=colors[source], alpha=0.8,
                   edgecolor="white", linewidth=0.5)
        ax.plot([values.mean()] * 2, [y - 0.3, y + 0.3], color="black", linewidth=2)
        ax.text(values.mean(), y + 0.34, f"mean {values.mean():+.2f}", ha="center", fontsize=8)
    ax.set_yticks(range(len(sources)), sources)
    ax.set_ylim(-0.6, len(sources) - 0.3)
    _top_down(ax)
    ax.set_xlim(-1.05, 1.05)
    ax.axvline(0, color="#888888", linewidth=0.8)
    ax.set_xlabel("VADER compound score per sentence (−1 most negative … +1 most positive)")
    ax.text(-1.0, -0.55, "negative", color="#D55E00", fontsize=8, va="bottom")
    ax.text(1.0, -0.55, "positive", color="#009E73", fontsize=8, va="bottom", ha="right")
    ax.set_title("Sentiment of each sentence in the outlet's own voice (one dot per sentence; bar = mean)", loc="left")
    plt.close(fig)
    return fig


def speakers_by_source(speakers: pd.DataFrame, *, top: int = 10, embedded: dict[str, int] | None = None) -> Figure:
    """Attributions per speaker, one panel per source (``compare.speaker_counts``).

    ``embedded``: embedded social posts left out, per source
    (``compare.embedded_attributions``), said at the foot of the figure.
    """
    if speakers.empty:
        return _empty("Who is quoted or paraphrased", "No attributions found.")
    sources = source_order(speakers)
    colors = source_colors(sources)
    longest = max(len(speakers[speakers["source"] == s].head(top)) for s in sources) or 1
    fig, axes = _panels(len(sources), width=5.0, height=0.32 * longest + 1.3, sharey=False)
    # one scale for every panel, so that bars of different sources compare
    limit = max(1, int(speakers.groupby("source", observed=True).head(top)["n_attributions"].max())) * 1.15
    for ax, source in zip(axes, sources):
        rows = speakers[speakers["source"] == source].head(top)
        labels = [f"{s} ({a})" if a not in ("(no actor)", s) else s for s, a in zip(rows["speaker"], rows["actor"])]
        ax.barh(labels, rows["n_attributions"], color=colors[source])
        for y, n in enumerate(rows["n_attributions"]):
            ax.text(n, y, f" {int(n)}", va="center", fontsize=8)
        ax.set_xlim(0, limit)
        ax.xaxis.get_major_locator().set_params(integer=True)
        _source_panel(ax, source, colors[source], "attributions (statements, quotes, paraphrases)")
    _note(fig, embeds_note(embedded))
    return _finish(fig, "Who is given a voice: attributions per speaker (actor in brackets)")


REGISTER_COLORS = {"neutral": "#BBBBBB", "assertive": "#0072B2", "tentative": "#56B4E9", "distancing": "#E69F00",
                   "emotive": "#D55E00", "internal_state": "#CC79A7", "unknown": "#EEEEEE"}
# The key's words for each register: its name and the verbs a reader knows it by (reporting_verbs.yaml).
REGISTER_KEY = {"neutral": "neutral (said, told)", "assertive": "assertive (warned, stressed)",
                "tentative": "tentative (hinted, suggested)", "distancing": "distancing (claimed, alleged)",
                "emotive": "emotive (begged, complained)", "internal_state": "internal state (believes, fears)",
                "unknown": "unclassified verb"}
DARK_REGISTERS = ("assertive", "emotive")  # white text on these colours


def _register_key(where, present) -> None:
    """The colour key of the registers present, each with example verbs, in ``where`` (the band under the title)."""
    from matplotlib.patches import Patch

    shown = [r for r in REGISTER_COLORS if r in set(present)]
    handles = [Patch(facecolor=REGISTER_COLORS[r], edgecolor="#999999", linewidth=0.5, label=REGISTER_KEY[r])
               for r in shown]
    columns = len(handles) if len(handles) <= 3 else -(-len(handles) // 2)  # one row, or two even ones
    where.legend(handles=handles, loc="upper left", ncols=max(1, columns), frameon=False, fontsize=8,
                 handlelength=1.2, columnspacing=1.5, title="Colour = register of the reporting verb",
                 title_fontsize=8, alignment="left", borderaxespad=0)


def register_by_source(registers: pd.DataFrame, *, embedded: dict[str, int] | None = None) -> Figure:
    """Share of each reporting-verb register per source, as labelled 100% bars (``compare.register_counts``).

    ``embedded``: embedded social posts left out, per source, said at the foot.
    """
    if registers.empty:
        return _empty("Reporting verbs", "No attributions found.")
    sources = source_order(registers)
    fig, (ax,), key = _keyed_panels(1, 0.75, width=9, height=0.7 * len(sources) + 1.2)
    for y, source in enumerate(sources):
        left = 0.0
        rows = registers[registers["source"] == source].set_index("register")
        for register, color in REGISTER_COLORS.items():
            if register not in rows.index:
                continue
            share, n = float(rows.loc[register, "share"]), int(rows.loc[register, "n_attributions"])
            ax.barh(y, share, left=left, color=color, edgecolor="white")
            # every segment shows its count; its register's name too where it fits (the key names the rest)
            label = f"{register.replace('_', ' ')}\n{n}" if share >= 0.07 else f"{n}"
            ax.text(left + share / 2, y, label, ha="center", va="center", fontsize=8,
                    color="white" if register in DARK_REGISTERS else "black")
            left += share
        ax.text(1.0, y, f" {int(rows['n_attributions'].sum())} in all", va="center", fontsize=8, fontweight="bold")
    ax.set_yticks(range(len(sources)), sources)
    _top_down(ax)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("share of the source's attributions (number of attributions in each segment)")
    ax.grid(axis="y", visible=False)
    fig.suptitle("How speech is reported: register of the reporting verb (count in each segment)", x=0.01, ha="left")
    _register_key(key, registers["register"])
    _note(fig, embeds_note(embedded))
    plt.close(fig)
    return fig


def readability_by_source(readability: pd.DataFrame) -> Figure:
    """Each textstat measure side by side, one panel per measure, mean over a source's articles."""
    if readability.empty:
        return _empty("Readability", "No articles.")
    sources = source_order(readability)
    colors = source_colors(sources)
    means = readability.groupby("source", observed=False)[list(READABILITY_MEASURES)].mean()
    fig, axes = _panels(len(READABILITY_MEASURES), width=3.6, height=2.2 + 0.25 * len(sources), sharey=True)
    for ax, (column, (_, label, unit)) in zip(axes, READABILITY_MEASURES.items()):
        values = [means.loc[s, column] if s in means.index else np.nan for s in sources]
        ax.barh(sources, values, color=[colors[s] for s in sources])
        for y, value in enumerate(values):
            if not np.isnan(value):
                ax.text(value, y, f" {value:.1f}", va="center", fontsize=8)
        ax.set_title(label, loc="left")
        ax.set_xlabel(unit, fontsize=8)
        ax.set_xlim(0, max(1.0, np.nanmax(values) * 1.3) if not np.all(np.isnan(values)) else 1)
        _top_down(ax)
        ax.grid(axis="y", visible=False)
    return _finish(fig, "Readability (textstat), mean over each source's articles")


def heatmap(matrix: pd.DataFrame, *, title: str, unit: str, diverging: bool = False, fmt: str = "{:.0f}",
            note: str | None = None) -> Figure:
    """A rows × columns table as an annotated heatmap (e.g. actor × source).

    Every cell shows its value, so no colour scale has to be decoded; empty
    cells (no data) are left blank. ``diverging`` centres the colours on zero
    (for sentiment). ``note``: a line at the foot (what is left out).
    """
    if matrix.empty:
        return _empty(title, "Nothing to show.")
    values = matrix.astype(float).to_numpy()
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(1.6 * matrix.shape[1] + 3, 0.45 * matrix.shape[0] + 1.6), layout="constrained")
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
    if note:
        _note(fig, note)
    plt.close(fig)
    return fig


def distinctive_words_chart(words: pd.DataFrame) -> Figure:
    """The most distinctive words of each source (Monroe et al. z-scores), one panel per source."""
    if words.empty:
        return _empty("Distinctive words", "Needs two sources or more.")
    sources = source_order(words)
    colors = source_colors(sources)
    longest = max(len(words[words["source"] == s]) for s in sources) or 1
    fig, axes = _panels(len(sources), height=0.3 * longest + 1.4, sharey=False)
    limit = max(2.2, float(words["z"].max()) * 1.15)
    for ax, source in zip(axes, sources):
        rows = words[words["source"] == source]
        ax.barh([f"{w} ({c})" for w, c in zip(rows["word"], rows["count"])], rows["z"], color=colors[source])
        ax.axvline(1.96, color="#888888", linestyle="--", linewidth=0.8)
        ax.text(1.96, -0.7, " z = 1.96", fontsize=7, color="#666666", va="bottom")
        ax.set_xlim(0, limit)
        _source_panel(ax, _contribution(source, rows), colors[source],
                      "z-score of the log-odds against the other sources")
    return _finish(fig, "Words each source uses more than the others (count in brackets; right of the dashed line: "
                 "beyond chance at 95%)")


def _contribution(source: str, rows: pd.DataFrame) -> str:
    """A panel title with what the source contributes: "fox: 40 articles, 23,114 words" (words as counted)."""
    if rows.empty or "source_articles" not in rows:
        return source
    articles, counted = int(rows["source_articles"].iloc[0]), int(rows["source_words"].iloc[0])
    return f"{source}: {articles:,} article{'s' if articles != 1 else ''}, {counted:,} words"



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


def sentiment_arc(sentences: pd.DataFrame) -> Figure:
    """Sentence sentiment along each article (0 = first sentence, 1 = last).

    One line per article for a small corpus; past ``MAX_ARC_LINES`` articles,
    one panel per source with the median and the middle half (25th-75th
    percentile) of its sentences in each tenth of the article, so the chart
    stays readable at any size.
    """
    own = sentences[sentences["voice"] == "outlet"]
    if own.empty:
        return _empty("Sentiment along the article", "No sentences.")
    sources = source_order(own)
    colors = source_colors(sources)
    own = own.sort_values(["article_id", "start"])
    own = own.assign(position=_arc_positions(own))
    if own["article_id"].nunique() > MAX_ARC_LINES:
        return _sentiment_arc_by_source(own, sources, colors)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
    _arc_axes(ax)
    for _, group in own.groupby("article_id", sort=False):
        source = str(group["source"].iloc[0])
        ax.plot(group["position"], group["compound"], marker="o", markersize=3, linewidth=1.4,
                color=colors[source], alpha=0.85)
        ax.text(group["position"].iloc[-1], group["compound"].iloc[-1], f" {source}", color=colors[source],
                fontsize=8, va="center")
    ax.set_xlim(-0.02, 1.15)
    ax.set_ylabel("VADER compound")
    ax.set_title("Sentiment along each article (one line per article, coloured by source)", loc="left")
    plt.close(fig)
    return fig


def _sentiment_arc_by_source(own: pd.DataFrame, sources: list[str], colors: dict[str, str]) -> Figure:
    """One panel per source: median sentence sentiment per tenth of the article, and the middle half as a band."""
    own = own.assign(bin=np.minimum(ARC_BINS - 1, (own["position"] * ARC_BINS).astype(int)))
    centres = (np.arange(ARC_BINS) + 0.5) / ARC_BINS
    fig, axes = _panels(len(sources), width=3.6, height=2.6, sharex=True)
    for ax, source in zip(axes, sources):
        rows = own[own["source"] == source]
        stats = rows.groupby("bin")["compound"].quantile([0.25, 0.5, 0.75]).unstack().reindex(range(ARC_BINS))
        _arc_axes(ax, "position (0 = first sentence, 1 = last)")
        ax.fill_between(centres, stats[0.25], stats[0.75], color=colors[source], alpha=0.25, linewidth=0)
        ax.plot(centres, stats[0.5], marker="o", markersize=3, linewidth=1.8, color=colors[source])
        ax.set_title(f"{source} ({rows['article_id'].nunique():,} articles)", color=colors[source], loc="left")
    axes[0].set_ylabel("VADER compound")
    return _finish(fig, "Sentiment along the article: median of each tenth (line) and middle half of its "
                        "sentences (band)")


def intervals_chart(intervals: pd.DataFrame) -> Figure:
    """Per-source measures with 95% bootstrap intervals, one panel per measure (``compare.bootstrap_intervals``)."""
    if intervals.empty:
        return _empty("Per-source measures", "No data.")
    sources = source_order(intervals)
    colors = source_colors(sources)
    measures = list(dict.fromkeys(intervals["measure"]))
    fig, axes = _panels(len(measures), width=4.2, height=0.5 * len(sources) + 1.6)
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
        _top_down(ax)
        # the value axis always includes zero, so that a difference is seen at its true size
        finite = rows[["value", "low", "high"]].to_numpy(dtype=float)
        finite = finite[np.isfinite(finite)]
        low, high = min(0.0, *finite) if finite.size else 0.0, max(0.0, *finite) if finite.size else 1.0
        pad = 0.06 * ((high - low) or 1.0)
        ax.set_xlim(low - (pad if low < 0 else 0), high + (pad if high > 0 or low == high else 0))
        ax.axvline(0, color="#888888", linewidth=0.8)
        ax.set_title(measure, loc="left", fontsize=9)
    return _finish(fig, "Per-source measures with 95% bootstrap intervals over articles")


def register_by_actor_chart(table: pd.DataFrame, *, embedded: dict[str, int] | None = None) -> Figure:
    """Who gets "warned" and who gets "begged": register of the verbs for each actor's speakers, one panel per source.

    ``embedded``: embedded social posts left out, per source, said at the foot.
    """
    if table.empty:
        return _empty("Reporting verbs by actor", "No attributions found.")
    sources = source_order(table)
    colors = source_colors(sources)
    actors = sorted(table["actor"].unique(), key=lambda a: -table[table["actor"] == a]["n_attributions"].sum())
    fig, axes, key = _keyed_panels(len(sources), 0.75, width=4.8, height=0.42 * len(actors) + 1.5)
    limit = table.groupby(["source", "actor"], observed=True)["n_attributions"].sum().max()
    width = max(1, limit) * 1.12  # room for the total after the longest bar
    for ax, source in zip(axes, sources):
        rows = table[table["source"] == source]
        left = np.zeros(len(actors))
        for register, color in REGISTER_COLORS.items():
            values = np.array([rows[(rows["actor"] == a) & (rows["register"] == register)]["n_attributions"].sum()
                               for a in actors], dtype=float)
            if not values.any():
                continue
            ax.barh(actors, values, left=left, color=color, edgecolor="white")
            for y, (start, value) in enumerate(zip(left, values)):
                if value:  # the count in the segment; the register's name too where it fits
                    name = register.replace("_", " ")
                    label = f"{name} {int(value)}" if value / width >= 0.021 * (len(name) + 3) else f"{int(value)}"
                    ax.text(start + value / 2, y, label, ha="center", va="center", fontsize=7,
                            color="white" if register in DARK_REGISTERS else "black")
            left += values
        for y, total in enumerate(left):
            if total:
                ax.text(total, y, f" {int(total)}", va="center", fontsize=8, fontweight="bold")
        ax.set_xlim(0, width)
        ax.xaxis.get_major_locator().set_params(integer=True)
        _source_panel(ax, source, colors[source], "attributions to the actor's speakers")
    fig.suptitle("How each actor's speech is reported: attributions to its speakers by register of the reporting "
                 "verb (count in each segment, total at the end)", x=0.01, ha="left")
    _register_key(key, table["register"])
    _note(fig, embeds_note(embedded))
    plt.close(fig)
    return fig


PAIRED_CHART_MEASURES = ("loaded_own_per_1000", "share_negative", "share_non_neutral_verbs")


def paired_differences_chart(differences: pd.DataFrame, comparison: pd.DataFrame, *,
                             measures: tuple[str, ...] = PAIRED_CHART_MEASURES) -> Figure:
    """Within-event differences A − B, one row per source pair and one panel per measure.

    One grey dot per shared event (``compare.paired_differences``); the black
    diamond is the mean difference and the bar its 95% interval over events
    (``compare.paired_comparison``; no bar below five shared events). Right of
    the zero line, the first source of the pair is higher.
    """
    from .compare.paired import MEASURES_BY_KEY

    measures = tuple(m for m in measures if m in set(differences["measure"]))
    if differences.empty or not measures:
        return _empty("Within-event differences between sources", "No event was covered by two sources.")
    pairs = list(dict.fromkeys(zip(differences["source_a"].astype(str), differences["source_b"].astype(str))))
    fig, axes = _panels(len(measures), width=4.4, height=0.75 * len(pairs) + 1.5)
    rng = np.random.default_rng(0)  # jitter only: the same picture every run
    for ax, key in zip(axes, measures):
        m = MEASURES_BY_KEY[key]
        for y, (a, b) in enumerate(pairs):
            rows = differences[(differences["measure"] == key) & (differences["source_a"].astype(str) == a)
                               & (differences["source_b"].astype(str) == b)]
            values = rows["difference"].to_numpy(dtype=float) * m.scale
            ax.scatter(values, y + rng.uniform(-0.18, 0.18, len(values)), s=12, color="#9a9a9a", alpha=0.7,
                       linewidths=0)
            stats = comparison[(comparison["measure"] == key) & (comparison["source_a"].astype(str) == a)
                               & (comparison["source_b"].astype(str) == b)]
            if len(stats):
                row = stats.iloc[0]
                if np.isfinite(row["low"]):
                    ax.plot([row["low"] * m.scale, row["high"] * m.scale], [y, y], color="#000000", linewidth=2.2)
                ax.plot([row["mean_difference"] * m.scale], [y], "D", color="#000000", markersize=6)
        ax.axvline(0, color="#D55E00", linewidth=1)
        ax.set_yticks(range(len(pairs)), [f"{a} − {b}\n({len(differences[(differences['measure'] == key) & (differences['source_a'].astype(str) == a) & (differences['source_b'].astype(str) == b)])} events)" for a, b in pairs])
        ax.set_ylim(-0.6, len(pairs) - 0.4)
        _top_down(ax)
        ax.set_title(m.label, loc="left", fontsize=9)
        unit = m.unit if m.unit != "compound" else "VADER compound"
        ax.set_xlabel(f"difference, {unit} (right of the line: first source higher)")
    return _finish(fig, "Within-event differences between sources: one dot per shared event, mean and 95% interval")
