"""Event grouping against BASIL-style triples (slant.validate.events): reader, scorer, tables, choice of settings."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from slant.errors import SlantError
from slant.validate.events import (BASIL_EVENT_COLUMNS, SCORE_COLUMNS, SETTING_KEYS, basil_event_articles,
                                   basil_event_scores, choose_settings, leave_one_year_out, score_grouping, thinned)
from test_events import EVENTS

BASIL_SOURCES = ("fox", "NYT", "hpo")  # one upper-case label, as some BASIL files have
YEARS = {"flood": "2020", "chess": "2020", "ferry": "2021", "museum": "2021"}


def write_basil(folder):
    """Four invented events in BASIL's layout: articles/YEAR/TRIPLET_N.json, two years, two triples each."""
    for number, (event, (day, versions)) in enumerate(EVENTS.items()):
        year = YEARS[event]
        triplet = f"{number:08d}-0000-4000-8000-{event:0>12}"
        (folder / "articles" / year).mkdir(parents=True, exist_ok=True)
        for k, (source, (title, text)) in enumerate(zip(BASIL_SOURCES, versions), start=1):
            sentences = [s.strip().rstrip(".") + "." for s in text.split(". ") if s.strip()]
            paragraphs = [sentences[:2], sentences[2:]]
            record = {"title": title, "date": f"{year}{day[4:]}", "source": source, "triplet-uuid": triplet,
                      "uuid": f"{triplet}-{k}", "main-event": "not read",
                      # BASIL stores some lists as a string holding a Python literal
                      "body-paragraphs": repr(paragraphs) if k == 2 else paragraphs}
            (folder / "articles" / year / f"{triplet}_{k}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


@pytest.fixture
def basil_folder(tmp_path):
    return write_basil(tmp_path / "basil")


def test_reader_gives_dated_articles_with_their_triplets(basil_folder):
    articles = basil_event_articles(basil_folder)
    assert list(articles.columns) == BASIL_EVENT_COLUMNS
    assert len(articles) == 12
    assert articles["year"].tolist() == ["2020"] * 6 + ["2021"] * 6
    assert sorted(set(articles["source"])) == ["fox", "hpo", "nyt"]
    first = articles.iloc[0]
    assert first["id"].endswith("flood_1") and first["date"] == "2020-03-06"
    assert first["text"] == ("Marlow Creek floods Brenton village\n\nThe Marlow Creek burst its banks in Brenton on "
                             "Monday after days of rain. Mayor Ilse Varga ordered families out of the riverside "
                             "streets.\n\n“The water rose faster than anyone expected,” Varga said. Volunteers "
                             "stacked sandbags outside the Brenton school.")
    assert articles.groupby("triplet").size().tolist() == [3, 3, 3, 3]


def test_reader_refuses_a_folder_without_articles(tmp_path):
    with pytest.raises(SlantError, match="not a BASIL folder"):
        basil_event_articles(tmp_path)
    (tmp_path / "articles").mkdir()
    with pytest.raises(SlantError, match="no BASIL article files"):
        basil_event_articles(tmp_path)


def test_scorer_on_hand_computed_groupings():
    # gold a,a,b,b; predicted x,x,x,y: sum C(n_ij,2) = 1 = expected index 2*3/6, so ARI 0
    score = score_grouping(["a", "a", "b", "b"], ["x", "x", "x", "y"])
    assert (score.ari, score.exact, score.merged, score.split) == (0.0, 0, 2, 1)
    # gold a,a,a,b,b,b; predicted 1,1,1,2,2,3: index 4, expected 6*4/15 = 1.6, max 5: ARI 2.4/3.4 = 12/17
    score = score_grouping(list("aaabbb"), [1, 1, 1, 2, 2, 3])
    assert score.ari == pytest.approx(12 / 17)
    assert score.row() == {"ari": pytest.approx(12 / 17), "exact_share": 0.5, "exact": 1, "gold_events": 2,
                           "predicted_events": 3, "merged": 0, "split": 1}
    assert list(score.row()) == SCORE_COLUMNS
    perfect = score_grouping(["t1", "t1", "t2"], ["e002", "e002", "e001"])
    assert (perfect.ari, perfect.exact_share, perfect.merged, perfect.split) == (1.0, 1.0, 0, 0)


def test_scorer_refuses_unaligned_or_empty_labels():
    with pytest.raises(SlantError, match="must be aligned"):
        score_grouping(["a", "b"], ["x"])
    with pytest.raises(SlantError, match="no articles"):
        score_grouping([], [])


def test_basil_event_scores_table(basil_folder):
    table = basil_event_scores(basil_folder)
    assert table["grouping"].tolist() == ["2020", "2021", "all years", "all years, no dates"]
    assert table["articles"].tolist() == [6, 6, 12, 12]
    assert table["ari"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert table["exact"].tolist() == [2, 2, 4, 4] and table["gold_events"].tolist() == [2, 2, 4, 4]
    assert table[["merged", "split"]].to_numpy().sum() == 0


def test_thinned_triples_keep_three_two_one_articles_in_turn(basil_folder):
    articles = basil_event_articles(basil_folder)
    kept = thinned(articles)
    assert kept.groupby("triplet").size().tolist() == [3, 2, 1, 3]
    assert thinned(articles).equals(kept)


def _scores_frame(values_by_family: dict[tuple, list[float]], thresholds: list[float]) -> pd.DataFrame:
    rows = []
    for family, values in values_by_family.items():
        for threshold, value in zip(thresholds, values):
            row = dict(zip(SETTING_KEYS, (*family, threshold)))
            row.update({"2020+2021|year 2020": value, "2020+2021|year 2021": value, "2020+2021|no dates": value,
                        "2020+2021|thinned": value})
            rows.append(row)
    return pd.DataFrame(rows)


def test_choose_settings_takes_the_middle_of_the_widest_plateau():
    thresholds = [0.04, 0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.22]
    narrow = (1.0, 0.0, 0.0, 1.0, 1.0, 7.0, 0.0)
    wide = (0.5, 0.3, 0.2, 0.3, 1.5, 7.0, 0.0)
    scores = _scores_frame({narrow: [.8, .9, 1, 1, 1, 1, 1, .9, .8, .7], wide: [.7, .9, 1, 1, 1, 1, 1, 1, 1, .9]},
                           thresholds)
    setting, objective, width = choose_settings(scores, ("2020", "2021"))
    # smoothed over ±2 steps, the wide family is perfect at 0.12, 0.14, 0.16 (three steps), the narrow at 0.12 only
    assert setting == dict(zip(SETTING_KEYS, (*wide, 0.14))) and (objective, width) == (1.0, 3)


def test_leave_one_year_out_scores_each_left_out_year(basil_folder):
    grid = {"weights": ((0.5, 0.3, 0.2),), "same_source": (0.3,), "mutual_boost": (1.5,), "window_days": (7.0,),
            "fade_per_day": (0.0,), "thresholds": (0.10, 0.14, 0.18, 0.22, 0.26)}
    table = leave_one_year_out(basil_folder, grid)
    assert table["left_out"].tolist() == ["2020", "2021", "mean"]
    assert table["threshold"].tolist()[:2] == [0.18, 0.18]
    assert table["ari"].tolist() == [1.0, 1.0, 1.0] and table["exact_share"].tolist() == [1.0, 1.0, 1.0]
    assert table["exact"].tolist() == [2, 2, 4]
