"""How each source treats each actor: mentions, sentiment of the sentences naming it, attributions."""

from __future__ import annotations

import pandas as pd

from ..pipeline import Results


def actor_sentiment(results: Results) -> pd.DataFrame:
    """Mean VADER compound of own-voice sentences naming each actor, per source (with counts).

    A sentence naming an actor twice counts once for it; a sentence naming two
    actors counts for both.
    """
    sentences = results.sentences[results.sentences["voice"] == "outlet"]
    rows = []
    for (article_id, source), mentions in results.mentions.groupby(["article_id", "source"], observed=True):
        own = sentences[sentences["article_id"] == article_id]
        for mention in mentions.itertuples(index=False):
            hit = own[(own["start"] <= mention.start) & (mention.start < own["end"])]
            if not hit.empty:
                rows.append({"source": source, "actor": mention.actor, "sentence_index": int(hit["sentence_index"].iloc[0]),
                             "article_id": article_id, "compound": float(hit["compound"].iloc[0])})
    if not rows:
        return pd.DataFrame()
    table = pd.DataFrame(rows).drop_duplicates(["source", "actor", "article_id", "sentence_index"])
    stats = table.groupby(["actor", "source"]).agg(mean=("compound", "mean"), sentences=("compound", "size")).unstack("source")
    stats.columns = [f"{source}: {measure}" for measure, source in stats.columns]
    ordered = [f"{s}: {m}" for s in results.sources for m in ("mean", "sentences") if f"{s}: {m}" in stats.columns]
    return stats[ordered].round(3)


def actor_mentions_matrix(results: Results) -> pd.DataFrame:
    """Mentions of each actor (rows) per source (columns), own voice and quotations alike."""
    table = results.mentions.pivot_table(index="actor", columns="source", values="start", aggfunc="count",
                                         fill_value=0, observed=False)
    table = table.reindex(columns=results.sources, fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index].rename_axis(index="actor", columns=None)


def actor_sentiment_matrix(results: Results) -> pd.DataFrame:
    """Mean VADER compound of own-voice sentences naming each actor (rows) per source (columns); NaN: never named."""
    table = actor_sentiment(results)
    if table.empty:
        return table
    means = table[[c for c in table.columns if c.endswith(": mean")]]
    means.columns = [c.removesuffix(": mean") for c in means.columns]
    return means.reindex(columns=results.sources).rename_axis(index="actor", columns=None)


def actor_attribution_matrix(results: Results) -> pd.DataFrame:
    """Attributions whose speaker stands for each actor (rows) per source (columns)."""
    known = results.attributions[results.attributions["actor"].notna()]
    table = known.pivot_table(index="actor", columns="source", values="cue", aggfunc="count", fill_value=0,
                              observed=False)
    return table.reindex(columns=results.sources, fill_value=0).rename_axis(index="actor", columns=None)
