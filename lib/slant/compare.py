"""Per-source aggregates of the analysis tables, side by side.

Densities are per 1,000 words of the outlet's own text (embedded posts
excluded), counting a source's articles together: a source's density is its
terms over its words, not a mean of article densities. Every function takes
`Results` (or one of its tables) and returns a DataFrame; the ``source``
column keeps the corpus's categorical order so charts colour sources alike.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .lexicon import STRUCTURAL_CATEGORIES, STRUCTURAL_VOICE, Lexicon
from .pipeline import Results
from .sentiment import source_sentiment

DENSITY_COLUMNS = ["source", "category", "label", "voice", "n_terms", "n_words", "terms_per_1000_words"]
VOICES = ("outlet", "quoted")


def category_labels(lexicon: Lexicon | None = None) -> dict[str, str]:
    """Category name → human label (lexicon files' ``label``, plus the structural ones)."""
    labels = {name: label for name, (label, _, _) in STRUCTURAL_CATEGORIES.items()}
    if lexicon is not None:
        labels.update({name: c.label for name, c in lexicon.categories.items()})
    return labels


def _words_by_source(results: Results) -> pd.Series:
    return results.articles.groupby("source", observed=False)["n_words_own_voice"].sum()


def _category_flags(results: Results, lexicon: Lexicon | None) -> dict[str, bool]:
    """Category → counted as loaded wording (from the lexicon, else from the terms table)."""
    flags = {name: loaded for name, (_, _, loaded) in STRUCTURAL_CATEGORIES.items()}
    flags.update({name: c.loaded for name, c in (lexicon.categories.items() if lexicon else [])})
    for category, loaded in results.terms[["category", "loaded"]].drop_duplicates().itertuples(index=False):
        flags.setdefault(category, bool(loaded))
    return flags


def term_density(results: Results, lexicon: Lexicon | None = None, *, loaded: bool = True) -> pd.DataFrame:
    """Per source, category and voice (outlet / quoted): count and terms per 1,000 words.

    ``loaded=True`` covers the categories counted as loaded wording;
    ``loaded=False`` the described ones (naming choices, hedges, factives…).
    Every (source, category, voice) combination is present, with zeros, so a
    missing bar means zero, not missing data.
    """
    labels = category_labels(lexicon)
    categories = sorted(c for c, flag in _category_flags(results, lexicon).items() if flag == loaded)
    words = _words_by_source(results)
    counts = (results.terms[results.terms["voice"].isin(VOICES)]
              .groupby(["source", "category", "voice"], observed=True).size())
    rows = []
    for source in results.sources:
        for category in categories:
            for voice in VOICES:
                if STRUCTURAL_VOICE.get(category, voice) != voice:
                    continue  # a partial quote is never in the outlet's voice, a scare quote always is
                n = int(counts.get((source, category, voice), 0))
                n_words = int(words.get(source, 0))
                rows.append({"source": source, "category": category, "label": labels.get(category, category),
                             "voice": voice, "n_terms": n, "n_words": n_words,
                             "terms_per_1000_words": 1000 * n / n_words if n_words else float("nan")})
    frame = pd.DataFrame(rows, columns=DENSITY_COLUMNS)
    frame["source"] = frame["source"].astype(results.articles["source"].dtype)
    return frame


def article_term_density(results: Results) -> pd.DataFrame:
    """Per article and category: loaded terms in the outlet's own voice per 1,000 words."""
    own = results.terms[(results.terms["voice"] == "outlet") & results.terms["loaded"].astype(bool)]
    counts = own.groupby(["article_id", "category"]).size().unstack(fill_value=0)
    table = results.articles.set_index("id")[["source", "n_words_own_voice"]].join(counts).fillna(0)
    categories = [c for c in counts.columns]
    for category in categories:
        table[category] = 1000 * table[category] / table["n_words_own_voice"]
    return table.rename_axis("article_id").reset_index()


def articles_overview(results: Results) -> pd.DataFrame:
    """The articles as a reader wants them listed: source, title, date, size and the note."""
    table = results.articles.rename(columns={"id": "article", "n_words": "words", "n_sentences": "sentences",
                                             "n_embedded_sentences": "sentences in embedded posts"})
    return table[["source", "article", "title", "date", "words", "sentences", "sentences in embedded posts", "note"]]


def naming_choices(results: Results) -> pd.DataFrame:
    """Which form of each contested name every source uses, and how often."""
    naming = results.terms[results.terms["category"] == "naming"]
    table = (naming.groupby(["group", "source", "variant", "text"], observed=True).size()
             .rename("n_uses").reset_index())
    return table.sort_values(["group", "source", "n_uses"], ascending=[True, True, False]).reset_index(drop=True)


def top_terms(results: Results, n: int = 10) -> pd.DataFrame:
    """The most frequent loaded terms of each source (naming choices excluded), with voice."""
    terms = results.terms[results.terms["loaded"].astype(bool) & results.terms["voice"].isin(VOICES)]
    table = (terms.groupby(["source", "term", "category", "voice"], observed=True).size()
             .rename("n_uses").reset_index())
    table = table.sort_values(["source", "n_uses", "term"], ascending=[True, False, True])
    return table.groupby("source", observed=True).head(n).reset_index(drop=True)


def terms_by_target(results: Results) -> pd.DataFrame:
    """Loaded terms in the outlet's own voice, counted per source × target actor."""
    terms = results.terms[(results.terms["voice"] == "outlet") & results.terms["loaded"].astype(bool)]
    return (terms.assign(target=terms["target"].fillna("(no actor)"))
            .groupby(["source", "target"], observed=True).size().rename("n_terms").reset_index())


def target_matrix(results: Results) -> pd.DataFrame:
    """Own-voice loaded terms aimed at each actor (rows) per source (columns), zeros included."""
    table = terms_by_target(results).pivot_table(index="target", columns="source", values="n_terms",
                                                 fill_value=0, observed=False, aggfunc="sum")
    table = table.reindex(columns=results.sources, fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index].rename_axis(index="target actor",
                                                                                        columns=None)


def speaker_counts(results: Results) -> pd.DataFrame:
    """Per source and speaker: attributions and words of attributed content."""
    table = results.attributions.assign(
        speaker=results.attributions["speaker"].fillna("(unnamed)"),
        actor=results.attributions["actor"].fillna("(no actor)"),
        content_words=results.attributions["content"].fillna("").str.count(r"\w+"))
    return (table.groupby(["source", "speaker", "actor", "speaker_type"], observed=True)
            .agg(n_attributions=("cue", "size"), content_words=("content_words", "sum"))
            .reset_index().sort_values(["source", "n_attributions"], ascending=[True, False]).reset_index(drop=True))


def register_counts(results: Results) -> pd.DataFrame:
    """Per source and reporting-verb register: number of attributions and share of the source's."""
    counts = results.attributions.groupby(["source", "register"], observed=True).size().rename("n_attributions")
    table = counts.reset_index()
    table["share"] = table["n_attributions"] / table.groupby("source", observed=True)["n_attributions"].transform("sum")
    return table


def attribution_summary(results: Results) -> pd.DataFrame:
    """Per source: attributions, per 1,000 words, and shares direct / indirect / mixed / vague."""
    words = _words_by_source(results)
    rows = []
    for source in results.sources:
        own = results.attributions[results.attributions["source"] == source]
        own = own[own["speaker_type"] != "embed"]
        n = len(own)
        share = (lambda mask: float(mask.mean()) if n else float("nan"))
        rows.append({"source": source, "n_attributions": n,
                     "attributions_per_1000_words": 1000 * n / words[source] if words[source] else float("nan"),
                     "share_direct": share(own["kind"] == "direct"), "share_indirect": share(own["kind"] == "indirect"),
                     "share_mixed": share(own["kind"] == "mixed"), "share_vague": share(own["speaker_type"] == "vague"),
                     "n_speakers": own["speaker"].nunique()})
    return pd.DataFrame(rows)


def source_summary(results: Results, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The key measures, one row per measure and one column per source (read across)."""
    density = term_density(results, lexicon)
    own = density[density["voice"] == "outlet"]
    quoted = density[density["voice"] == "quoted"]
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
            "words (own voice)": int(articles["n_words_own_voice"].sum()),
            "sentences (own voice)": int(sentiment.loc[source, "n_sentences"]) if source in sentiment.index else 0,
            "loaded terms per 1,000 words, own voice":
                round(own[own["source"] == source]["n_terms"].sum() * 1000 / max(1, articles["n_words_own_voice"].sum()), 1),
            "loaded terms per 1,000 words, in quotes":
                round(quoted[quoted["source"] == source]["n_terms"].sum() * 1000 / max(1, articles["n_words_own_voice"].sum()), 1),
        }
        for category in sorted(own["category"].unique()):
            row = own[(own["source"] == source) & (own["category"] == category)]
            column[f"  {row['label'].iloc[0].lower()} per 1,000 words"] = round(float(row["terms_per_1000_words"].iloc[0]), 1)
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


def findings(results: Results, lexicon: Lexicon | None = None) -> list[dict[str, str]]:
    """Plain-language sentences computed from the numbers (never written by hand).

    Each finding is ``{"text": …, "section": …}``, the section being the
    notebook that shows the evidence (the report links to it).
    """
    density = term_density(results, lexicon)
    own = density[density["voice"] == "outlet"]
    by_source = own.groupby("source", observed=True)[["n_terms"]].sum().join(
        _words_by_source(results).rename("n_words"))
    lines = []
    for source, row in by_source.iterrows():
        top = own[(own["source"] == source) & (own["n_terms"] > 0)].sort_values("n_terms", ascending=False)
        detail = ", ".join(f"{r.label.lower()} {r.n_terms}" for r in top.head(3).itertuples()) or "none"
        lines.append({"section": "01_loaded_language",
                      "text": f"{source} uses {1000 * row.n_terms / max(1, row.n_words):.1f} loaded terms per 1,000 "
                              f"words in its own voice ({int(row.n_terms)} in {int(row.n_words)} words; most: {detail})."})
    targets = terms_by_target(results)
    for source, rows in targets.groupby("source", observed=True):
        top = rows.sort_values("n_terms", ascending=False).iloc[0]
        if top["n_terms"] > 0 and top["target"] != "(no actor)":
            lines.append({"section": "01_loaded_language",
                          "text": f"{source} aims {int(top['n_terms'])} of its {int(rows['n_terms'].sum())} own-voice "
                                  f"loaded terms at {top['target']}."})
    naming = naming_choices(results)
    for group, rows in naming.groupby("group"):
        uses = [f"{s} writes {', '.join(sorted(set(r['text'])))}" for s, r in rows.groupby("source", observed=True)]
        silent = [s for s in results.sources if s not in set(rows["source"])]
        uses += [f"{', '.join(silent)} {'uses' if len(silent) == 1 else 'use'} neither form"] if silent else []
        lines.append({"section": "01_loaded_language", "text": f"Naming ({group}): {'; '.join(uses)}."})
    sentiment = source_sentiment(results.sentences)
    for row in sentiment.itertuples():
        lines.append({"section": "02_sentiment",
                      "text": f"{row.source}: mean sentence sentiment {row.mean_compound:+.2f} (VADER compound, -1 to "
                              f"+1); {row.share_negative:.0%} of its {row.n_sentences} own sentences are negative."})
    attribution = attribution_summary(results)
    for row in attribution.itertuples():
        lines.append({"section": "03_attribution",
                      "text": f"{row.source} attributes {row.n_attributions} statements to {row.n_speakers} speakers; "
                              f"{row.share_direct:.0%} are direct quotes and {row.share_vague:.0%} come from vague "
                              f"sources."})
    verbs = actor_verbs(results)
    for row in verbs.itertuples(index=False):
        registers = pd.Series([v.rsplit("(", 1)[1].rstrip(")") for v in row.verbs.split(", ")]).value_counts()
        if row.n_attributions >= 2 and registers.iloc[0] / row.n_attributions >= 0.6:
            lines.append({"section": "05_comparison",
                          "text": f"{row.source} reports {row.actor}'s speakers mostly with {registers.index[0]} verbs "
                                  f"({row.verbs})."})
    if results.articles.groupby("source", observed=True).size().max() < 2:
        lines.append({"section": "05_comparison",
                      "text": "Each source is represented by one article: these numbers describe those articles, "
                              "not the outlets, and support no statistical inference."})
    return lines


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


def actor_verbs(results: Results) -> pd.DataFrame:
    """For each source and actor: the reporting verbs used for the actor's speakers, with their registers."""
    known = results.attributions[results.attributions["actor"].notna()]
    rows = [{"source": source, "actor": actor, "n_attributions": len(group),
             "verbs": ", ".join(f"{cue} ({register})" for cue, register in zip(group["cue"], group["register"]))}
            for (source, actor), group in known.groupby(["source", "actor"], observed=True)]
    return pd.DataFrame(rows, columns=["source", "actor", "n_attributions", "verbs"])


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
    table["attributions"] = results.attributions[results.attributions["speaker_type"] != "embed"].groupby("article_id").size()
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


def register_by_actor(results: Results) -> pd.DataFrame:
    """Per source, actor and register: how many of the actor's speakers' statements use that register."""
    known = results.attributions[results.attributions["speaker_type"] != "embed"]
    known = known.assign(actor=known["actor"].fillna("(no actor)"))
    return (known.groupby(["source", "actor", "register"], observed=True).size().rename("n_attributions")
            .reset_index())


def share_of_voice(results: Results) -> pd.DataFrame:
    """Per source and actor: attributions and words of attributed content, and their shares of the source's."""
    table = results.attributions[results.attributions["speaker_type"] != "embed"]
    table = table.assign(actor=table["actor"].fillna("(no actor)"),
                         content_words=table["content"].fillna("").str.count(r"\w+"))
    grouped = (table.groupby(["source", "actor"], observed=True)
               .agg(n_attributions=("cue", "size"), content_words=("content_words", "sum")).reset_index())
    totals = grouped.groupby("source", observed=True)[["n_attributions", "content_words"]].transform("sum")
    grouped["share_of_attributions"] = grouped["n_attributions"] / totals["n_attributions"]
    grouped["share_of_content_words"] = grouped["content_words"] / totals["content_words"].where(totals["content_words"] > 0)
    return grouped.sort_values(["source", "n_attributions"], ascending=[True, False]).reset_index(drop=True)


def unknown_cues(results: Results) -> pd.DataFrame:
    """Reporting cues that the verb-register file does not classify, for the user to add."""
    unknown = results.attributions[results.attributions["register"] == "unknown"]
    return (unknown.groupby(["cue"], observed=True).size().rename("n_uses").reset_index()
            .sort_values(["n_uses", "cue"], ascending=[False, True]).reset_index(drop=True))
