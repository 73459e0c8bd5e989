"""Property tests: for any Unicode text the analysis returns, spans are exact, numbers finite, output stable."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from slant.pipeline import Config, analyze_article, analyze_corpus

CONFIG = Config.load()
NEWS_BITS = st.sampled_from(["Kyiv", "Putin said", "“", "”", '"', "’", ". ", "U.S.", "\n", " — ", "@nato", "#war",
                             "pic.twitter.com/x", "begging", "so-called", "regime", "NATO", "(", ")", "…", "Mr. ",
                             "not ", ":", "according to", "\u2028", "\r\n", "\t"])
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(NEWS_BITS, st.text(max_size=8)), max_size=60).map("".join))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans(rows: dict):
    for table in ("sentences", "terms", "mentions", "embeds"):
        for row in rows[table]:
            yield row["start"], row["end"], row["text"]
    for row in rows["attributions"]:
        for part in ("cue", "source", "content"):
            start = row.get(f"{part}_start")
            if start is not None and not pd.isna(start):
                yield int(start), int(row[f"{part}_end"]), None


@SETTINGS
@given(TEXTS)
def test_any_text_is_analysed_with_exact_spans_inside_it_and_finite_numbers(text):
    rows = analyze_article("x", text, CONFIG)
    for start, end, shown in spans(rows):
        assert 0 <= start <= end <= len(text)
        if shown is not None:
            assert text[start:end] == shown
    for sentence in rows["sentences"]:
        assert all(math.isfinite(sentence[k]) for k in ("compound", "pos", "neg", "neu") if k in sentence)
    summary = rows["summary"][0]
    assert summary["n_words"] >= summary["n_words_own_voice"] >= 0


@SETTINGS
@given(st.lists(TEXTS.filter(lambda t: t.strip()), min_size=1, max_size=3))
def test_the_same_corpus_gives_byte_identical_tables_and_finite_densities(texts):
    from slant.compare.wording import term_density

    articles = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "source": [f"S{i % 2}" for i in range(len(texts))],
                             "title": "", "date": "", "url": "", "note": "", "path": "", "text": texts})
    first, second = analyze_corpus(articles, CONFIG), analyze_corpus(articles, CONFIG)
    for name, table in first.tables().items():
        assert table.to_csv(index=False).encode() == second.tables()[name].to_csv(index=False).encode(), name
    density = term_density(first, CONFIG.lexicon)
    with_words = density[density["n_words"] > 0]
    assert with_words["terms_per_1000_words"].map(math.isfinite).all()
    assert density[density["n_words"] == 0]["terms_per_1000_words"].isna().all()  # no words: no density, not inf
