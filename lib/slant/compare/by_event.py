"""The events of a corpus as a reader wants them listed: what each is, when, who covered it, key numbers.

`events_overview` gives one row per event (the largest first: most sources,
then most articles, then the earliest), with its label and dates from the
events table (`slant.events.EVENT_COLUMNS`) and, side by side, each source's
own-voice loaded terms per 1,000 words and share of negative sentences on that
event (`compare.paired.event_source_measures`). `most_loaded_articles` lists
the articles with the densest own-voice loaded wording.
"""

from __future__ import annotations

import pandas as pd

from ..pipeline import Results, article_events
from .paired import MEASURES_BY_KEY, event_source_measures

OVERVIEW_MEASURES = ("loaded_own_per_1000", "share_negative")
SHORT_NAMES = {"loaded_own_per_1000": "loaded /1,000 words", "share_negative": "% negative"}


def event_measure_column(source: str, key: str) -> str:
    """The `events_overview` column of one source's measure: "fox: loaded /1,000 words", "fox: % negative"."""
    return f"{source}: {SHORT_NAMES[key]}"


def events_overview_columns(results: Results) -> list[str]:
    """The columns of `events_overview` a page shows: what and when, who covered it, each source's loaded density."""
    return ["label", "first_date", "articles", "sources",
            *(event_measure_column(str(s), "loaded_own_per_1000") for s in results.sources)]


def events_overview(results: Results) -> pd.DataFrame:
    """One row per event: event id, label, first and last date, articles, sources, and per-source key measures."""
    event_of = article_events(results)
    articles = results.articles.assign(event=results.articles["id"].map(event_of))
    rows = articles.groupby("event", sort=False).agg(
        articles=("id", "size"), n_sources=("source", "nunique"),
        sources=("source", lambda s: ", ".join(sorted(map(str, s.unique())))),
        first_date=("date", lambda d: min((str(x) for x in d if str(x).strip()), default="")),
        last_date=("date", lambda d: max((str(x) for x in d if str(x).strip()), default="")))
    described = results.events.set_index("event")["label"] if results.events is not None and len(results.events) \
        else pd.Series(dtype=object)
    rows.insert(0, "label", [described.get(e, e) for e in rows.index])
    measures = event_source_measures(results)
    for key in OVERVIEW_MEASURES:
        wide = measures.pivot_table(index="event", columns="source", values=key, observed=True, aggfunc="first")
        for source in results.sources:
            if source in wide:
                rows[event_measure_column(source, key)] = (
                    wide[source].reindex(rows.index) * MEASURES_BY_KEY[key].scale).round(1)
    rows = rows.reset_index().sort_values(["n_sources", "articles", "first_date", "event"],
                                          ascending=[False, False, True, True], kind="stable")
    return rows.drop(columns="n_sources").reset_index(drop=True)


SHORT_ARTICLE_WORDS = 150  # below this, one or two terms make a density of chance ("2 in 26 words": 77 per 1,000)


def most_loaded_articles(results: Results, n: int | None = None) -> pd.DataFrame:
    """Articles by own-voice loaded terms per 1,000 words, densest first, articles under `SHORT_ARTICLE_WORDS`
    words after the rest (id kept for links)."""
    own = results.terms[(results.terms["voice"] == "outlet") & results.terms["loaded"].astype(bool)]
    counts = own.groupby("article_id").size()
    articles = results.articles
    table = pd.DataFrame({"article": articles["id"], "source": articles["source"].astype(str),
                          "title": [t or i for t, i in zip(articles["title"], articles["id"])],
                          "date": articles["date"],
                          "loaded terms, own voice": articles["id"].map(counts).fillna(0).astype(int),
                          "words": articles["n_words_own_voice"]})
    table["per 1,000 words"] = 1000 * table["loaded terms, own voice"] / table["words"].where(table["words"] > 0)
    short = table["words"] < SHORT_ARTICLE_WORDS
    table = (table.assign(_short=short).sort_values(["_short", "per 1,000 words", "article"],
                                                    ascending=[True, False, True], kind="stable").drop(columns="_short"))
    return (table if n is None else table.head(n)).reset_index(drop=True)
