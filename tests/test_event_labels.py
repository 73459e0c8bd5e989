"""Every article gets an event through the pipeline: given labels kept, the rest grouped, or one event for all."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from helpers import SEEDS
from slant import align, compare
from slant.cli import main
from slant.corpus import load_corpus
from slant.errors import SlantError
from slant.event_labels import AUTO_PREFIX, ONE_EVENT, check_mode, events_note, resolve_events
from slant.pipeline import Config, analyze_corpus, article_records
from slant.scale import load_results, run
from slant.scale.synthetic import event_corpus, write_event_corpus

SOURCES = ("Outlet A", "Outlet B", "Outlet C")


@pytest.fixture(scope="module")
def records():
    return event_corpus(4, SOURCES, seed=3)  # 12 invented articles: four events, each told by three outlets


@pytest.fixture(scope="module")
def folder(records, tmp_path_factory):
    return write_event_corpus(tmp_path_factory.mktemp("events") / "corpus", records)


@pytest.fixture(scope="module")
def config():
    return Config.load()


def _unlabelled(records) -> pd.DataFrame:
    frame = pd.DataFrame(records).assign(url="", note="", path="")
    return frame.assign(event="")


def _partition(labels) -> set[frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(str(label), set()).add(index)
    return {frozenset(members) for members in groups.values()}


def test_mode_is_checked_with_one_line():
    assert check_mode(None) == "auto" and check_mode(" None ") == "none"
    with pytest.raises(SlantError, match=r"^events: expected auto or none, got 'daily'$"):
        check_mode("daily")


def test_given_labels_are_kept_as_written(records):
    articles = pd.DataFrame(records)
    events, table = resolve_events(articles, "auto")
    assert list(events) == [r["event"] for r in records]
    assert set(table["found_by"]) == {"given"} and len(table) == 4
    assert set(table["label"]) == {r["event"] for r in records}  # a user's label is the event's name
    assert table["n_articles"].tolist() == [3, 3, 3, 3] and table["n_sources"].tolist() == [3, 3, 3, 3]


def test_without_labels_the_same_events_are_found(records):
    articles = _unlabelled(records)
    events, table = resolve_events(articles, "auto")
    assert _partition(events) == _partition(r["event"] for r in records)
    assert set(table["found_by"]) == {"grouped"} and sorted(set(events)) == ["e001", "e002", "e003", "e004"]


def test_some_labels_given_the_rest_grouped_with_a_prefix(records):
    articles = pd.DataFrame(records)
    articles.loc[3:, "event"] = ""  # the first event keeps its label, the other nine articles are grouped
    events, table = resolve_events(articles, "auto")
    assert list(events[:3]) == [records[0]["event"]] * 3
    assert all(e.startswith(AUTO_PREFIX) for e in events[3:]) and events[3:].nunique() == 3
    assert table.set_index("event")["found_by"].to_dict()[records[0]["event"]] == "given"
    assert (table["found_by"] == "grouped").sum() == 3


def test_none_makes_the_corpus_one_event(records):
    events, table = resolve_events(_unlabelled(records), "none")
    assert set(events) == {ONE_EVENT} and len(table) == 1
    assert table.iloc[0]["n_articles"] == 12 and table.iloc[0]["found_by"] == "one event"


def test_events_note_says_how_they_were_found(records):
    assert events_note(resolve_events(pd.DataFrame(records), "auto")[1]) == "4 events, as labelled in the inputs"
    assert events_note(resolve_events(_unlabelled(records), "auto")[1]) == "4 events, grouped automatically"


def test_pipeline_gives_every_article_and_record_its_event(folder, records, config):
    results = analyze_corpus(load_corpus(folder), config)
    by_id = {r["id"]: r["event"] for r in records}
    assert results.articles.set_index("id")["event"].to_dict() == by_id
    assert len(results.events) == 4
    assert {r["id"]: r["event"] for r in article_records(results)} == by_id


def test_alignment_pairs_sentences_only_within_an_event(folder, config):
    results = analyze_corpus(load_corpus(folder), config)
    pairs = align.align_sentences(results, config.actors)
    assert len(pairs) > 0
    event_of = results.articles.set_index("id")["event"]
    assert (event_of[pairs["article_a"]].to_numpy() == event_of[pairs["article_b"]].to_numpy()).all()
    differences = align.pair_differences(results, pairs)
    assert (differences["event"].to_numpy() == event_of[differences["article_a"]].to_numpy()).all()


def test_dask_path_gives_the_in_process_events(folder, config, tmp_path):
    unlabelled = tmp_path / "corpus"
    unlabelled.mkdir()
    for path in folder.glob("*.txt"):
        (unlabelled / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    sources = pd.read_csv(folder / "sources.csv", dtype=str).drop(columns=["event"])
    sources.to_csv(unlabelled / "sources.csv", index=False)
    expected = analyze_corpus(load_corpus(unlabelled), config)
    run([str(unlabelled)], tmp_path / "run", scheduler="synchronous", config=config)
    got = load_results(tmp_path / "run")
    assert (got.articles.set_index("id")["event"].sort_index().to_dict()
            == expected.articles.set_index("id")["event"].sort_index().to_dict())
    assert sorted(got.events["event"]) == sorted(expected.events["event"]) == ["e001", "e002", "e003", "e004"]


def test_cli_writes_the_event_and_none_makes_one_event():
    runner = CliRunner()
    auto = runner.invoke(main, ["analyze", str(SEEDS), "--sources", str(SEEDS / "sources.csv")])
    none = runner.invoke(main, ["analyze", str(SEEDS), "--sources", str(SEEDS / "sources.csv"), "--events", "none"])
    assert auto.exit_code == 0 and none.exit_code == 0, (auto.output, none.output)
    auto_events = [json.loads(line)["event"] for line in auto.stdout.splitlines()]
    assert len(auto_events) == 2 and len(set(auto_events)) == 1  # the two seeds tell one meeting
    assert [json.loads(line)["event"] for line in none.stdout.splitlines()] == [ONE_EVENT, ONE_EVENT]


def test_events_overview_counts_articles_per_source(folder, config):
    results = analyze_corpus(load_corpus(folder), config)
    overview = compare.events_overview(results)
    assert len(overview) == 4 and overview["articles"].tolist() == [3, 3, 3, 3]
    assert set(overview["sources"]) == {"Outlet A, Outlet B, Outlet C"}


def test_the_events_table_shows_a_few_columns_and_its_csv_keeps_them_all(folder, config, tmp_path):
    from slant.publish import Publisher

    results = analyze_corpus(load_corpus(folder), config)
    overview = compare.events_overview(results)
    shown = compare.events_overview_columns(results)
    assert shown == ["label", "first_date", "articles", "sources",
                     *(f"{s}: loaded /1,000 words" for s in SOURCES)]
    assert [c for c in overview.columns if c.endswith("% negative")] == [f"{s}: % negative" for s in SOURCES]
    assert (overview[shown[4:]] == overview[shown[4:]].round(1)).all().all()  # one decimal, as the page shows
    table = Publisher(tmp_path, ("png",)).table(overview, "events", caption="Events.", columns=shown)
    header = table.html.split("<thead>")[1].split("</thead>")[0]
    assert "% negative" not in header and "loaded /1,000 words" in header
    assert (tmp_path / "tables" / "events.csv").read_text(encoding="utf-8").splitlines()[0].count("% negative") == 3


def test_one_events_view_reads_only_that_event(folder, config):
    from slant import pages

    results = analyze_corpus(load_corpus(folder), config)
    aligned = align.align_sentences(results, config.actors)
    event = results.events["event"].iloc[1]
    ids = results.articles.loc[results.articles["event"] == event, "id"]
    alone = results.of_articles(ids)
    assert len(alone.articles) == 3 and set(alone.sentences["article_id"]) == set(ids)
    assert alone.sources == results.sources  # categories kept, so colours and columns stay stable
    view = pages.event_view(results, aligned, event)
    assert view == pages.event_view(alone, aligned[aligned["article_a"].isin(set(ids))], event)
    other = results.articles.loc[results.articles["event"] != event, "title"].iloc[0]
    assert other not in view and results.articles.loc[results.articles["id"] == ids.iloc[0], "title"].iloc[0] in view


def test_indexes_are_cut_into_linked_pages_and_event_pages_show_the_pairs_that_differ_most(folder, config,
                                                                                          monkeypatch):
    from slant import pages

    results = analyze_corpus(load_corpus(folder), config)
    monkeypatch.setattr(pages, "INDEX_ROWS", 5)
    written = pages.article_pages(results)
    assert sorted(p for p in written if "/index" in p) == ["articles/index-2.html", "articles/index-3.html",
                                                           "articles/index.html"]  # 12 articles, 5 a page
    assert '<a href="index-2.html">next</a>' in written["articles/index.html"]
    assert "rows 11–12 of 12" in written["articles/index-3.html"]
    assert '<a href="index-2.html">previous</a>' in written["articles/index-3.html"]
    assert sum(page.count('<a href="outlet-') for name, page in written.items() if "/index" in name) == 12
    aligned = align.align_sentences(results, config.actors)
    differences = align.pair_differences(results, aligned)
    event = differences["event"].value_counts().index[0]
    mine = differences[differences["event"] == event]
    shown = align.most_telling(mine, 2)
    assert len(shown) == 2 and list(shown.index) == sorted(shown.index)  # in reading order
    one_sided = (mine["loaded_terms_a"] == "—") != (mine["loaded_terms_b"] == "—")
    ranked = sorted(mine.index, key=lambda i: (not one_sided[i], -abs(mine.at[i, "compound_difference"]), i))
    assert list(shown.index) == sorted(ranked[:2])  # one-sided loaded terms first, then the largest sentiment gap
    monkeypatch.setattr(pages, "EVENT_PAIRS", 1)
    page = pages.event_pages(results, aligned)[f"events/{pages.page_name(event)}"]
    assert page.count("(similarity ") == 1 and f"The pair that differs most of {len(mine):,}" in page
