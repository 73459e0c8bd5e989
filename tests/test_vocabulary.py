"""Distinctive vocabulary that means something: acronyms kept, stop words, honorifics, boilerplate and outlet
names left out by default (data/vocabulary.yaml), and the chart saying what each source contributes."""

from __future__ import annotations

import pytest

from slant import charts, vocabulary
from slant.corpus import load_corpus
from slant.data_files import load_data_file, packaged_path
from slant.pipeline import Config, analyze_corpus

TEXTS = {
    "fox": "By John Smith\nFox News has learned that the US Senate voted on the bill. Mr. Doe said the vote was "
           "close. The Associated Press contributed to this report.\n",
    "nyt": "The U.S. Senate voted on the bill on Tuesday, The New York Times reported. Ms. Roe said the vote was "
           "close.\n",
    "hpo": "Senators in the U.S. passed the bill. HuffPost asked us about it. Follow us on Twitter.\n",
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outlets")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "sources.csv").write_text("file,source\nfox.txt,fox\nnyt.txt,nyt\nhpo.txt,hpo\n", encoding="utf-8")
    return analyze_corpus(load_corpus(folder), Config.load())


def used(counts, source):
    return sorted(counts.index[counts[source] > 0])


@pytest.mark.parametrize("token, word", [("US", "US"), ("U.S.", "US"), ("us", "us"), ("Us", "us"), ("NATO", "NATO"),
                                         ("U.N.", "UN"), ("Obama's", "obama"), ("Mr", "mr"), ("I", "i"),
                                         ("e.g.", "e.g."), ("US-led", "us-led")])
def test_us_and_u_s_are_one_word_never_the_pronoun(token, word):
    assert vocabulary.normalise_word(token) == word


def test_stop_words_honorifics_boilerplate_and_outlet_names_are_left_out(results):
    counts = vocabulary.word_counts(results)
    assert used(counts, "fox") == ["US", "bill", "close", "doe", "learned", "said", "senate", "vote", "voted"]
    assert used(counts, "nyt") == ["US", "bill", "close", "reported", "roe", "said", "senate", "tuesday", "vote",
                                   "voted"]
    # "us" of "asked us" is the pronoun, a word apart from "US" (the Snowball list has no "us")
    assert used(counts, "hpo") == ["US", "asked", "bill", "passed", "senators", "us"]


def test_leave_out_nothing_keeps_every_word(results):
    counts = vocabulary.word_counts(results, leave_out=())
    assert used(counts, "fox") == ["US", "associated", "bill", "by", "close", "contributed", "doe", "fox", "has",
                                   "john", "learned", "mr", "news", "on", "press", "report", "said", "senate",
                                   "smith", "that", "the", "this", "to", "vote", "voted", "was"]
    only_stop_words = vocabulary.word_counts(results, leave_out=("stop_words",))
    assert {"mr", "fox", "john"} <= set(used(only_stop_words, "fox")) and "the" not in used(only_stop_words, "fox")
    with pytest.raises(ValueError, match="unknown list"):
        vocabulary.word_counts(results, leave_out=("adverbs",))


def test_outlet_names_follow_the_labels_and_the_data():
    assert vocabulary.outlet_names(["fox", "Other Outlet"]) == [  # longest first: the pattern prefers them
        "Fox News Channel", "Other Outlet", "FoxNews.com", "Fox News", "FNC", "Fox", "fox"]
    assert vocabulary.outlet_names(["Outlet 000"]) == ["Outlet 000"]


def test_the_data_file_documents_every_list_it_leaves_out():
    data = load_data_file(packaged_path("vocabulary.yaml"))
    assert set(vocabulary.LEAVE_OUT) <= set(data)
    assert len(data["stop_words"]) == 174 and "of" in data["stop_words"] and "had" in data["stop_words"]
    assert all(name in data["description"] for name in vocabulary.LEAVE_OUT)


def test_distinctive_words_say_what_each_source_contributes(results):
    words = vocabulary.distinctive_words(results, top=2)
    assert list(words.columns) == vocabulary.DISTINCTIVE_COLUMNS
    by_source = words.drop_duplicates("source").set_index("source")
    assert by_source[["source_articles", "source_words"]].astype(int).to_dict("index") == {
        "fox": {"source_articles": 1, "source_words": 9}, "hpo": {"source_articles": 1, "source_words": 6},
        "nyt": {"source_articles": 1, "source_words": 10}}
    figure = charts.distinctive_words_chart(words)
    titles = sorted(ax.get_title(loc="left") for ax in figure.axes if ax.get_visible())
    assert titles == ["fox: 1 article, 9 words", "hpo: 1 article, 6 words", "nyt: 1 article, 10 words"]


def test_markers_titles_and_single_letters_are_house_style(tmp_path):
    (tmp_path / "a.txt").write_text("UPDATE (5:30 p.m.): Sen. J. Doe (R-Calif.) spoke on taxes.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Senator Jane Doe spoke on taxes.\n", encoding="utf-8")
    results = analyze_corpus(load_corpus(tmp_path), Config.load())
    counts = vocabulary.word_counts(results)
    assert used(counts, "a") == ["doe", "r-calif", "spoke", "taxes"]  # a hyphenated word is one word
    assert used(counts, "b") == ["doe", "jane", "senator", "spoke", "taxes"]
    assert used(vocabulary.word_counts(results, leave_out=()), "a") == [
        "UPDATE", "doe", "j", "on", "p.m.", "r-calif", "sen", "spoke", "taxes"]
