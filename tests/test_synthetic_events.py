"""Invented multi-event corpora (slant.scale.synthetic.event_corpus): deterministic, every source on every event."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest

from slant.corpus import load_corpus
from slant.errors import SlantError
from slant.scale.synthetic import EVENT_CORPUS_KEYS, EVENT_SOURCES_COLUMNS, event_corpus, write_event_corpus


def test_same_arguments_give_the_same_records_and_another_seed_others():
    assert event_corpus(5, seed=3) == event_corpus(5, seed=3)
    assert [r["text"] for r in event_corpus(5, seed=3)] != [r["text"] for r in event_corpus(5, seed=4)]


def test_first_records_are_pinned():
    records = event_corpus(3, ("Fox", "NYT"), seed=5)
    assert [(r["id"], r["date"], r["event"]) for r in records] == [
        ("fox_0001_1", "2024-01-01", "E0001 hospital plan in Yorgate"),
        ("nyt_0001_1", "2024-01-01", "E0001 hospital plan in Yorgate"),
        ("fox_0002_1", "2024-01-13", "E0002 wildfire in Coreholm Valley"),
        ("nyt_0002_1", "2024-01-13", "E0002 wildfire in Coreholm Valley"),
        ("fox_0003_1", "2024-01-17", "E0003 bridge collapse in Praris"),
        ("nyt_0003_1", "2024-01-16", "E0003 bridge collapse in Praris")]
    assert records[0]["title"] == "New hospital for Yorgate: the Torice Medical Centre wins backing"
    assert records[1]["title"] == "Vote clears way for the Torice Medical Centre in Yorgate"


def test_every_event_has_each_source_articles_per_source_times_within_two_days():
    records = event_corpus(12, ("A", "B", "C"), articles_per_source=2, seed=1)
    assert all(list(r) == EVENT_CORPUS_KEYS for r in records)
    assert len(records) == 72 and len({r["id"] for r in records}) == 72
    per_event = Counter((r["event"], r["source"]) for r in records)
    assert set(per_event.values()) == {2} and len({e for e, _ in per_event}) == 12
    for event in {r["event"] for r in records}:
        days = sorted(date.fromisoformat(r["date"]) for r in records if r["event"] == event)
        assert (days[-1] - days[0]).days <= 2


def test_articles_on_one_event_share_names_in_different_titles():
    records = event_corpus(6, ("A", "B", "C"), seed=2, follow_ups=0.0)
    for event in sorted({r["event"] for r in records}):
        place = event.split(" in ", 1)[1]
        group = [r for r in records if r["event"] == event]
        assert all(place in r["text"] for r in group)
        assert len({r["title"] for r in group}) == 3
        others = [r for r in records if r["event"] != event]
        assert not any(place in r["text"] for r in others)


def test_follow_ups_reuse_an_earlier_place_weeks_later():
    records = event_corpus(30, seed=1, follow_ups=0.5)
    events = sorted({(r["event"].split(" in ", 1)[1], r["event"]) for r in records})
    places = Counter(place for place, _ in events)
    assert places.most_common(1)[0][1] >= 3
    place = places.most_common(1)[0][0]
    firsts = sorted(min(date.fromisoformat(r["date"]) for r in records if r["event"] == e)
                    for p, e in events if p == place)
    assert all((later - firsts[0]).days >= 12 for later in firsts[1:])  # 14–90 days after their origin


def test_bad_arguments_are_refused():
    with pytest.raises(SlantError, match="at least one event"):
        event_corpus(0)


def test_written_folder_loads_as_a_corpus_with_an_event_column(tmp_path):
    records = event_corpus(2, ("Outlet A", "Outlet B"), seed=0)
    folder = write_event_corpus(tmp_path / "corpus", records)
    with open(folder / "sources.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == EVENT_SOURCES_COLUMNS
    assert [r["event"] for r in rows] == [r["event"] for r in records]
    assert rows[0]["url"] == "https://example.org/outlet-a/outlet-a_0001_1"
    articles = load_corpus(folder)
    assert sorted(articles["id"]) == sorted(r["id"] for r in records)
    by_id = articles.set_index("id")
    first = records[0]
    assert by_id.loc[first["id"], "text"] == first["text"]
    assert (by_id.loc[first["id"], "source"], by_id.loc[first["id"], "date"]) == (first["source"], first["date"])
