"""The per-source summary table, computed findings, and bootstrap intervals over articles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..lexicon import Lexicon
from ..pipeline import Results
from ..sentiment import source_sentiment
from .speech import attribution_summary, outlet_sourcing
from .wording import words_by_source, naming_choices, term_density, terms_by_target


def source_summary(results: Results, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The key measures, one row per measure and one column per source (read across)."""
    density = term_density(results, lexicon)
    own = density[density["voice"] == "outlet"]
    quoted = density[density["voice"] == "quoted"]
    paraphrase = density[density["voice"] == "paraphrase"]
    sentiment = source_sentiment(results.sentences).set_index("source")
    attribution = attribution_summary(results).set_index("source")
    readability = results.readability.groupby("source", observed=True)["flesch_reading_ease"].mean()
    naming = naming_choices(results)
    rows: dict[str, dict] = {}
    for source in results.sources:
        articles = results.articles[results.articles["source"] == source]
        forms = naming[naming["source"] == source]
        column = {
            "articles": len(articles),
            "words (embedded posts excluded)": int(articles["n_words_own_voice"].sum()),
            "sentences (embedded posts excluded)": int(sentiment.loc[source, "n_sentences"]) if source in sentiment.index else 0,
            "loaded terms per 1,000 words, own voice":
                round(own[own["source"] == source]["n_terms"].sum() * 1000 / max(1, articles["n_words_own_voice"].sum()), 1),
            "loaded terms per 1,000 words, in quotes":
                round(quoted[quoted["source"] == source]["n_terms"].sum() * 1000 / max(1, articles["n_words_own_voice"].sum()), 1),
            "loaded terms per 1,000 words, in paraphrase":
                round(paraphrase[paraphrase["source"] == source]["n_terms"].sum() * 1000
                      / max(1, articles["n_words_own_voice"].sum()), 1),
        }
        for category in sorted(own["category"].unique()):
            row = own[(own["source"] == source) & (own["category"] == category)]
            column[f"  {row['label'].iloc[0].lower()} per 1,000 words"] = round(float(row["terms_per_1000_words"].iloc[0]), 1)
        if len(naming):  # no naming pair in the corpus: no all-dash row
            column["names used (Kiev/Kyiv…)"] = ", ".join(f"{t} ×{n}" for t, n in zip(forms["text"], forms["n_uses"])) or "—"
        column["mean sentence sentiment (VADER compound)"] = round(float(sentiment.loc[source, "mean_compound"]), 3)
        column["share of negative sentences"] = round(float(sentiment.loc[source, "share_negative"]), 2)
        column["attributions"] = int(attribution.loc[source, "n_attributions"])
        column["share of direct quotes"] = round(float(attribution.loc[source, "share_direct"]), 2)
        column["share of vague sources"] = round(float(attribution.loc[source, "share_vague"]), 2)
        column["Flesch reading ease (higher = easier)"] = round(float(readability.get(source, float("nan"))), 1)
        for key, value in column.items():
            rows.setdefault(key, {})[source] = value
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("measure").reset_index()


BOOTSTRAP_MEASURES = {
    "loaded terms per 1,000 words (own voice)": "loaded_per_1000",
    "mean sentence sentiment (VADER compound)": "mean_compound",
    "attributions per 1,000 words": "attributions_per_1000",
}


def _article_measures(results: Results) -> pd.DataFrame:
    own_terms = results.terms[(results.terms["voice"] == "outlet") & results.terms["loaded"].astype(bool)]
    own_sentences = results.sentences[results.sentences["voice"] == "outlet"]
    table = results.articles.set_index("id")[["source", "n_words_own_voice"]].copy()
    table["loaded"] = own_terms.groupby("article_id").size()
    table["attributions"] = outlet_sourcing(results.attributions).groupby("article_id").size()
    table["compound_sum"] = own_sentences.groupby("article_id")["compound"].sum()
    table["n_sentences"] = own_sentences.groupby("article_id").size()
    return table.fillna(0)


def _pooled(table: pd.DataFrame) -> dict[str, float]:
    words = table["n_words_own_voice"].sum()
    return {"loaded_per_1000": 1000 * table["loaded"].sum() / words if words else float("nan"),
            "mean_compound": table["compound_sum"].sum() / table["n_sentences"].sum() if table["n_sentences"].sum() else float("nan"),
            "attributions_per_1000": 1000 * table["attributions"].sum() / words if words else float("nan")}


def bootstrap_intervals(results: Results, *, resamples: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Per source and measure: the value and a 95% bootstrap interval over its articles.

    Articles are resampled with replacement (percentile interval, fixed seed so
    a report is reproducible). A source with one article gets no interval: its
    numbers describe that article and support no inference about the outlet.
    """
    measures = _article_measures(results)
    rng = np.random.default_rng(seed)
    rows = []
    for source in results.sources:
        table = measures[measures["source"] == source]
        value = _pooled(table)
        draws = [_pooled(table.iloc[rng.integers(0, len(table), len(table))]) for _ in range(resamples)] \
            if len(table) > 1 else []
        for label, key in BOOTSTRAP_MEASURES.items():
            low = high = float("nan")
            if draws:
                low, high = np.nanpercentile([d[key] for d in draws], [2.5, 97.5])
            rows.append({"source": source, "measure": label, "value": value[key], "low": low, "high": high,
                         "n_articles": len(table)})
    frame = pd.DataFrame(rows)
    frame["source"] = pd.Categorical(frame["source"], categories=results.sources)
    return frame
