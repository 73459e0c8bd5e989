"""Paired comparison of sources across events: the headline numbers.

Outlets choose which stories to cover, so a per-source mean mixes wording with
story choice. Here every measure is computed per event and source (pooled over
that source's articles on the event), and each pair of sources is compared on
the events both covered: in how many A is above B, the mean within-event
difference A − B, and a 95% percentile bootstrap interval that resamples
events (not articles or sentences). A pair with fewer than
``MIN_EVENTS_FOR_INTERVAL`` shared events gets its counts and no interval.

Measures (`PAIRED_MEASURES`): loaded terms per 1,000 words in the outlet's own
voice and inside quotations (both over the article's words, embedded posts
excluded), share of negative own-voice sentences (VADER compound ≤ −0.05),
mean own-voice sentence compound (−1 to +1), share of vague sources and share
of non-neutral reporting verbs among the outlet's attributions.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from ..memo import per_results
from ..pipeline import Results, article_events
from ..sentiment import NEGATIVE_THRESHOLD
from .speech import outlet_sourcing


@dataclass(frozen=True)
class Measure:
    """A paired measure: its column, how a reader names it, its unit, and how a difference is printed."""

    key: str
    label: str
    unit: str
    fmt: str  # format of a difference in the unit, e.g. "{:+.1f}"
    more: str  # "A uses more loaded terms …": the comparative phrase for "higher"
    scale: float = 1.0  # value × scale is in the unit (shares are printed in percentage points)

    def show(self, value: float) -> str:
        """The value in the unit; a non-zero value that would print as zero shows its first digit ("+0.04")."""
        text = self.fmt.format(value * self.scale)
        if value and not text.strip("+-0."):  # an interval bound of +0.04 is not "+0.0"
            text = f"{value * self.scale:+.1g}"
        return text

    def value(self, value: float) -> str:
        """A value (not a difference) in the unit, as a table shows it: "3.9", "35.1", "-0.07"; blank when absent."""
        return "" if pd.isna(value) else self.fmt.replace("+", "").format(value * self.scale)

    @property
    def heading(self) -> str:
        """The label with its unit when a table shows the values: shares in percent."""
        return f"{self.label} (%)" if self.unit == "percentage points" else self.label


PAIRED_MEASURES = (
    Measure("loaded_own_per_1000", "loaded terms per 1,000 words, own voice", "per 1,000 words", "{:+.1f}",
            "uses more loaded terms in its own voice"),
    Measure("loaded_quoted_per_1000", "loaded terms per 1,000 words, in quotations", "per 1,000 words", "{:+.1f}",
            "quotes more loaded terms"),
    Measure("loaded_paraphrase_per_1000", "loaded terms per 1,000 words, in paraphrases of speakers",
            "per 1,000 words", "{:+.1f}", "paraphrases speakers with more loaded terms"),
    Measure("share_negative", "share of negative sentences, own voice", "percentage points", "{:+.1f}",
            "has a larger share of negative sentences", 100),
    Measure("mean_compound", "mean sentence sentiment (VADER compound, −1 to +1)", "compound", "{:+.2f}",
            "writes more positive sentences on average"),
    Measure("share_vague", "share of vague sources", "percentage points", "{:+.1f}",
            "relies more on vague sources", 100),
    Measure("share_non_neutral_verbs", "share of attributions with a non-neutral reporting verb",
            "percentage points", "{:+.1f}", "reports speech with more non-neutral verbs", 100),
)
MEASURES_BY_KEY = {m.key: m for m in PAIRED_MEASURES}
EVENT_MEASURE_COLUMNS = ["event", "source", "n_articles", "n_words", *(m.key for m in PAIRED_MEASURES)]
DIFFERENCE_COLUMNS = ["measure", "source_a", "source_b", "event", "value_a", "value_b", "difference"]
PAIRED_COLUMNS = ["measure", "label", "source_a", "source_b", "n_shared_events", "n_a_higher", "n_b_higher",
                  "n_ties", "mean_difference", "low", "high", "effect_size", "verdict", "note"]
MIN_EVENTS_FOR_INTERVAL = 5
NON_NEUTRAL_REGISTERS = ("assertive", "tentative", "distancing", "emotive")


def _share(flags: pd.Series) -> float:
    return float(flags.mean()) if len(flags) else float("nan")


@per_results
def event_source_measures(results: Results) -> pd.DataFrame:
    """One row per (event, source) with articles: every `PAIRED_MEASURES` value, pooled over those articles.

    A measure with nothing to measure (no attributions, no sentences) is NaN,
    and the event then counts as not shared for that measure.
    """
    event_of = article_events(results)
    articles = results.articles.assign(event=results.articles["id"].map(event_of))
    key = ["event", "source"]
    terms = results.terms[results.terms["loaded"].astype(bool)]
    terms = terms.assign(event=terms["article_id"].map(event_of))
    sentences = results.sentences[results.sentences["voice"] == "outlet"]
    sentences = sentences.assign(event=sentences["article_id"].map(event_of),
                                 negative=sentences["compound"] <= NEGATIVE_THRESHOLD)
    said = outlet_sourcing(results.attributions)
    said = said.assign(event=said["article_id"].map(event_of), vague=said["speaker_type"] == "vague",
                       non_neutral=said["register"].astype(str).isin(NON_NEUTRAL_REGISTERS))
    table = articles.groupby(key, observed=True).agg(n_articles=("id", "size"), n_words=("n_words_own_voice", "sum"))
    for voice, column in (("outlet", "loaded_own_per_1000"), ("quoted", "loaded_quoted_per_1000"),
                          ("paraphrase", "loaded_paraphrase_per_1000")):
        counts = terms[terms["voice"] == voice].groupby(key, observed=True).size()
        table[column] = 1000 * counts.reindex(table.index, fill_value=0) / table["n_words"].where(table["n_words"] > 0)
    by_sentence = sentences.groupby(key, observed=True)
    table["share_negative"] = by_sentence["negative"].mean()
    table["mean_compound"] = by_sentence["compound"].mean()
    by_attribution = said.groupby(key, observed=True)
    table["share_vague"] = by_attribution["vague"].mean()
    table["share_non_neutral_verbs"] = by_attribution["non_neutral"].mean()
    table = table.reset_index()
    table["source"] = table["source"].astype(results.articles["source"].dtype)
    return table[EVENT_MEASURE_COLUMNS].sort_values(key, kind="stable").reset_index(drop=True)


def source_pairs(sources: list[str]) -> list[tuple[str, str]]:
    """Every pair of sources once, in the corpus's source order."""
    return list(combinations(sources, 2))


def paired_differences(measures: pd.DataFrame, sources: list[str] | None = None) -> pd.DataFrame:
    """Per measure, source pair and shared event: both values and the difference A − B (DIFFERENCE_COLUMNS)."""
    sources = sources or list(measures["source"].cat.categories if hasattr(measures["source"], "cat")
                              else sorted(measures["source"].unique()))
    frames = []
    for m in PAIRED_MEASURES:
        wide = measures.pivot_table(index="event", columns="source", values=m.key, observed=True, aggfunc="first")
        for a, b in source_pairs(sources):
            if a not in wide or b not in wide:
                continue
            both = wide[[a, b]].dropna()
            if both.empty:
                continue
            frames.append(pd.DataFrame({"measure": m.key, "source_a": a, "source_b": b, "event": both.index,
                                        "value_a": both[a].to_numpy(), "value_b": both[b].to_numpy(),
                                        "difference": (both[a] - both[b]).to_numpy()}))
    if not frames:
        return pd.DataFrame(columns=DIFFERENCE_COLUMNS)
    return pd.concat(frames, ignore_index=True)[DIFFERENCE_COLUMNS]


def bootstrap_mean(values: np.ndarray, *, resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values`` (resampled with replacement, fixed seed)."""
    rng = np.random.default_rng(seed)
    draws = values[rng.integers(0, len(values), size=(resamples, len(values)))].mean(axis=1)
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(low), float(high)


def paired_comparison(results: Results, *, resamples: int = 2000, seed: int = 0,
                      min_events: int = MIN_EVENTS_FOR_INTERVAL) -> pd.DataFrame:
    """Per measure and source pair: shared events, who is higher how often, mean difference and its interval.

    ``effect_size`` is the mean difference over the differences' standard
    deviation (Cohen's d_z), to rank findings across measures.
    ``verdict`` is "A higher" / "B higher" when the interval excludes zero,
    "no clear difference" when it includes it, and "too few shared events"
    below ``min_events`` (``note`` says why). Differences are A − B.
    """
    differences = paired_differences(event_source_measures(results), results.sources)
    rows = []
    for (key, a, b), group in differences.groupby(["measure", "source_a", "source_b"], sort=False):
        values = group["difference"].to_numpy(dtype=float)
        m = MEASURES_BY_KEY[key]
        row = {"measure": key, "label": m.label, "source_a": a, "source_b": b, "n_shared_events": len(values),
               "n_a_higher": int((values > 0).sum()), "n_b_higher": int((values < 0).sum()),
               "n_ties": int((values == 0).sum()), "mean_difference": float(values.mean()),
               "low": float("nan"), "high": float("nan"),
               # mean over standard deviation of the differences (Cohen's d_z): comparable across measures
               "effect_size": float(values.mean() / values.std(ddof=1)) if len(values) > 1 and values.std(ddof=1) > 0
               else float("nan")}
        if len(values) < min_events:
            row.update(verdict="too few shared events",
                       note=f"{len(values)} shared event{'s' if len(values) != 1 else ''}: an interval needs at "
                            f"least {min_events}, so the counts describe these events only")
        else:
            row["low"], row["high"] = bootstrap_mean(values, resamples=resamples, seed=seed)
            clear = row["low"] > 0 or row["high"] < 0
            row.update(verdict=(f"{a} higher" if row["low"] > 0 else f"{b} higher") if clear else "no clear difference",
                       note=f"95% interval from {resamples:,} resamples of the {len(values)} shared events")
        rows.append(row)
    order = {m.key: i for i, m in enumerate(PAIRED_MEASURES)}
    table = pd.DataFrame(rows, columns=PAIRED_COLUMNS)
    return table.sort_values("measure", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def paired_sentence(row) -> str:
    """One finding from a `paired_comparison` row: its number, its interval and the events it rests on."""
    m = MEASURES_BY_KEY[row.measure]
    suffix = {"per 1,000 words": " per 1,000 words", "percentage points": " points"}.get(m.unit, "")
    if row.verdict == "too few shared events":
        return (f"{row.source_a} and {row.source_b} share {row.n_shared_events} event"
                f"{'s' if row.n_shared_events != 1 else ''}: on {m.label}, {row.source_a} is higher in "
                f"{row.n_a_higher} and {row.source_b} in {row.n_b_higher} (mean difference "
                f"{m.show(row.mean_difference)}{suffix}); too few events for an interval, so this describes "
                f"those articles only.")
    if row.verdict == "no clear difference":
        return (f"No clear difference between {row.source_a} and {row.source_b} in {m.label}: {row.source_a} is "
                f"higher in {row.n_a_higher} of {row.n_shared_events} shared events; mean difference "
                f"{m.show(row.mean_difference)}{suffix}, 95% CI {m.show(row.low)} to {m.show(row.high)}.")
    # speak of the higher source first, with the difference and interval from its side
    sign = 1 if row.mean_difference > 0 else -1
    first, second = (row.source_a, row.source_b) if sign > 0 else (row.source_b, row.source_a)
    wins = row.n_a_higher if sign > 0 else row.n_b_higher
    low, high = sorted((sign * row.low, sign * row.high))
    return (f"{first} {m.more} than {second} in {wins} of {row.n_shared_events} shared events; mean difference "
            f"{m.show(sign * row.mean_difference)}{suffix}, 95% CI {m.show(low)} to {m.show(high)}.")
