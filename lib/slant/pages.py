"""The report's detail pages: one per article, one per event, and an index of each.

``articles/<name>.html`` shows an article highlighted (loaded terms by
category, reporting verbs underlined, embedded posts boxed) with its numbers,
every term and every attribution; ``events/<name>.html`` shows an event's
per-source numbers side by side, its aligned sentences (same fact, different
words), what only one source reports, and its articles side by side.
`article_pages` and `event_pages` return ``{relative path: html}`` so that
`slant.publish.Publisher.pages` writes them (atomically) into a run folder.
Pages are self-contained (inline CSS, no scripts, no network) and every text
goes through Jinja2's autoescaping (`slant.render`).
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd
from markupsafe import Markup

from . import __version__, align, highlight
from .compare.paired import PAIRED_MEASURES, event_source_measures
from .pipeline import Results, article_events
from .render import render, site_css, table_html

ARTICLES_DIR = "articles"
EVENTS_DIR = "events"
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
DESCRIBED_SHOWN = highlight.DESCRIBED_SHOWN


def page_name(identifier: str) -> str:
    """A file name for an article id or event: readable, safe on every file system, unique per identifier."""
    safe = SAFE_NAME.sub("_", str(identifier)).strip("._")[:80] or "item"
    if safe != str(identifier):  # changed characters could make two ids meet: keep them apart
        safe += "-" + hashlib.sha1(str(identifier).encode("utf-8")).hexdigest()[:8]
    return f"{safe}.html"


def article_href(article_id: str, *, from_dir: str = "") -> str:
    return f"{'../' if from_dir else ''}{ARTICLES_DIR}/{page_name(article_id)}"


def event_href(event: str, *, from_dir: str = "") -> str:
    return f"{'../' if from_dir else ''}{EVENTS_DIR}/{page_name(event)}"


def _nav(from_dir: str) -> list[tuple[str, str]]:
    up = "../" if from_dir else ""
    return [("← report", f"{up}report.html"), ("all events", f"{up}{EVENTS_DIR}/index.html"),
            ("all articles", f"{up}{ARTICLES_DIR}/index.html")]


def _page(template: str, title: str, from_dir: str, **values) -> str:
    return render(template, page_title=title, css=site_css(), highlight_css=Markup(highlight.CSS),
                  nav=_nav(from_dir), version=__version__, created="", **values)


def _shown_terms(results: Results) -> pd.DataFrame:
    terms = results.terms
    return terms[terms["loaded"].astype(bool) | terms["category"].isin(DESCRIBED_SHOWN)]


def _groups(frame: pd.DataFrame, key: str = "article_id") -> dict:
    return dict(tuple(frame.groupby(key, sort=False, observed=True))) if len(frame) else {}


def _article_numbers(article, terms: pd.DataFrame, sentences: pd.DataFrame, attributions: pd.DataFrame,
                     readability: pd.DataFrame) -> list[tuple[str, str]]:
    words = int(article.n_words_own_voice) or 0
    loaded = terms[terms["loaded"].astype(bool)] if len(terms) else terms
    own = int((loaded["voice"] == "outlet").sum()) if len(loaded) else 0
    quoted = int((loaded["voice"] == "quoted").sum()) if len(loaded) else 0
    paraphrase = int((loaded["voice"] == "paraphrase").sum()) if len(loaded) else 0
    own_sentences = sentences[sentences["voice"] == "outlet"] if len(sentences) else sentences
    numbers = [("words (embedded posts excluded)", f"{words:,}"),
               ("loaded terms, own voice", f"{own} ({1000 * own / words:.1f} per 1,000 words)" if words else str(own)),
               ("loaded terms, inside quotations", f"{quoted} ({1000 * quoted / words:.1f} per 1,000 words)"
                if words else str(quoted)),
               ("loaded terms, in paraphrases of speakers",
                f"{paraphrase} ({1000 * paraphrase / words:.1f} per 1,000 words)" if words else str(paraphrase)),
               ("attributions", str(len(attributions)))]
    if len(own_sentences):
        numbers.append(("mean sentence sentiment (VADER, −1 to +1)", f"{own_sentences['compound'].mean():+.2f}"))
    if len(readability) and pd.notna(readability["flesch_reading_ease"].iloc[0]):
        numbers.append(("Flesch reading ease (higher = easier)", f"{readability['flesch_reading_ease'].iloc[0]:.1f}"))
    return numbers


TERM_TABLE = {"text": "words", "category": "category", "voice": "voice", "target": "aimed at", "note": "why it counts"}
ATTRIBUTION_TABLE = {"speaker": "speaker", "actor": "actor", "cue": "verb", "register": "register", "kind": "kind",
                     "content": "what is attributed"}


def _terms_table(terms: pd.DataFrame, labels: dict[str, str]) -> Markup:
    if terms.empty:
        return Markup("<p class='slant-note'>No lexicon terms in this article.</p>")
    table = terms[[c for c in TERM_TABLE if c in terms]].rename(columns=TERM_TABLE)
    table["category"] = table["category"].map(lambda c: labels.get(c, c))
    return table_html(table)


def _attributions_table(attributions: pd.DataFrame) -> Markup:
    if attributions.empty:
        return Markup("<p class='slant-note'>No attributions found in this article.</p>")
    return table_html(attributions[[c for c in ATTRIBUTION_TABLE if c in attributions]].rename(columns=ATTRIBUTION_TABLE))


def article_pages(results: Results, labels: dict[str, str] | None = None) -> dict[str, str]:
    """``{"articles/<name>.html": page}`` for every article, plus ``articles/index.html`` listing them."""
    labels = labels or {}
    terms = _shown_terms(results)
    groups = {name: _groups(frame) for name, frame in (
        ("terms", terms), ("all_terms", results.terms[results.terms["loaded"].astype(bool)
                                                       | ~results.terms["category"].isin(["embed"])]),
        ("attributions", results.attributions), ("embeds", results.embeds), ("sentences", results.sentences),
        ("readability", results.readability))}
    empty = {name: frame.iloc[:0] for name, frame in (
        ("terms", terms), ("all_terms", results.terms), ("attributions", results.attributions),
        ("embeds", results.embeds), ("sentences", results.sentences), ("readability", results.readability))}
    event_of = article_events(results)
    event_labels = _event_labels(results)
    legend = Markup(highlight.legend_html(sorted(terms["category"].unique()), labels, style=False))
    pages = {}
    for article in results.articles.itertuples(index=False):
        get = {name: groups[name].get(article.id, empty[name]) for name in groups}
        event = event_of.get(article.id)
        highlighted = highlight.article_html(article.text, get["terms"], get["attributions"], get["embeds"],
                                             labels=labels)
        pages[f"{ARTICLES_DIR}/{page_name(article.id)}"] = _page(
            "article.html.j2", f"{article.title or article.id} — {article.source}", ARTICLES_DIR,
            article=_plain(article), event_href=event_href(event, from_dir=ARTICLES_DIR) if event else "",
            event_label=event_labels.get(event, event or ""),
            numbers=_article_numbers(article, get["all_terms"], get["sentences"], get["attributions"],
                                     get["readability"]),
            legend=legend, highlighted=Markup(highlighted), terms_count=len(get["all_terms"]),
            terms_table=_terms_table(get["all_terms"], labels), attributions_count=len(get["attributions"]),
            attributions_table=_attributions_table(get["attributions"]))
    pages[f"{ARTICLES_DIR}/index.html"] = _article_index(results, event_labels)
    return pages


def _plain(row) -> dict:
    """A row as plain values for a template (missing values as empty text)."""
    return {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in row._asdict().items()}


def _event_labels(results: Results) -> dict[str, str]:
    events = getattr(results, "events", None)
    if events is None or events.empty:
        return {}
    return dict(zip(events["event"].astype(str), events["label"].astype(str)))


def _article_index(results: Results, event_labels: dict[str, str]) -> str:
    event_of = article_events(results)
    articles = results.articles
    table = pd.DataFrame({"source": articles["source"].astype(str), "date": articles["date"],
                          "title": [t or i for t, i in zip(articles["title"], articles["id"])],
                          "event": [event_labels.get(event_of.get(i), event_of.get(i, "")) for i in articles["id"]],
                          "words": articles["n_words_own_voice"]})
    links = {"title": [page_name(i) for i in articles["id"]],
             "event": [event_href(event_of.get(i), from_dir=ARTICLES_DIR) if event_of.get(i) else "" for i in articles["id"]]}
    return _page("index.html.j2", "All articles", ARTICLES_DIR, heading=f"All {len(articles):,} articles",
                 intro="Each title opens the article highlighted, with its terms and attributions; each event "
                       "opens the event's sources side by side.", table=table_html(table, links=links))


def _measure_table(measures: pd.DataFrame) -> Markup:
    """One row per measure, one column per source, for one event."""
    if measures.empty:
        return Markup("<p class='slant-note'>No numbers for this event.</p>")
    rows = {"articles": measures.set_index("source")["n_articles"],
            "words (embedded posts excluded)": measures.set_index("source")["n_words"]}
    for m in PAIRED_MEASURES:
        rows[m.label] = measures.set_index("source")[m.key] * m.scale
    table = pd.DataFrame(rows).T
    table.columns = [str(c) for c in table.columns]
    return table_html(table.rename_axis("measure").reset_index())


def event_pages(results: Results, aligned: pd.DataFrame, labels: dict[str, str] | None = None,
                grouping: str = "") -> dict[str, str]:
    """``{"events/<name>.html": page}`` for every event, plus ``events/index.html``.

    ``aligned`` is `align.align_sentences` (pairs never cross events);
    ``grouping`` says how events were found (shown on each page).
    """
    labels = labels or {}
    event_of = article_events(results)
    measures = event_source_measures(results)
    terms = _shown_terms(results)
    by_article = {name: _groups(frame) for name, frame in (
        ("terms", terms), ("attributions", results.attributions), ("embeds", results.embeds))}
    empty = {"terms": terms.iloc[:0], "attributions": results.attributions.iloc[:0], "embeds": results.embeds.iloc[:0]}
    differences = align.pair_differences(results, aligned) if len(aligned) else pd.DataFrame()
    if len(differences):
        differences = differences.assign(event=aligned["article_a"].map(event_of).to_numpy())
    unmatched = align.unmatched_sentences(results, aligned)
    unmatched = unmatched.assign(event=unmatched["article_id"].map(event_of))
    described = _describe(results, event_of)
    legend = Markup(highlight.legend_html(sorted(terms["category"].unique()), labels, style=False))
    articles = results.articles.assign(event=results.articles["id"].map(event_of))
    pages = {}
    for event, members in articles.groupby("event", sort=False):
        info = described.get(event, {"label": event, "n_articles": len(members), "n_sources": members["source"].nunique(),
                                     "first_date": "", "last_date": "", "top_names": ""})
        columns = []
        for source, rows in members.groupby("source", observed=True, sort=True):
            items = [{"href": article_href(a.id, from_dir=EVENTS_DIR), "date": a.date or "",
                      "html": Markup(highlight.article_html(
                          a.text, by_article["terms"].get(a.id, empty["terms"]),
                          by_article["attributions"].get(a.id, empty["attributions"]),
                          by_article["embeds"].get(a.id, empty["embeds"]), title=a.title or a.id, labels=labels))}
                     for a in rows.itertuples(index=False)]
            columns.append({"source": str(source), "articles": items})
        pairs = differences[differences["event"] == event] if len(differences) else differences
        only = unmatched[unmatched["event"] == event]
        pages[f"{EVENTS_DIR}/{page_name(event)}"] = _page(
            "event.html.j2", f"Event: {info['label']}", EVENTS_DIR, event=info, grouping=grouping,
            numbers_table=_measure_table(measures[measures["event"] == event]),
            pairs=Markup(align.pairs_html(pairs) if len(pairs) else
                         "<p class='slant-note'>No sentences of different sources on this event report the same "
                         "fact (or only one source covered it).</p>"),
            unmatched=table_html(only[["source", "text"]]) if len(only) else
            Markup("<p class='slant-note'>Every own-voice sentence has a counterpart in another source "
                   "(or only one source covered this event).</p>"),
            legend=legend, columns=columns)
    pages[f"{EVENTS_DIR}/index.html"] = _event_index(results, described, measures)
    return pages


def _describe(results: Results, event_of: pd.Series) -> dict[str, dict]:
    events = getattr(results, "events", None)
    if events is None or events.empty:
        return {}
    return {str(r["event"]): {k: ("" if pd.isna(v) else v) for k, v in r.items()}
            for r in events.to_dict("records")}


def _event_index(results: Results, described: dict[str, dict], measures: pd.DataFrame) -> str:
    event_of = article_events(results)
    counts = results.articles.assign(event=results.articles["id"].map(event_of)).groupby("event", sort=False)
    headline = PAIRED_MEASURES[0]
    wide = measures.pivot_table(index="event", columns="source", values=headline.key, observed=True, aggfunc="first")
    rows = []
    for event, members in counts:
        info = described.get(event, {})
        row = {"event": info.get("label") or event, "first date": info.get("first_date", ""),
               "articles": len(members), "sources": ", ".join(sorted(members["source"].astype(str).unique()))}
        for source in wide.columns:
            row[f"{source}: loaded per 1,000 words, own voice"] = wide.at[event, source] if event in wide.index else None
        rows.append((event, row))
    table = pd.DataFrame([r for _, r in rows])
    links = {"event": [page_name(e) for e, _ in rows]}
    return _page("index.html.j2", "All events", EVENTS_DIR, heading=f"All {len(rows):,} events",
                 intro="Each event opens its sources side by side: their numbers, the sentences that report the "
                       "same fact in different words, and the articles highlighted.",
                 table=table_html(table, links=links))
