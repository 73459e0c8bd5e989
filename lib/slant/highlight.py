"""HTML views of an article with its loaded terms and attributions marked.

Every piece of text that reaches the HTML (article text, terms, notes,
speakers, titles) goes through ``html.escape``: an article containing
``<script>`` shows the tag as text. Loaded terms are coloured by category
with a tooltip (category, why it counts, target); reporting-verb cues are
underlined with the speaker on hover; embedded social posts are boxed.
"""

from __future__ import annotations

import html

import pandas as pd

from .segment import paragraphs

CATEGORY_COLORS = {
    "doubt": "#F5C26B", "emotive": "#F4A582", "intensifiers": "#C2A5CF", "labels": "#92C5DE",
    "naming": "#D9D9D9", "escalation": "#E7A3A3", "scare_quote": "#A6DBA0", "partial_quote": "#DDEEDD",
    "sensationalism": "#F1B6DA", "evaluative": "#FEE08B", "dismissive": "#C7EAE5", "editorializing": "#DFC27D",
    "characterising": "#80CDC1",
}
DEFAULT_COLOR = "#FFE08A"
CSS = """
.slant-article{font-family:Georgia,serif;line-height:1.6;max-width:48em}
.slant-article mark{padding:0 .15em;border-radius:.2em;cursor:help}
.slant-article u.cue{text-decoration:underline 2px #0072B2;cursor:help}
.slant-article .embed{border:1px dashed #888;padding:.4em .6em;background:#f6f6f6;font-family:sans-serif;font-size:.9em}
.slant-article .embed::before{content:"embedded post (not the outlet's voice)";display:block;font-size:.8em;color:#666}
.slant-legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .3em;border-radius:.2em;font-size:.85em}
""" + "".join(f".slant-article mark.term.{name}{{background:{color}}}" for name, color in CATEGORY_COLORS.items())
STYLE = f"<style>{CSS}</style>"


def _rows(table):
    """A table's rows as named tuples: a DataFrame's, or rows already taken out of one (pages group a corpus's rows
    once; a DataFrame per article cost a few milliseconds each, minutes at 10,000 articles)."""
    return table.itertuples(index=False) if isinstance(table, pd.DataFrame) else table


def basis_label(basis, probability, loaded=True) -> str:
    """How a term was found, in words (tooltips, the explorer's rows): the lexicon, the context model with its
    probability (0–1, of loaded wording in this context), or a structural rule ("" when unknown)."""
    p = "" if probability is None or pd.isna(probability) else f"{float(probability):.2f}"
    if basis == "model":
        return f"context model, probability {p}"
    if basis == "lexicon":
        if not p:
            return "lexicon"
        return f"lexicon; context model {p}" + ("" if loaded else ": not loaded here")
    return "rule" if basis == "rule" else ""


def _marks(terms: pd.DataFrame, attributions: pd.DataFrame, labels: dict[str, str],
           inline_style: bool = True) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, opening tag) marks; terms win over cues.

    ``inline_style=False`` colours a term by its category's class (in `CSS`) instead of a style attribute.
    """
    marks = []
    for t in _rows(terms):
        tip = f"{labels.get(t.category, t.category)}: {t.note or ''}"
        tip += f" | aimed at: {t.target}" if isinstance(t.target, str) else ""
        tip += " | inside a quotation" if t.voice == "quoted" else ""
        tip += " | in a paraphrase of a speaker" if t.voice == "paraphrase" else ""
        basis = basis_label(getattr(t, "basis", None), getattr(t, "probability", None), getattr(t, "loaded", True))
        tip += f" | found by: {basis}" if basis else ""
        color = CATEGORY_COLORS.get(t.category, DEFAULT_COLOR)
        paint = f' style="background:{color}"' if inline_style or t.category not in CATEGORY_COLORS else ""
        marks.append((int(t.start), int(t.end), f'<mark class="term {html.escape(t.category)}"'
                      f'{paint} title="{html.escape(tip)}">', "</mark>", 0))
    for a in _rows(attributions):
        if pd.isna(a.cue_start):
            continue
        speaker = a.speaker if isinstance(a.speaker, str) else "unresolved speaker"
        tip = f"{speaker} ({a.actor if isinstance(a.actor, str) else 'no actor'}) — {a.register}, {a.kind}"
        tip += " | negated: the speech act did not happen" if getattr(a, "negated", False) is True else ""
        tip += " | inside another attribution's content" if getattr(a, "nested", False) is True else ""
        probability = getattr(a, "probability", None)
        if getattr(a, "basis", None) == "model" and probability == probability:  # NaN: none
            tip += f" | found by the attribution tagger (p = {probability:.2f})"
        marks.append((int(a.cue_start), int(a.cue_end), f'<u class="cue" title="{html.escape(tip)}">', "</u>", 1))
    chosen, taken = [], []
    for start, end, opening, closing, _ in sorted(marks, key=lambda m: (m[4], m[0])):
        if start < end and not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            chosen.append((start, end, opening, closing))
    return sorted(chosen)


def article_html(text: str, terms: pd.DataFrame, attributions: pd.DataFrame, embeds: pd.DataFrame,
                 *, title: str = "", labels: dict[str, str] | None = None, inline_style: bool = True) -> str:
    """One article as escaped HTML, paragraph by paragraph, with marks and boxed embeds.

    ``inline_style=False`` for a page that carries `CSS` (smaller: colours by class).
    """
    marks = _marks(terms, attributions, labels or {}, inline_style)
    embed_spans = [(int(e.start), int(e.end)) for e in _rows(embeds)]
    parts = [f'<div class="slant-article">']
    if title:
        parts.append(f"<h4>{html.escape(title)}</h4>")
    for p_start, p_end in paragraphs(text):
        position, inner = p_start, []
        for start, end, opening, closing in marks:
            if start < p_start or end > p_end:
                continue
            inner.append(html.escape(text[position:start]))
            inner.append(opening + html.escape(text[start:end]) + closing)
            position = end
        inner.append(html.escape(text[position:p_end]))
        boxed = any(s <= p_start and p_end <= e for s, e in embed_spans)
        parts.append(f'<p class="embed">' if boxed else "<p>")
        parts.append("".join(inner) + "</p>")
    parts.append("</div>")
    return "".join(parts)


def legend_html(categories: list[str], labels: dict[str, str] | None = None, *, style: bool = True) -> str:
    """A colour key for the categories present, plus the cue underline and the embed box.

    ``style=False`` leaves out the `CSS` (for a page that carries it once in its head).
    """
    labels = labels or {}
    keys = "".join(f'<span style="background:{CATEGORY_COLORS.get(c, DEFAULT_COLOR)}">{html.escape(labels.get(c, c))}</span>'
                   for c in categories)
    return (f'{STYLE if style else ""}<div class="slant-legend">{keys}<span style="text-decoration:underline 2px #0072B2">'
            "reporting verb (hover: speaker)</span><span style=\"border:1px dashed #888\">embedded post</span></div>")


DESCRIBED_SHOWN = ("naming",)  # described categories worth marking; hedges, factives… would cover the page


MAX_HIGHLIGHTED = 40  # articles shown in full; past that a page would hold a whole archive


def shown_articles(results, terms: pd.DataFrame, limit: int = MAX_HIGHLIGHTED) -> pd.DataFrame:
    """Every article while there are at most ``limit``; else, per source in turn, its articles with the most
    loaded terms first, until ``limit`` (the strongest examples of each source; the rest via the explorer)."""
    articles = results.articles
    if len(articles) <= limit:
        return articles
    counts = terms.groupby("article_id").size()
    ranked = articles.assign(_n=articles["id"].map(counts).fillna(0).to_numpy(),
                             _order=range(len(articles)))
    ranked = ranked.sort_values(["_n", "_order"], ascending=[False, True], kind="stable")
    ranked["_turn"] = ranked.groupby("source", observed=True).cumcount()
    chosen = ranked.sort_values(["_turn", "_n", "_order"], ascending=[True, False, True], kind="stable").head(limit)
    return articles.loc[sorted(chosen.index)]


def corpus_html(results, labels: dict[str, str] | None = None, *, described: tuple[str, ...] = DESCRIBED_SHOWN,
                limit: int = MAX_HIGHLIGHTED) -> str:
    """The articles of `Results`, highlighted, under one legend: loaded terms and the ``described`` categories.

    All of them in a small corpus; past ``limit`` articles, the ones `shown_articles` picks, with a line
    saying how many are shown.
    """
    labels = labels or {}
    terms = results.terms[results.terms["loaded"].astype(bool) | results.terms["category"].isin(described)]
    categories = sorted(terms["category"].unique())
    parts = [legend_html(categories, labels)]
    shown = shown_articles(results, terms[terms["loaded"].astype(bool)], limit)
    if len(shown) < len(results.articles):
        parts.append(f'<p class="slant-note">Showing {len(shown):,} of {len(results.articles):,} articles: '
                     "those with the most loaded terms, taking each source in turn. The explorer (07_explore) "
                     "and slant.evidence show any other.</p>")
    by_article = {name: dict(tuple(frame.groupby("article_id", sort=False)))
                  for name, frame in (("terms", terms), ("attributions", results.attributions),
                                      ("embeds", results.embeds))}
    for article in shown.itertuples(index=False):
        parts.append(article_html(
            article.text, by_article["terms"].get(article.id, terms.iloc[:0]),
            by_article["attributions"].get(article.id, results.attributions.iloc[:0]),
            by_article["embeds"].get(article.id, results.embeds.iloc[:0]),
            title=f"{article.source} — {article.title or article.id}", labels=labels))
    return "".join(parts)
