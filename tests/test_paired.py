"""Paired comparison across events: per-event values, shared events, intervals over events, findings."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from slant import align, compare
from slant.compare import paired
from slant.pipeline import Config, Results, table_columns

from helpers import SEED_000, SEED_002


def _results(per_event: dict[str, dict[str, int]], words: int = 1000) -> Results:
    """Hand-made results: one 1,000-word article per (event, source) with the given own-voice loaded terms.

    Every article has one neutral sentence (compound 0) and no attributions.
    """
    columns = table_columns()
    sources = pd.CategoricalDtype(sorted({s for counts in per_event.values() for s in counts}))
    articles, terms, sentences = [], [], []
    for event, counts in per_event.items():
        for source, n_terms in counts.items():
            article_id = f"{event}_{source}"
            articles.append({"id": article_id, "source": source, "title": article_id, "date": "", "url": "",
                             "note": "", "path": "", "event": event, "n_words": words, "n_sentences": 1,
                             "n_embedded_sentences": 0, "n_words_own_voice": words, "text": "x"})
            terms += [{"article_id": article_id, "source": source, "sentence_index": 0, "start": 0, "end": 1,
                       "text": "x", "term": "x", "category": "emotive", "loaded": True, "voice": "outlet"}] * n_terms
            sentences.append({"article_id": article_id, "source": source, "sentence_index": 0, "start": 0, "end": 1,
                              "paragraph": 0, "voice": "outlet", "text": "x", "compound": 0.0})

    def frame(rows, name, extra=()):
        table = pd.DataFrame(rows, columns=list(dict.fromkeys([*columns[name], *extra])))
        table["source"] = table["source"].astype(sources)
        return table

    return Results(articles=frame(articles, "articles", ["event"]), sentences=frame(sentences, "sentences"),
                   terms=frame(terms, "terms"), attributions=frame([], "attributions"),
                   mentions=frame([], "mentions"), embeds=frame([], "embeds"), readability=frame([], "readability"))


# A − B per 1,000 words on six shared events: 2, 1, 3, 0, −1, 2 (mean 7/6); C covers only three of them.
SIX_EVENTS = {"e1": {"A": 3, "B": 1, "C": 0}, "e2": {"A": 2, "B": 1, "C": 5}, "e3": {"A": 4, "B": 1, "C": 1},
              "e4": {"A": 1, "B": 1}, "e5": {"A": 0, "B": 1}, "e6": {"A": 2, "B": 0}}


def test_per_event_values_are_pooled_per_source_and_event():
    measures = compare.event_source_measures(_results(SIX_EVENTS))
    own = measures.set_index(["event", "source"])["loaded_own_per_1000"]
    assert own[("e1", "A")] == 3.0 and own[("e5", "B")] == 1.0 and own[("e2", "C")] == 5.0
    assert len(measures) == 15  # 6 events × A and B, plus C on 3


def test_paired_comparison_counts_shared_events_and_gives_the_hand_computed_mean():
    table = compare.paired_comparison(_results(SIX_EVENTS))
    row = table[(table["measure"] == "loaded_own_per_1000") & (table["source_a"] == "A")
                & (table["source_b"] == "B")].iloc[0]
    assert (row.n_shared_events, row.n_a_higher, row.n_b_higher, row.n_ties) == (6, 4, 1, 1)
    assert row.mean_difference == pytest.approx(7 / 6)
    assert row.low <= row.mean_difference <= row.high
    # the bootstrap resamples the six events: its bounds are means of six of the differences
    differences = np.array([2, 1, 3, 0, -1, 2])
    assert differences.min() <= row.low and row.high <= differences.max()
    assert row.effect_size == pytest.approx(differences.mean() / differences.std(ddof=1))
    assert row.verdict in ("A higher", "no clear difference")
    again = compare.paired_comparison(_results(SIX_EVENTS))
    pd.testing.assert_frame_equal(table, again)  # fixed seed: the same interval every run


def test_a_pair_with_three_shared_events_gets_counts_and_no_interval():
    table = compare.paired_comparison(_results(SIX_EVENTS))
    row = table[(table["measure"] == "loaded_own_per_1000") & (table["source_a"] == "A")
                & (table["source_b"] == "C")].iloc[0]
    assert (row.n_shared_events, row.n_a_higher, row.n_b_higher) == (3, 2, 1)
    assert np.isnan(row.low) and np.isnan(row.high)
    assert row.verdict == "too few shared events"
    assert row.note.startswith("3 shared events: an interval needs at least 5")


def test_a_clear_difference_is_read_out_with_its_number_and_interval():
    consistent = {f"e{k}": {"A": 3 + k % 2, "B": 1} for k in range(8)}  # A above B in every event
    table = compare.paired_comparison(_results(consistent))
    row = table[table["measure"] == "loaded_own_per_1000"].iloc[0]
    assert row.verdict == "A higher" and row.low > 0
    sentence = paired.paired_sentence(row)
    assert sentence.startswith("A uses more loaded terms in its own voice than B in 8 of 8 shared events; "
                               "mean difference +2.5 per 1,000 words, 95% CI +")
    found = compare.findings(_results(consistent))
    assert found.items[0]["text"] == sentence and found.items[0]["section"] == "05_comparison"
    assert len(found.items) <= 5


def test_an_interval_around_zero_is_no_clear_difference():
    mixed = {f"e{k}": {"A": 2 if k % 2 else 0, "B": 1} for k in range(8)}  # +1, −1 in turn
    row = compare.paired_comparison(_results(mixed)).iloc[0]
    assert row.verdict == "no clear difference" and row.low < 0 < row.high
    assert paired.paired_sentence(row).startswith(
        "No clear difference between A and B in loaded terms per 1,000 words, own voice: A is higher in 4 of 8 "
        "shared events; mean difference +0.0 per 1,000 words, 95% CI ")
    found = compare.findings(_results(mixed))
    assert "none of the" in found.lead and found.items[0]["text"].startswith("No clear difference")


def test_the_seeds_are_one_event_and_findings_describe_them_under_the_caveat(seed_results):
    table = compare.paired_comparison(seed_results)
    assert set(table["verdict"]) == {"too few shared events"} and set(table["n_shared_events"]) == {1}
    found = compare.findings(seed_results)
    assert found.lead.startswith("Each source is represented by one article")
    assert len(found.items) == 5
    # 27.4 (37.9 before the context model): six terms are in paraphrases, two are the model's, and "increasingly
    # exhausted and angry" is one grown term where the model's "increasingly exhausted and" and the lexicon's
    # "angry" were two (29.5)
    assert found.items[0]["text"].startswith("Outlet 000 uses 27.4 loaded terms per 1,000 words in its own voice")
    assert found.items[2]["text"].startswith("Outlet 000 reports Russia's speakers with assertive verbs in 5 of 5")


def test_no_aligned_pair_crosses_events(seed_results):
    actors = Config.load().actors
    same = align.align_sentences(seed_results, actors)
    assert len(same) > 0
    apart = seed_results.articles.assign(event=seed_results.articles["id"].map({SEED_000: "x", SEED_002: "y"}))
    split = dataclasses.replace(seed_results, articles=apart)
    assert align.align_sentences(split, actors).empty
    # and nothing is an omission when no other source covered the event
    assert align.unmatched_sentences(split, align.align_sentences(split, actors)).empty
    together = dataclasses.replace(seed_results, articles=apart.assign(event="x"))
    pd.testing.assert_frame_equal(align.align_sentences(together, actors), same)


def test_an_interval_bound_that_would_print_as_zero_shows_its_first_digit():
    per_1000 = compare.paired.MEASURES_BY_KEY["loaded_own_per_1000"]
    assert [per_1000.show(v) for v in (0.04, -0.0004, 0.0, 1.24)] == ["+0.04", "-0.0004", "+0.0", "+1.2"]
    assert compare.paired.MEASURES_BY_KEY["share_negative"].show(0.0003) == "+0.03"  # percentage points


def test_a_table_of_one_results_is_computed_once_and_each_caller_gets_its_own_copy(seed_results):
    from slant import memo

    calls = []

    @memo.per_results
    def measure(results, table):
        calls.append(1)
        return table.assign(n=len(results.articles))

    import pandas as pd

    table = pd.DataFrame({"a": [1, 2]})
    first = measure(seed_results, table)
    first.loc[0, "a"] = 99  # the caller's copy
    second = measure(seed_results, table)
    assert len(calls) == 1 and second["a"].tolist() == [1, 2] and second["n"].tolist() == [2, 2]
    measure(seed_results, pd.DataFrame({"a": [1, 2]}))  # another table: computed again
    assert len(calls) == 2


def test_merge_speakers_is_computed_once_per_attributions_table_and_shared(seed_results, monkeypatch):
    from slant.attribution import names

    calls = []
    real = names.name_merges
    monkeypatch.setattr(names, "name_merges", lambda table: calls.append(1) or real(table))
    table = seed_results.attributions.copy()
    assert names.merge_speakers(table) is names.merge_speakers(table)  # per_results(copy=False): shared, not copied
    assert len(calls) == 1
    other = table.copy()
    names.merge_speakers(other)  # another table: computed again
    assert len(calls) == 2
