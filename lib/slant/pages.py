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


STYLESHEET = "slant.css"  # one per pages folder, linked by its pages (thousands of pages, one copy of the style)


def page_style() -> str:
    """The style of the detail pages: the site's, the highlight colours and the word-difference shading."""
    return site_css() + highlight.CSS + align.PAIRS_CSS


def _page(template: str, title: str, from_dir: str, **values) -> str:
    return render(template, page_title=title, stylesheet=STYLESHEET, css="", highlight_css="",
                  nav=_nav(from_dir), version=__version__, created="", **values)


def _shown_terms(results: Results) -> pd.DataFrame:
    terms = results.terms
    return terms[terms["loaded"].astype(bool) | terms["category"].isin(DESCRIBED_SHOWN)]


def _groups(frame: pd.DataFrame, key: str = "article_id") -> dict:
    return dict(tuple(frame.groupby(key, sort=False, observed=True))) if len(frame) else {}


def _row_groups(frame: pd.DataFrame, key: str = "article_id") -> dict[str, list]:
    """Each article's rows as named tuples, in one pass (what highlighting reads)."""
    groups: dict[str, list] = {}
    for row in frame.itertuples(index=False):
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


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


def _described_counts(described: pd.DataFrame, labels: dict[str, str]) -> list[tuple[str, str]]:
    """One line for the described (not loaded) wording: each category's count, most used first."""
    if described.empty:
        return []
    counts = described["category"].value_counts()
    return [("described wording (not counted as loaded)",
             ", ".join(f"{labels.get(c, c).lower()} {n}" for c, n in counts.items()))]


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
    described = results.terms[~results.terms.index.isin(terms.index)]
    tables = {"terms": terms, "described": described, "attributions": results.attributions,
              "sentences": results.sentences, "readability": results.readability}  # what the numbers and tables read
    groups = {name: _groups(frame) for name, frame in tables.items()}
    empty = {name: frame.iloc[:0] for name, frame in tables.items()}
    rows = {name: _row_groups(frame) for name, frame in (  # what highlighting reads
        ("terms", terms), ("attributions", results.attributions), ("embeds", results.embeds))}
    event_of = article_events(results)
    event_labels = _event_labels(results)
    pages = {}
    for article in results.articles.itertuples(index=False):
        get = {name: groups[name].get(article.id, empty[name]) for name in groups}
        legend = Markup(highlight.legend_html(sorted(get["terms"]["category"].unique()), labels, style=False))
        event = event_of.get(article.id)
        highlighted = highlight.article_html(article.text, rows["terms"].get(article.id, ()),
                                             rows["attributions"].get(article.id, ()),
                                             rows["embeds"].get(article.id, ()), labels=labels, inline_style=False)
        pages[f"{ARTICLES_DIR}/{page_name(article.id)}"] = _page(
            "article.html.j2", f"{article.title or article.id} — {article.source}", ARTICLES_DIR,
            article=_plain(article), event_href=event_href(event, from_dir=ARTICLES_DIR) if event else "",
            event_label=event_labels.get(event, event or ""),
            numbers=_article_numbers(article, get["terms"], get["sentences"], get["attributions"],
                                     get["readability"]) + _described_counts(get["described"], labels),
            legend=legend, highlighted=Markup(highlighted), terms_count=len(get["terms"]),
            terms_table=_terms_table(get["terms"], labels), attributions_count=len(get["attributions"]),
            attributions_table=_attributions_table(get["attributions"]))
    pages.update(_article_index(results, event_labels))
    pages[f"{ARTICLES_DIR}/{STYLESHEET}"] = page_style()
    return pages


def _plain(row) -> dict:
    """A row as plain values for a template (missing values as empty text)."""
    return {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in row._asdict().items()}


def _event_labels(results: Results) -> dict[str, str]:
    events = getattr(results, "events", None)
    if events is None or events.empty:
        return {}
    return dict(zip(events["event"].astype(str), events["label"].astype(str)))


def _article_index(results: Results, event_labels: dict[str, str]) -> dict[str, str]:
    event_of = article_events(results)
    articles = results.articles
    table = pd.DataFrame({"source": articles["source"].astype(str), "date": articles["date"],
                          "title": [t or i for t, i in zip(articles["title"], articles["id"])],
                          "event": [event_labels.get(event_of.get(i), event_of.get(i, "")) for i in articles["id"]],
                          "words": articles["n_words_own_voice"]})
    links = {"title": [page_name(i) for i in articles["id"]],
             "event": [event_href(event_of.get(i), from_dir=ARTICLES_DIR) if event_of.get(i) else "" for i in articles["id"]]}
    return _index_pages(ARTICLES_DIR, "All articles", f"All {len(articles):,} articles",
                        "Each title opens the article highlighted, with its terms and attributions; each event "
                        "opens the event's sources side by side.", table, links)


def _measure_table(measures: pd.DataFrame) -> Markup:
    """One row per measure, one column per source, for one event."""
    if measures.empty:
        return Markup("<p class='slant-note'>No numbers for this event.</p>")
    by_source = measures.set_index("source")
    rows = {"articles": by_source["n_articles"].map("{:,}".format),
            "words (embedded posts excluded)": by_source["n_words"].map("{:,}".format)}
    for m in PAIRED_MEASURES:
        rows[m.heading] = by_source[m.key].map(m.value)
    table = pd.DataFrame(rows).T
    table.columns = [str(c) for c in table.columns]
    return table_html(table.rename_axis("measure").reset_index())


EVENT_PAIRS = 12  # aligned pairs shown on an event's page, those that differ most (tables/ has every pair)
INDEX_ROWS = 2000  # rows per index page (10,000 articles in one page were 2.9 MB)


def _more_pairs(total: int, shown: int) -> str:
    if total <= shown:
        return ""
    which = "The pair that differs" if shown == 1 else f"The {shown} pairs that differ"
    return (f"<p class='slant-note'>{which} most of {total:,} (a loaded term on one side "
            "only first, then the largest sentiment gap); every pair is in tables/aligned_sentences.csv.</p>")


def _index_pages(folder: str, title: str, heading: str, intro: str, table: pd.DataFrame,
                 links: dict[str, list]) -> dict[str, str]:
    """``{folder/index.html, folder/index-2.html, …}``: the table cut into pages of INDEX_ROWS rows, linked in turn."""
    count = max(1, -(-len(table) // INDEX_ROWS))
    names = ["index.html", *(f"index-{k}.html" for k in range(2, count + 1))]
    pages = {}
    for k, name in enumerate(names):
        rows = slice(k * INDEX_ROWS, (k + 1) * INDEX_ROWS)
        part = table.iloc[rows]
        turn = [(f"rows {k * INDEX_ROWS + 1:,}–{k * INDEX_ROWS + len(part):,} of {len(table):,}", "")]
        if k:
            turn.append(("previous", names[k - 1]))
        if k + 1 < count:
            turn.append(("next", names[k + 1]))
        pages[f"{folder}/{name}"] = _page(
            "index.html.j2", title, folder, heading=heading, intro=intro, turn=turn if count > 1 else [],
            table=table_html(part.reset_index(drop=True), links={c: v[rows] for c, v in links.items()}))
    return pages


class _EventData:
    """What every event page reads, computed once for the corpus."""

    def __init__(self, results: Results, aligned: pd.DataFrame, labels: dict[str, str] | None):
        self.results, self.labels = results, labels or {}
        self.event_of = article_events(results)
        self.measures = event_source_measures(results)
        self.terms = _shown_terms(results)
        self.by_article = {name: _row_groups(frame) for name, frame in (
            ("terms", self.terms), ("attributions", results.attributions), ("embeds", results.embeds))}
        self.differences = align.pair_differences(results, aligned) if len(aligned) else \
            pd.DataFrame(columns=align.PAIR_DIFFERENCE_COLUMNS)
        unmatched = align.unmatched_sentences(results, aligned)
        self.unmatched = unmatched.assign(event=unmatched["article_id"].map(self.event_of))
        self.described = _describe(results, self.event_of)
        self.legend = Markup(highlight.legend_html(sorted(self.terms["category"].unique()), self.labels, style=False))
        self.articles = results.articles.assign(event=results.articles["id"].map(self.event_of))
        # one lookup per event, not a scan of the corpus's rows per event (3,335 events: minutes otherwise)
        self.by_event = {name: dict(tuple(frame.groupby("event", sort=False, observed=True))) for name, frame in (
            ("differences", self.differences), ("unmatched", self.unmatched), ("measures", self.measures))}

    def values(self, event: str, members: pd.DataFrame, from_dir: str) -> dict:
        info = self.described.get(event, {"label": event, "n_articles": len(members),
                                          "n_sources": members["source"].nunique(), "first_date": "",
                                          "last_date": "", "top_names": ""})
        columns = []
        for source, rows in members.groupby("source", observed=True, sort=True):
            items = [{"href": article_href(a.id, from_dir=from_dir), "date": a.date or "",
                      "html": Markup(highlight.article_html(
                          a.text, self.by_article["terms"].get(a.id, ()),
                          self.by_article["attributions"].get(a.id, ()),
                          self.by_article["embeds"].get(a.id, ()), title=a.title or a.id,
                          labels=self.labels, inline_style=False))}
                     for a in rows.itertuples(index=False)]
            columns.append({"source": str(source), "articles": items})
        all_pairs = self.by_event["differences"].get(event, self.differences.iloc[:0])
        pairs = align.most_telling(all_pairs, EVENT_PAIRS)
        only = self.by_event["unmatched"].get(event, self.unmatched.iloc[:0])
        return dict(
            event=info, numbers_table=_measure_table(self.by_event["measures"].get(event, self.measures.iloc[:0])),
            pairs=Markup((align.pairs_html(pairs) + _more_pairs(len(all_pairs), len(pairs))) if len(pairs) else
                         "<p class='slant-note'>No sentences of different sources on this event report the same "
                         "fact (or only one source covered it).</p>"),
            unmatched=table_html(only[["source", "text"]]) if len(only) else
            Markup("<p class='slant-note'>Every own-voice sentence has a counterpart in another source "
                   "(or only one source covered this event).</p>"),
            legend=self.legend, columns=columns)


def event_pages(results: Results, aligned: pd.DataFrame, labels: dict[str, str] | None = None,
                grouping: str = "") -> dict[str, str]:
    """``{"events/<name>.html": page}`` for every event, plus ``events/index.html``.

    ``aligned`` is `align.align_sentences` (pairs never cross events);
    ``grouping`` says how events were found (shown on each page).
    """
    data = _EventData(results, aligned, labels)
    pages = {}
    for event, members in data.articles.groupby("event", sort=False):
        values = data.values(event, members, EVENTS_DIR)
        pages[f"{EVENTS_DIR}/{page_name(event)}"] = _page(
            "event.html.j2", f"Event: {values['event']['label']}", EVENTS_DIR, grouping=grouping, **values)
    pages.update(_event_index(results, data.described, data.measures))
    pages[f"{EVENTS_DIR}/{STYLESHEET}"] = page_style()
    return pages


def event_view(results: Results, aligned: pd.DataFrame, event: str, labels: dict[str, str] | None = None) -> Markup:
    """One event as it shows inside a notebook or the report: its numbers, aligned sentences and articles."""
    ids = results.articles.loc[results.articles["id"].map(article_events(results)) == event, "id"]
    results = results.of_articles(ids)  # the corpus's other events are not read
    aligned = aligned[aligned["article_a"].isin(set(ids))]
    data = _EventData(results, aligned, labels)
    members = data.articles[data.articles["event"] == event]
    if members.empty:
        return Markup(render("note.html.j2", text=f"No articles in event {event!r}."))
    body = render("event_body.html.j2", grouping="", top=3, **data.values(event, members, ""))
    return Markup(f"<div class='slant-event'><style>{site_css()}</style>{body}</div>")


def article_links(ids) -> list[str]:
    """Hrefs from the report (the run folder's top) to each article's page."""
    return [article_href(i) for i in ids]


def event_links(events) -> list[str]:
    """Hrefs from the report (the run folder's top) to each event's page."""
    return [event_href(e) for e in events]


def _describe(results: Results, event_of: pd.Series) -> dict[str, dict]:
    events = getattr(results, "events", None)
    if events is None or events.empty:
        return {}
    return {str(r["event"]): {k: ("" if pd.isna(v) else v) for k, v in r.items()}
            for r in events.to_dict("records")}


def _event_index(results: Results, described: dict[str, dict], measures: pd.DataFrame) -> dict[str, str]:
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
            row[f"{source}: loaded /1,000 words"] = (headline.value(wide.at[event, source]) if event in wide.index
                                                     else "")
        rows.append((event, row))
    table = pd.DataFrame([r for _, r in rows])
    links = {"event": [page_name(e) for e, _ in rows]}
    return _index_pages(EVENTS_DIR, "All events", f"All {len(rows):,} events",
                        "Each event opens its sources side by side: their numbers, the sentences that report the "
                        "same fact in different words, and the articles highlighted.", table, links)
