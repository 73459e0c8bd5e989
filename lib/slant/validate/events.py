"""Event grouping against BASIL's triples: each triple is one event told by Fox News, The New York Times and HuffPost.

`basil_event_articles` reads BASIL's published layout into the articles table
`slant.events.group_events` takes (id, source, title, date, text) plus the gold
``triplet`` and the ``year`` folder; the grouping never sees the triplet.
`score_grouping` compares a grouping with the gold one; `basil_event_scores` is
the table of 06_validation; `leave_one_year_out` chooses every setting of
`slant.events.EventSettings` on three years and scores the fourth, for each year.

Reference: Lisa Fan et al. 2019. *In Plain Sight: Media Bias Through the Lens
of Factual Reporting.* EMNLP-IJCNLP.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import SlantError
from .basil import build_text, literal_field, read_json

BASIL_EVENT_COLUMNS = ["id", "source", "title", "date", "text", "triplet", "year"]
SCORE_COLUMNS = ["ari", "exact_share", "exact", "gold_events", "predicted_events", "merged", "split"]


def read_event_article(path: Path) -> dict:
    """One BASIL article file as a row of BASIL_EVENT_COLUMNS (text: title, blank line, body, as basil builds it)."""
    data = read_json(path)
    paragraphs = literal_field(data, "body-paragraphs", path)
    if not isinstance(paragraphs, list):
        raise SlantError(f"{path}: 'body-paragraphs' must be a list of paragraphs")
    paragraphs = [[p] if isinstance(p, str) else [str(s) for s in p] for p in paragraphs]
    title = str(data.get("title") or "").strip()
    text, _ = build_text(title, paragraphs)
    return {"id": path.stem, "source": str(data.get("source") or "").strip().lower(), "title": title,
            "date": str(data.get("date") or "").strip(), "text": text,
            "triplet": str(data.get("triplet-uuid") or path.stem.rsplit("_", 1)[0]),
            "year": path.parent.name}


def basil_event_articles(folder: str | Path) -> pd.DataFrame:
    """Every article under ``folder/articles/YEAR/`` as BASIL_EVENT_COLUMNS, sorted by year then id."""
    articles_dir = Path(folder) / "articles"
    if not articles_dir.is_dir():
        raise SlantError(f"{folder}: not a BASIL folder (expected articles/ inside)")
    paths = sorted(articles_dir.rglob("*.json"), key=lambda p: (p.parent.name, p.stem))
    if not paths:
        raise SlantError(f"{articles_dir}: no BASIL article files (*.json)")
    return pd.DataFrame([read_event_article(p) for p in paths], columns=BASIL_EVENT_COLUMNS)


@dataclass(frozen=True)
class GroupingScore:
    """A grouping against the gold events.

    ``ari``: adjusted Rand index (1 = identical partitions, about 0 = chance);
    ``exact``: gold events whose articles form exactly one predicted group, of
    ``gold_events``; ``merged``: gold events sharing a predicted group with
    another gold event's article; ``split``: gold events whose articles fall
    into two or more predicted groups (an event can be both).
    """

    ari: float
    exact: int
    gold_events: int
    predicted_events: int
    merged: int
    split: int

    @property
    def exact_share(self) -> float:
        return self.exact / self.gold_events if self.gold_events else float("nan")

    def row(self) -> dict:
        return {"ari": self.ari, "exact_share": self.exact_share, "exact": self.exact,
                "gold_events": self.gold_events, "predicted_events": self.predicted_events,
                "merged": self.merged, "split": self.split}


def score_grouping(gold, predicted) -> GroupingScore:
    """Score ``predicted`` event labels against ``gold`` labels (two sequences, one label per article, aligned)."""
    from sklearn.metrics import adjusted_rand_score

    gold, predicted = [str(g) for g in gold], [str(p) for p in predicted]
    if len(gold) != len(predicted):
        raise SlantError(f"gold has {len(gold)} labels and the grouping {len(predicted)}: they must be aligned")
    if not gold:
        raise SlantError("no articles to score")
    members: dict[str, set[int]] = {}
    for i, label in enumerate(gold):
        members.setdefault(label, set()).add(i)
    groups: dict[str, set[int]] = {}
    for i, label in enumerate(predicted):
        groups.setdefault(label, set()).add(i)
    exact = merged = split = 0
    for label, rows in members.items():
        touched = {predicted[i] for i in rows}
        exact += len(touched) == 1 and groups[next(iter(touched))] == rows
        split += len(touched) > 1
        merged += any(gold[j] != label for p in touched for j in groups[p])
    return GroupingScore(float(adjusted_rand_score(gold, predicted)), exact, len(members), len(groups), merged, split)


# --- Scores on BASIL and the choice of settings ------------------------------------------------------------------

def _score_row(name: str, frame: pd.DataFrame, settings) -> dict:
    from ..events import group_events

    score = score_grouping(frame["triplet"], group_events(frame, settings))
    return {"grouping": name, "articles": len(frame), **score.row()}


def basil_event_scores(folder: str | Path, settings=None) -> pd.DataFrame:
    """Automatic event grouping against BASIL's triples, without the triple ids: one row per grouping.

    Each year alone (with dates), all years together, and all years together
    without their dates (content only); columns ``grouping``, ``articles`` and
    SCORE_COLUMNS. ``settings``: `slant.events.EventSettings` (the packaged ones
    by default).
    """
    from ..events import EventSettings

    settings = settings or EventSettings.load()
    articles = basil_event_articles(folder)
    rows = [_score_row(year, frame, settings) for year, frame in articles.groupby("year", sort=True)]
    if articles["year"].nunique() > 1:
        rows.append(_score_row("all years", articles, settings))
    rows.append(_score_row("all years, no dates", articles.assign(date=""), settings))
    return pd.DataFrame(rows, columns=["grouping", "articles", *SCORE_COLUMNS])


# The settings compared by leave-one-year-out: block weights (words, names, title), the one-article-per-source
# factor (1 = no prior), the boost of mutual best pairs, the date window, the fading of similarity per day, the
# merge threshold. Small on purpose: 4 x 3 x 2 x 3 x 2 x 14 settings.
GRID_WEIGHTS = ((1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.5, 0.3, 0.2), (0.4, 0.4, 0.2))
GRID_SAME_SOURCE = (1.0, 0.5, 0.3)
GRID_WINDOW_DAYS = (4.0, 7.0, 10.0)
GRID_FADE_PER_DAY = (0.0, 0.1)
GRID_MUTUAL_BOOST = (1.0, 1.5)
GRID_THRESHOLDS = tuple(round(0.04 + 0.02 * k, 2) for k in range(14))  # 0.04 … 0.30
SMOOTHING = 2  # grid steps either side of a threshold averaged in its smoothed objective (see choose_settings)
SETTING_KEYS = ["words", "names", "title", "same_source", "mutual_boost", "window_days", "fade_per_day", "threshold"]
FAMILY_KEYS = SETTING_KEYS[:-1]
LOYO_COLUMNS = ["left_out", *SETTING_KEYS, "training_objective", "training_plateau", "ari", "exact_share", "exact",
                "gold_events", "merged", "split", "ari_no_dates"]


def thinned(articles: pd.DataFrame) -> pd.DataFrame:
    """The triples in turn (by triplet id) keep all three, two, then one of their articles, as a corpus where not
    every outlet covers every event; which articles go is fixed by a hash of their ids."""
    import hashlib

    keep = []
    for turn, (_, triple) in enumerate(articles.groupby("triplet", sort=True)):
        ids = sorted(triple["id"], key=lambda i: hashlib.sha1(str(i).encode()).hexdigest())
        keep += ids[:max(1, len(ids) - turn % 3)]
    return articles[articles["id"].isin(keep)]


def training_corpora(articles: pd.DataFrame, years) -> dict[str, pd.DataFrame]:
    """The corpora a setting is judged on for ``years``: each year alone, all of them without dates, and all
    of them thinned (see `thinned`)."""
    chosen = articles[articles["year"].isin(list(years))]
    corpora = {f"year {y}": chosen[chosen["year"] == y] for y in sorted(years)}
    corpora["no dates"] = chosen.assign(date="")
    corpora["thinned"] = thinned(chosen)
    return corpora


def _fold_key(years) -> str:
    return "+".join(sorted(years))


def _objective(scores: pd.DataFrame, years) -> pd.Series:
    """Per setting, the mean of three ARIs on ``years``: the years' mean (each grouped alone, with dates), all
    of them without dates (content only), all of them thinned (events some outlets missed)."""
    key = _fold_key(years)
    by_year = sum(scores[f"{key}|year {y}"] for y in years) / len(years)
    return (by_year + scores[f"{key}|no dates"] + scores[f"{key}|thinned"]) / 3


def grid_scores(articles: pd.DataFrame, folds, grid: dict | None = None) -> pd.DataFrame:
    """ARI of every grid setting (SETTING_KEYS columns) on the training corpora of each fold (tuples of years).

    ``grid`` may replace any of ``weights``, ``same_source``, ``mutual_boost``,
    ``window_days``, ``fade_per_day``, ``thresholds`` (the GRID_* constants by
    default).
    """
    from itertools import product

    from ..events import EventSettings, group_prepared, prepare_events, similarity_graph

    grid = {"weights": GRID_WEIGHTS, "same_source": GRID_SAME_SOURCE, "mutual_boost": GRID_MUTUAL_BOOST,
            "window_days": GRID_WINDOW_DAYS, "fade_per_day": GRID_FADE_PER_DAY, "thresholds": GRID_THRESHOLDS,
            **(grid or {})}
    corpora = {f"{_fold_key(years)}|{name}": frame for years in folds
               for name, frame in training_corpora(articles, years).items()}
    base = EventSettings.load()
    rows = []
    for words, names, title in grid["weights"]:
        prepared = {key: prepare_events(frame, {"words": words, "names": names, "title": title})
                    for key, frame in corpora.items()}
        for boost, window, fade in product(grid["mutual_boost"], grid["window_days"], grid["fade_per_day"]):
            graphed = base.with_changes(words=words, names=names, title=title, mutual_boost=boost,
                                        window_days=window, fade_per_day=fade)
            graphs = {key: similarity_graph(inputs, graphed) for key, inputs in prepared.items()}
            for same_source, threshold in product(grid["same_source"], grid["thresholds"]):
                settings = graphed.with_changes(same_source=same_source, threshold=threshold)
                row = dict(zip(SETTING_KEYS, (words, names, title, same_source, boost, window, fade, threshold)))
                for key, inputs in prepared.items():
                    predicted = group_prepared(inputs, settings, graphs[key])
                    row[key] = score_grouping(corpora[key]["triplet"], predicted).ari
                rows.append(row)
    return pd.DataFrame(rows)


def choose_settings(scores: pd.DataFrame, years) -> tuple[dict, float, int]:
    """The grid setting chosen on ``years``: (setting, its objective, its plateau in threshold steps).

    The objective (`_objective`) is first smoothed along the threshold: the
    mean over the threshold and SMOOTHING grid steps either side, the other
    settings equal. Among the settings of highest smoothed objective, the one
    whose family (all settings but the threshold) holds it over the longest
    run of consecutive thresholds wins, with the middle threshold of that run
    (the lower middle for an even run): a threshold inside a wide plateau,
    not at its edge, holds when another corpus's similarities run a little
    higher or lower. Ties go to the softer source prior, the smaller boost, the
    window nearest 7 days, no fading, then the earlier weights of GRID_WEIGHTS.
    """
    scores = scores.assign(_objective=_objective(scores, tuple(years)))
    families = []
    for family, rows in scores.groupby(FAMILY_KEYS, sort=False):
        rows = rows.sort_values("threshold")
        values = rows["_objective"].to_numpy()
        for k in range(SMOOTHING, len(values) - SMOOTHING):
            families.append((family, rows["threshold"].to_numpy(), values, k,
                             round(float(values[k - SMOOTHING:k + SMOOTHING + 1].mean()), 9)))
    best = max(smoothed for *_, smoothed in families)
    runs: dict[tuple, list[int]] = {}
    for family, thresholds, values, k, smoothed in families:
        if smoothed == best:
            runs.setdefault(family, []).append(k)
    candidates = []
    for family, ks in runs.items():
        longest, current = [], []
        for k in ks:
            current = current + [k] if current and k == current[-1] + 1 else [k]
            longest = current if len(current) > len(longest) else longest
        words, names, title, same_source, boost, window, fade = family
        weights_rank = GRID_WEIGHTS.index((words, names, title)) if (words, names, title) in GRID_WEIGHTS else 99
        candidates.append(((-len(longest), -same_source, boost, abs(window - 7), fade, weights_rank),
                           family, longest[(len(longest) - 1) // 2], len(longest)))
    _, family, k, width = min(candidates, key=lambda c: c[0])
    thresholds, values = next((t, v) for f, t, v, _, _ in families if f == family)
    setting = dict(zip(SETTING_KEYS, (*family, float(thresholds[k]))))
    return setting, float(values[k]), width


def leave_one_year_out(folder: str | Path, grid: dict | None = None) -> pd.DataFrame:
    """For each year: every setting chosen on the other years (`choose_settings`), then scored on this year.

    One row per left-out year (LOYO_COLUMNS: the chosen setting, its training
    objective and plateau, the left-out year's scores grouped alone with its
    dates, and its ARI without dates), then a row ``mean``.
    """
    from ..events import EventSettings, group_events

    articles = basil_event_articles(folder)
    years = sorted(articles["year"].unique())
    if len(years) < 2:
        raise SlantError(f"{folder}: leave-one-year-out needs at least two years of BASIL articles")
    folds = [tuple(y for y in years if y != left) for left in years]
    scores = grid_scores(articles, folds, grid)
    base = EventSettings.load()
    rows = []
    for left, training in zip(years, folds):
        setting, objective, width = choose_settings(scores, training)
        settings = base.with_changes(**setting)
        frame = articles[articles["year"] == left]
        score = score_grouping(frame["triplet"], group_events(frame, settings))
        no_dates = score_grouping(frame["triplet"], group_events(frame.assign(date=""), settings))
        rows.append({"left_out": left, **setting, "training_objective": objective, "training_plateau": width,
                     **{k: v for k, v in score.row().items() if k != "predicted_events"},
                     "ari_no_dates": no_dates.ari})
    table = pd.DataFrame(rows, columns=LOYO_COLUMNS)
    mean = {"left_out": "mean", **table[["ari", "exact_share", "ari_no_dates"]].mean().to_dict(),
            **table[["exact", "gold_events", "merged", "split"]].sum().to_dict()}
    return pd.concat([table, pd.DataFrame([mean])], ignore_index=True)


def choose_event_settings(folder: str | Path, grid: dict | None = None):
    """The `EventSettings` chosen by `choose_settings` on every year of ``folder`` (how events.yaml's were chosen)."""
    from ..events import EventSettings

    articles = basil_event_articles(folder)
    years = tuple(sorted(articles["year"].unique()))
    setting, objective, width = choose_settings(grid_scores(articles, [years], grid), years)
    return EventSettings.load().with_changes(**setting), objective, width
