"""Event grouping (slant.events): invented outlets and events, exact groups, ids, dates, the events table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from slant.errors import SlantError
from slant.events import EVENT_COLUMNS, EventSettings, describe_events, group_events
from slant.events.cluster import agglomerate, candidate_edges, date_factor, mutual_boost
from slant.events.features import article_days, body_of, content_words, headline_of, proper_names

# Four invented events, each told by three invented outlets in their own words (no corpus text).
EVENTS = {
    "flood": ("2023-03-06", [
        ("Marlow Creek floods Brenton village",
         "The Marlow Creek burst its banks in Brenton on Monday after days of rain. Mayor Ilse Varga ordered "
         "families out of the riverside streets. “The water rose faster than anyone expected,” Varga said. "
         "Volunteers stacked sandbags outside the Brenton school."),
        ("Evacuations in Brenton as Marlow Creek overflows",
         "Hundreds of residents left Brenton as the Marlow Creek overflowed its banks. Ilse Varga, the mayor, "
         "said rescue boats reached every flooded street by nightfall. Sandbag walls failed near the old mill "
         "and the Brenton school opened as a shelter."),
        ("Brenton flood: mayor Varga blames broken sandbag walls",
         "Floodwater from the Marlow Creek swamped Brenton overnight. Mayor Varga said the sandbag walls along "
         "the creek gave way and that the village shelter at the school was full. Rain is forecast again in "
         "Brenton this week."),
    ]),
    "chess": ("2023-04-17", [
        ("Okonkwo wins the Veltra chess open",
         "Grandmaster Tobias Okonkwo won the Veltra Open chess tournament on Sunday with a quiet endgame against "
         "Mirela Sandu. The Veltra Open drew players from forty countries. Okonkwo said the final game was the "
         "hardest of his career."),
        ("Veltra Open: Okonkwo beats Sandu in final round",
         "Tobias Okonkwo took the Veltra Open title after beating Mirela Sandu in the last round. Sandu had led "
         "the tournament for six days. The chess festival in Veltra ends with a blitz night on Monday."),
        ("Sandu falls short as Okonkwo claims Veltra title",
         "Mirela Sandu lost the deciding game of the Veltra Open chess tournament to Tobias Okonkwo. The "
         "grandmaster from Lagos played the endgame slowly and precisely, organisers in Veltra said."),
    ]),
    "ferry": ("2023-06-02", [
        ("Ferry crews strike at Port Osric",
         "Ferry crews at Port Osric walked out on Friday over night shifts and pay. The Osric Ferry Company "
         "cancelled every crossing to Hallam Island. Union leader Petra Lind said the strike would last until "
         "the company returned to talks."),
        ("Port Osric ferry strike strands Hallam Island travellers",
         "Travellers bound for Hallam Island were stranded at Port Osric as ferry crews went on strike. Petra "
         "Lind of the crews' union accused the Osric Ferry Company of cutting night pay."),
        ("Osric Ferry Company cancels crossings as crews walk out",
         "The Osric Ferry Company cancelled all sailings from Port Osric to Hallam Island after its crews began "
         "a strike over pay. Petra Lind, who leads the union, said the crews were ready to talk."),
    ]),
    "museum": ("2023-09-21", [
        ("Gold masks stolen from Caldera museum",
         "Thieves took three gold masks from the Caldera Heights Museum before dawn on Thursday. Curator Joaquim "
         "Reis said the masks were insured. Police in Caldera Heights are studying footage from the museum's "
         "cameras."),
        ("Caldera Heights Museum robbed of gold masks",
         "Three gold funeral masks vanished from the Caldera Heights Museum overnight. Joaquim Reis, the "
         "curator, said the thieves cut through a skylight. Detectives in Caldera Heights asked for witnesses."),
        ("Curator Reis: thieves came through the skylight",
         "Joaquim Reis, curator of the Caldera Heights Museum, said the gold masks were taken by thieves who "
         "came through the skylight. It is the first theft at the Caldera museum in forty years."),
    ]),
}
OUTLETS = ("Northern Ledger", "Daily Lantern", "Coast Wire")


def fixture_articles(dated: bool = True) -> pd.DataFrame:
    rows = []
    for event, (day, versions) in EVENTS.items():
        for outlet, (title, text) in zip(OUTLETS, versions):
            # the outlets publish up to a day apart, as they do
            date = (pd.Timestamp(day) + pd.Timedelta(days=OUTLETS.index(outlet) % 2)).date().isoformat()
            rows.append({"id": f"{event}_{outlet.split()[0].lower()}", "source": outlet, "title": title,
                         "date": date if dated else "", "text": text, "gold": event})
    return pd.DataFrame(rows)


def test_three_outlets_four_events_are_grouped_exactly_in_date_order():
    articles = fixture_articles()
    events = group_events(articles)
    assert list(events.index) == list(articles.index)
    assert events.tolist() == ["e001"] * 3 + ["e002"] * 3 + ["e003"] * 3 + ["e004"] * 3


def test_undated_articles_are_still_grouped_by_content():
    articles = fixture_articles(dated=False)
    events = group_events(articles)
    # without dates, events are numbered by their first id: chess_…, ferry_…, flood_…, museum_…
    assert events.tolist() == ["e003"] * 3 + ["e001"] * 3 + ["e002"] * 3 + ["e004"] * 3


def test_events_sharing_names_months_apart_are_kept_apart_when_dated():
    first = fixture_articles().query("gold == 'flood'")
    later = first.assign(id=first["id"] + "_later", date=["2023-08-14", "2023-08-14", "2023-08-15"])
    both = pd.concat([first, later], ignore_index=True)
    assert group_events(both).tolist() == ["e001"] * 3 + ["e002"] * 3
    # the same six articles without dates: one story, told twice by each outlet (content cannot tell them apart)
    assert group_events(both.assign(date="")).nunique() < 6


def test_an_article_more_than_a_week_away_is_another_event():
    articles = fixture_articles().query("gold == 'chess'").reset_index(drop=True)
    articles.loc[2, "date"] = "2023-04-27"
    assert group_events(articles).tolist() == ["e001", "e001", "e002"]


def test_same_articles_in_any_row_order_get_the_same_events():
    articles = fixture_articles()
    expected = dict(zip(articles["id"], group_events(articles)))
    shuffled = articles.sample(frac=1.0, random_state=3).set_index(pd.Index(range(100, 112)))
    again = group_events(shuffled)
    assert list(again.index) == list(range(100, 112))
    assert dict(zip(shuffled["id"], again)) == expected
    assert group_events(articles).equals(group_events(articles))


def test_the_two_seed_articles_are_one_event():
    from helpers import SEEDS
    from slant.corpus import load_corpus

    seeds = load_corpus(SEEDS)
    events = group_events(seeds)
    assert events.tolist() == ["e001", "e001"]
    # the embedded post's title-case headline ("NATO Meeting to Discuss Allowing Ukraine…") gives no names
    assert describe_events(seeds, events)["label"].tolist() == ["2024-05-30: Russia, Ukraine, NATO"]


def test_one_outlet_alone_is_grouped_without_the_source_prior():
    articles = fixture_articles().assign(source="Only Outlet")
    assert group_events(articles).tolist() == ["e001"] * 3 + ["e002"] * 3 + ["e003"] * 3 + ["e004"] * 3


def test_unparseable_dates_set_no_constraint_and_missing_columns_are_optional():
    articles = fixture_articles().assign(date="sometime in spring")
    assert group_events(articles).nunique() == 4
    bare = fixture_articles()[["id", "text"]]
    assert group_events(bare).nunique() == 4
    missing = fixture_articles().astype(object)
    missing.loc[0, "title"], missing.loc[1, "date"], missing.loc[2, "source"] = None, pd.NA, np.nan
    assert group_events(missing).tolist() == ["e001"] * 3 + ["e002"] * 3 + ["e003"] * 3 + ["e004"] * 3


def test_empty_input_gives_an_empty_series_and_missing_text_is_an_error():
    empty = pd.DataFrame(columns=["id", "source", "title", "date", "text"])
    assert group_events(empty).empty
    with pytest.raises(SlantError, match="needs the article column"):
        group_events(pd.DataFrame({"id": ["a"], "title": ["t"]}))


def test_articles_without_any_word_are_each_their_own_event():
    articles = pd.DataFrame({"id": ["a", "b"], "source": ["X", "Y"], "title": ["", ""], "date": ["", ""],
                             "text": ["", "12 34"]})
    assert group_events(articles).tolist() == ["e001", "e002"]


def test_ids_widen_past_999_events():
    words = ["".join(chr(ord("k") + int(d)) for d in f"{i:04d}") for i in range(1000)]  # "kkkk", "kkkl"…
    articles = pd.DataFrame({"id": [f"a{i:04d}" for i in range(1000)], "text": words})
    events = group_events(articles)
    assert events.iloc[0] == "e0001" and events.iloc[-1] == "e1000" and events.nunique() == 1000


def test_describe_events_gives_one_row_per_event():
    articles = fixture_articles()
    table = describe_events(articles, group_events(articles))
    assert list(table.columns) == EVENT_COLUMNS
    assert table["event"].tolist() == ["e001", "e002", "e003", "e004"]
    assert table[["first_date", "last_date"]].values.tolist() == [
        ["2023-03-06", "2023-03-07"], ["2023-04-17", "2023-04-18"], ["2023-06-02", "2023-06-03"],
        ["2023-09-21", "2023-09-22"]]
    assert table["sources"].tolist() == ["Coast Wire, Daily Lantern, Northern Ledger"] * 4
    assert table["n_articles"].tolist() == [3, 3, 3, 3] and table["n_sources"].tolist() == [3, 3, 3, 3]
    assert table["label"].tolist() == [
        "2023-03-06: Brenton, Ilse Varga, Marlow Creek",
        "2023-04-17: Mirela Sandu, Tobias Okonkwo, Veltra Open",
        "2023-06-02: Hallam Island, Osric Ferry Company, Petra Lind",
        "2023-09-21: Caldera Heights Museum, Joaquim Reis, Caldera Heights"]
    assert table.loc[0, "top_terms"] == "brenton, creek, marlow, varga, mayor"
    # a lone family name counts with its full name ("Varga"), a title before a full name with it ("Grandmaster")
    assert table.loc[1, "top_names"].split(", ")[:3] == ["Mirela Sandu", "Tobias Okonkwo", "Veltra Open"]
    assert not {"Varga", "Okonkwo", "Grandmaster Tobias Okonkwo"} & set(", ".join(table["top_names"]).split(", "))


def test_describe_events_with_given_labels_and_undated_articles():
    articles = fixture_articles(dated=False).query("gold in ['ferry', 'museum']")
    table = describe_events(articles, articles["gold"])
    assert table["event"].tolist() == ["ferry", "museum"]
    assert table[["first_date", "last_date"]].values.tolist() == [["", ""], ["", ""]]
    assert table["label"].tolist() == ["Hallam Island, Osric Ferry Company, Petra Lind",
                                       "Caldera Heights Museum, Joaquim Reis, Caldera Heights"]


def test_describe_events_refuses_unaligned_labels():
    with pytest.raises(SlantError, match="must be aligned"):
        describe_events(fixture_articles(), ["e001"])


def test_proper_names_drop_openers_titles_and_sentence_initial_common_words():
    text = ("WASHINGTON — Attorney General Nadia Kell met Sen. Joe Marsh. Critics said critics were wrong.\n"
            "When Mr. Marsh spoke, the N.A.T.O. envoy and McAllister listened.")
    assert proper_names(text) == ["washington", "nadia kell", "kell", "joe marsh", "marsh", "marsh", "nato",
                                  "mcallister"]
    assert proper_names("The Veltra Open began.", surnames=False) == ["Veltra Open"]
    assert proper_names("Mayor Varga Orders Brenton Evacuation Over Creek Flood") == []  # a headline


def test_content_words_are_stemmed_without_stop_words_or_possessives():
    assert content_words("The mayor’s floods were flooding Brenton's streets") == [
        "mayor", "flood", "flood", "brenton", "street"]
    assert content_words("The mayor's floods", stems=False) == ["mayor", "floods"]


def test_an_untitled_article_s_first_line_stands_in_for_its_title():
    assert headline_of("\n\nBrenton floods\n\nThe creek rose.") == "Brenton floods"
    assert headline_of(" ".join(["word"] * 50)) == " ".join(["word"] * 40)
    assert headline_of("") == ""


def test_body_drops_a_leading_title_only():
    assert body_of("Title here\n\nBody text.", "Title here") == "\n\nBody text."
    assert body_of("Body text.", "Title here") == "Body text."


def test_article_days_read_iso_and_other_forms_and_leave_the_rest_undated():
    days = article_days(["2023-03-06", "2023-03-06T23:30:00-05:00", "March 7, 2023", "", None, "soon"])
    assert days[:3].tolist() == [19422.0, 19422.0, 19423.0]
    assert np.isnan(days[3:]).all()


def test_date_factor_keeps_grace_days_fades_then_cuts():
    gaps = np.array([0.0, 2.0, 3.0, 7.0, 8.0, np.nan])
    assert date_factor(gaps, 7.0, 2.0, 0.1).round(6).tolist() == [1.0, 1.0, 0.9, 0.5, 0.0, 1.0]
    assert date_factor(gaps, 7.0, 2.0, 0.0).tolist() == [1.0, 1.0, 1.0, 1.0, 0.0, 1.0]


def test_candidate_edges_compare_within_the_window_and_undated_with_all(monkeypatch):
    import slant.events.cluster as cluster

    monkeypatch.setattr(cluster, "CHUNK", 2)  # chunks cross the dated/undated boundary
    vectors = sp.csr_matrix(np.ones((5, 1), dtype=np.float32) / 1.0)
    days = np.array([0.0, 3.0, 20.0, np.nan, np.nan])
    graph = candidate_edges(vectors, days, window_days=7, grace_days=2, fade_per_day=0.0, neighbours=10,
                            floor=0.0).toarray()
    assert (graph == graph.T).all()
    assert graph.round(6).tolist() == [[0, 1, 0, 1, 1], [1, 0, 0, 1, 1], [0, 0, 0, 1, 1], [1, 1, 1, 0, 1],
                                       [1, 1, 1, 1, 0]]


def test_mutual_best_pairs_across_sources_are_boosted():
    graph = sp.csr_matrix(np.array([[0, .4, .2, 0], [.4, 0, .3, .1], [.2, .3, 0, 0], [0, .1, 0, 0]]))
    boosted = mutual_boost(graph, ["A", "B", "C", "C"], 1.5).toarray()
    # 0-1 and 1-2 are mutual bests (A<->B, B<->C); 0-2: A's best C is 2 but C(2)'s best A is 0 too: boosted;
    # 1-3: 3's best B is 1, but 1's best C is 2: not mutual
    assert boosted.round(6).tolist() == [[0, .6, .3, 0], [.6, 0, .45, .1], [.3, .45, 0, 0], [0, .1, 0, 0]]
    assert (mutual_boost(graph, ["", "", "", ""], 1.5) != graph).nnz == 0


def test_agglomerate_keeps_two_articles_of_one_source_apart_unless_very_alike():
    graph = sp.csr_matrix(np.array([[0, .5, .5], [.5, 0, .5], [.5, .5, 0]]))
    days = np.array([0.0, 0.0, 0.0])
    same = agglomerate(graph, ["A", "A", "B"], days, threshold=0.2, same_source=0.3, window_days=7)
    assert same.tolist() == [0, 1, 0]  # A's two articles never share an event: 0.5 x 0.3 < 0.2
    assert agglomerate(graph, ["A", "A", "B"], days, threshold=0.2, same_source=1.0, window_days=7).tolist() == \
        [0, 0, 0]
    apart = agglomerate(graph, ["A", "B", "C"], np.array([0.0, 5.0, 9.0]), threshold=0.2, same_source=1.0,
                        window_days=7)
    assert apart.tolist() == [0, 0, 2]  # an event spans at most 7 days: 0-9 would be 9


def test_settings_file_is_checked(tmp_path):
    settings = EventSettings.load()
    assert (settings.threshold, settings.same_source, settings.window_days) == (0.18, 0.3, 7.0)
    bad = tmp_path / "events.yaml"
    bad.write_text("name: e\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\n"
                   "settings: {threshold: 0.2}\n", encoding="utf-8")
    with pytest.raises(SlantError, match="must give exactly"):
        EventSettings.load(bad)
    with pytest.raises(SlantError, match="must sum to 1"):
        settings.with_changes(words=0.9).check()
    with pytest.raises(SlantError, match="out of range: threshold"):
        settings.with_changes(threshold=1.5).check()
