"""How each source treats each actor: mentions, sentiment of the sentences naming it, attributions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..pipeline import Results
from .speech import outlet_sourcing


def actor_sentiment(results: Results) -> pd.DataFrame:
    """Mean VADER compound of own-voice sentences naming each actor, per source (with counts).

    A sentence naming an actor twice counts once for it; a sentence naming two
    actors counts for both.
    """
    sentences = results.sentences[results.sentences["voice"] == "outlet"].sort_values(["article_id", "start"])
    own_of = {article_id: own for article_id, own in sentences.groupby("article_id", sort=False)}  # one pass
    rows = []
    for (article_id, source), mentions in results.mentions.groupby(["article_id", "source"], observed=True):
        own = own_of.get(article_id)
        if own is None:
            continue
        starts, ends = own["start"].to_numpy(), own["end"].to_numpy()
        indices, compounds = own["sentence_index"].to_numpy(), own["compound"].to_numpy()
        # sentences do not overlap: the one holding a mention is the last starting at or before it
        for mention, k in zip(mentions.itertuples(index=False),
                              np.searchsorted(starts, mentions["start"].to_numpy(), side="right") - 1):
            if k >= 0 and mention.start < ends[k]:
                rows.append({"source": source, "actor": mention.actor, "sentence_index": int(indices[k]),
                             "article_id": article_id, "compound": float(compounds[k])})
    if not rows:
        return pd.DataFrame()
    table = pd.DataFrame(rows).drop_duplicates(["source", "actor", "article_id", "sentence_index"])
    stats = table.groupby(["actor", "source"]).agg(mean=("compound", "mean"), sentences=("compound", "size")).unstack("source")
    stats.columns = [f"{source}: {measure}" for measure, source in stats.columns]
    ordered = [f"{s}: {m}" for s in results.sources for m in ("mean", "sentences") if f"{s}: {m}" in stats.columns]
    return stats[ordered].round(3)


def embedded_mentions(results: Results) -> dict[str, int]:
    """Per source: actor names inside embedded social posts (left out of `actor_mentions_matrix`), none omitted."""
    counts = results.mentions[results.mentions["voice"] == "embed"].groupby("source", observed=True).size()
    return {str(source): int(n) for source, n in counts.items() if n}


def actor_mentions_matrix(results: Results) -> pd.DataFrame:
    """Mentions of each actor (rows) per source (columns), own voice and quotations alike.

    Names inside an embedded social post (``voice == "embed"``) are its
    author's, not the outlet's: they are left out (`embedded_mentions`).
    """
    outlet = results.mentions[results.mentions["voice"] != "embed"]
    table = outlet.pivot_table(index="actor", columns="source", values="start", aggfunc="count", fill_value=0,
                               observed=False)
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
    """Attributions whose speaker stands for each actor (rows) per source (columns); embedded posts left out."""
    known = outlet_sourcing(results.attributions)
    known = known[known["actor"].notna()]
    table = known.pivot_table(index="actor", columns="source", values="cue", aggfunc="count", fill_value=0,
                              observed=False)
    return table.reindex(columns=results.sources, fill_value=0).rename_axis(index="actor", columns=None)
