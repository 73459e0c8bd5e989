import math

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from slant import sentiment
from helpers import SEED_000, SEED_002, seed_text


def test_every_sentence_score_equals_vaders_own(seed_results):
    vader = SentimentIntensityAnalyzer()
    texts = {SEED_000: seed_text(SEED_000), SEED_002: seed_text(SEED_002)}
    for row in seed_results.sentences.itertuples():
        expected = vader.polarity_scores(texts[row.article_id][row.start:row.end])
        assert (row.compound, row.pos, row.neu, row.neg) == (
            expected["compound"], expected["pos"], expected["neu"], expected["neg"])


def test_sentence_counts_per_seed(seed_results):
    counts = seed_results.sentences.groupby("article_id").size().to_dict()
    assert counts == {SEED_000: 15, SEED_002: 14}


def test_embedded_tweet_is_not_the_outlets_sentence_sentiment(seed_results):
    sentences = seed_results.sentences
    embed = sentences[(sentences["article_id"] == SEED_002) & (sentences["voice"] == "embed")]
    assert len(embed) == 2 and embed["text"].iloc[0].startswith("Report: NATO Meeting")
    per_article = sentiment.article_sentiment(sentences).set_index("article_id")
    own = sentences[(sentences["article_id"] == SEED_002) & (sentences["voice"] == "outlet")]
    assert per_article.loc[SEED_002, "n_sentences"] == 12
    assert math.isclose(per_article.loc[SEED_002, "mean_compound"], own["compound"].mean())
    assert not sentiment.most_negative_sentences(sentences, n=20)["text"].str.contains("NahBabyNah").any()


def test_article_aggregates_are_computed_from_sentences(seed_results):
    sentences = seed_results.sentences
    own = sentences[(sentences["article_id"] == SEED_000)]
    row = sentiment.article_sentiment(sentences).set_index("article_id").loc[SEED_000]
    assert row["n_sentences"] == 15
    assert math.isclose(row["share_negative"], (own["compound"] <= -0.05).mean())
    assert row["most_negative_sentence"] == own.loc[own["compound"].idxmin(), "text"]
    assert math.isclose(row["min_compound"], own["compound"].min())


def test_a_sentence_longer_than_the_vader_limit_is_scored_in_windows():
    long = " ".join(["The regime committed terrible crimes."] * 60)  # 300 words, one "sentence" for VADER
    vader = SentimentIntensityAnalyzer()
    words = long.split()  # windows of 100 words, cut by hand (MAX_VADER_WORDS // 2), not by the function tested
    assert sentiment.MAX_VADER_WORDS // 2 == 100
    windows = [" ".join(words[i:i + 100]) for i in (0, 100, 200)]
    expected = sum(vader.polarity_scores(w)["compound"] for w in windows) / 3
    assert sentiment.score_sentence(long)["compound"] == round(expected, 4)
    short = "Putin warned of serious consequences."
    assert sentiment.score_sentence(short) == vader.polarity_scores(short)


def test_a_sentence_a_source_repeats_is_one_of_its_most_negative_once():
    import pandas as pd

    note = "Editor's note: the mayor is a serial liar and a bully."
    rows = [("A", "a1", 0, note, -0.9), ("A", "a2", 4, note, -0.9), ("A", "a3", 1, "The fire killed two.", -0.8),
            ("B", "b1", 0, note, -0.9)]
    sentences = pd.DataFrame([{"source": s, "article_id": a, "sentence_index": i, "start": 0, "end": len(t),
                               "text": t, "compound": c, "voice": "outlet"} for s, a, i, t, c in rows])
    table = sentiment.most_negative_sentences(sentences, n=2)
    assert table[["source", "article_id", "text"]].values.tolist() == [
        ["A", "a1", note], ["A", "a3", "The fire killed two."], ["B", "b1", note]]
