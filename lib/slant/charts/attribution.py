"""Attribution: who speaks, and the register of the verbs that report them (per source, per actor)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .style import (empty_figure, finish, foot_note, keyed_panels, panels, source_colors, source_order,
                    source_panel, sourcing_note, top_down)

NO_ACTOR = "(no actor)"  # compare.register_by_actor's label for speakers of no known actor


def speakers_by_source(speakers: pd.DataFrame, *, top: int = 10, embedded: dict[str, int] | None = None,
                       negated: dict[str, int] | None = None) -> Figure:
    """Attributions per speaker, one panel per source (``compare.speaker_counts``).

    ``embedded`` and ``negated``: embedded social posts and negated speech acts left out, per source
    (``compare.embedded_attributions``, ``compare.negated_attributions``), said at the foot of the figure.
    """
    if speakers.empty:
        return empty_figure("Who is quoted or paraphrased", "No attributions found.")
    sources = source_order(speakers)
    colors = source_colors(sources)
    longest = max(len(speakers[speakers["source"] == s].head(top)) for s in sources) or 1
    fig, axes = panels(len(sources), width=5.0, height=0.32 * longest + 1.3, sharey=False)
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
        source_panel(ax, source, colors[source], "attributions (statements, quotes, paraphrases)")
    foot_note(fig, sourcing_note(embedded, negated))
    return finish(fig, "Who is given a voice: attributions per speaker (actor in brackets)")


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


def register_by_source(registers: pd.DataFrame, *, embedded: dict[str, int] | None = None,
                       negated: dict[str, int] | None = None) -> Figure:
    """Share of each reporting-verb register per source, as labelled 100% bars (``compare.register_counts``).

    ``embedded``, ``negated``: embedded social posts and negated speech acts left out, per source, said at the foot.
    """
    if registers.empty:
        return empty_figure("Reporting verbs", "No attributions found.")
    sources = source_order(registers)
    fig, (ax,), key = keyed_panels(1, 0.75, width=9, height=0.7 * len(sources) + 1.2)
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
    top_down(ax)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("share of the source's attributions (number of attributions in each segment)")
    ax.grid(axis="y", visible=False)
    fig.suptitle("How speech is reported: register of the reporting verb (count in each segment)", x=0.01, ha="left")
    _register_key(key, registers["register"])
    foot_note(fig, sourcing_note(embedded, negated))
    plt.close(fig)
    return fig


def register_by_actor_chart(table: pd.DataFrame, *, embedded: dict[str, int] | None = None,
                            negated: dict[str, int] | None = None) -> Figure:
    """Who gets "warned" and who gets "begged": register of the verbs for each actor's speakers, one panel per source.

    ``embedded``, ``negated``: embedded social posts and negated speech acts left out, per source, said at the foot.
    Speakers of no known actor (``(no actor)``, most of a corpus's speakers) are not drawn: their bar would set
    the scale and leave the actors' bars too short to read; the table keeps them.
    """
    table = table[table["actor"] != NO_ACTOR]
    if table.empty:
        return empty_figure("Reporting verbs by actor", "No speaker stands for a known actor.")
    sources = source_order(table)
    colors = source_colors(sources)
    actors = sorted(table["actor"].unique(), key=lambda a: -table[table["actor"] == a]["n_attributions"].sum())
    fig, axes, key = keyed_panels(len(sources), 0.75, width=4.8, height=0.42 * len(actors) + 1.5)
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
        source_panel(ax, source, colors[source], "attributions to the actor's speakers")
    fig.suptitle("How each actor's speech is reported: attributions to its speakers by register of the reporting "
                 "verb (count in each segment, total at the end)", x=0.01, ha="left")
    _register_key(key, table["register"])
    foot_note(fig, "Speakers of no known actor are not shown. " + sourcing_note(embedded, negated))
    plt.close(fig)
    return fig
