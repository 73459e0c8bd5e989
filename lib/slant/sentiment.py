"""VADER sentiment per sentence, aggregated per article and per source.

VADER (Hutto & Gilbert 2014) is built for short texts, so every sentence is
scored alone and articles are described by aggregates of their sentences,
never scored as one string. ``compound`` runs from -1 (most negative) to +1
(most positive); a sentence is negative when compound ≤ -0.05, VADER's own
threshold. Aggregates use the outlet's own sentences only: embedded social
posts are scored but kept apart (``voice == "embed"``).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .segment import OUTLET, Sentence

SCORE_COLUMNS = ["compound", "pos", "neu", "neg"]
NEGATIVE_THRESHOLD = -0.05
POSITIVE_THRESHOLD = 0.05
ARTICLE_SENTIMENT_COLUMNS = ["article_id", "source", "n_sentences", "mean_compound", "share_negative",
                             "share_positive", "min_compound", "most_negative_sentence"]


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """One VADER analyzer per process (loading its lexicon takes ~0.1 s)."""
    return SentimentIntensityAnalyzer()


MAX_VADER_WORDS = 200  # VADER's cost grows with the square of a sentence's length


def _windows(sentence: str, size: int) -> list[str]:
    words = sentence.split()
    return [" ".join(words[i:i + size]) for i in range(0, len(words), size)]


def score_sentence(sentence: str) -> dict[str, float]:
    """VADER's scores for one sentence; a "sentence" of more than MAX_VADER_WORDS words

    (in practice a segmentation failure: a list, a table, text without
    punctuation) is scored in windows of 100 words, averaged by their length,
    so that its cost stays linear.
    """
    vader = analyzer()
    if len(sentence.split()) <= MAX_VADER_WORDS:
        return vader.polarity_scores(sentence)
    windows = _windows(sentence, MAX_VADER_WORDS // 2)
    weights = [len(w.split()) for w in windows]
    scores = [vader.polarity_scores(w) for w in windows]
    return {key: round(sum(s[key] * n for s, n in zip(scores, weights)) / sum(weights), 4) for key in SCORE_COLUMNS}


def score_sentences(text: str, sentences: list[Sentence]) -> list[dict[str, float]]:
    """VADER's compound/pos/neu/neg for each sentence ``text[start:end]`` (see `score_sentence`)."""
    return [score_sentence(text[s.start:s.end]) for s in sentences]


def _describe(group: pd.DataFrame) -> pd.Series:
    own = group[group["voice"] == OUTLET]
    if own.empty:
        return pd.Series({"n_sentences": 0, "mean_compound": float("nan"), "share_negative": float("nan"),
                          "share_positive": float("nan"), "min_compound": float("nan"),
                          "most_negative_sentence": None})
    worst = own.loc[own["compound"].idxmin()]
    return pd.Series({
        "n_sentences": len(own),
        "mean_compound": own["compound"].mean(),
        "share_negative": (own["compound"] <= NEGATIVE_THRESHOLD).mean(),
        "share_positive": (own["compound"] >= POSITIVE_THRESHOLD).mean(),
        "min_compound": worst["compound"],
        "most_negative_sentence": worst["text"],
    })


def article_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article: mean compound, share of negative/positive sentences, the most negative one."""
    if sentences.empty:
        return pd.DataFrame(columns=ARTICLE_SENTIMENT_COLUMNS)
    rows = [dict(article_id=a, source=s, **_describe(g)) for (a, s), g in sentences.groupby(["article_id", "source"], sort=False)]
    return pd.DataFrame(rows, columns=ARTICLE_SENTIMENT_COLUMNS)


def source_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per source, over all its articles' own sentences (each sentence weighs the same)."""
    columns = ["source"] + ARTICLE_SENTIMENT_COLUMNS[2:]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    rows = [dict(source=s, **_describe(g)) for s, g in sentences.groupby("source", sort=False)]
    return pd.DataFrame(rows, columns=columns)


def most_negative_sentences(sentences: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` most negative own-voice sentences of each source, with their offsets; a sentence a source
    repeats word for word (a boilerplate editor's note) is shown once, at its first article."""
    own = sentences[sentences["voice"] == OUTLET]
    columns = ["source", "article_id", "sentence_index", "start", "end", "compound", "text"]
    return (own.sort_values(["source", "compound", "article_id", "sentence_index"])
               .drop_duplicates(["source", "text"])
               .groupby("source", sort=False, observed=True).head(n)[columns].reset_index(drop=True))
