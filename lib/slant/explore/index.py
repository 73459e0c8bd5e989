"""What the explorer shows for a selection: counts, evidence rows, one article, aligned sentences.

Pure pandas over analysed `Results`, no widgets: `ExploreIndex.view(selection)`
returns a `View`. The span table, per-article row positions and sentiment sums
are computed once; an alignment the first time an article pair is shown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import align, highlight
from ..evidence import evidence_index
from ..pipeline import Results

ALL = "(all)"
VOICE_OPTIONS = [("own voice and quoted", ALL), ("own voice", "outlet"), ("quoted", "quoted"),
                 ("paraphrase of a speaker", "paraphrase")]
SORT_OPTIONS = [("corpus order", "position"), ("source", "source"), ("term", "span"), ("category", "category"),
                ("voice", "voice"), ("target", "target"), ("register", "register")]
MAX_ROWS = 200  # evidence rows drawn; the count above the table gives the full number
MAX_ARTICLES = 300  # article choices listed (those with most matching spans first)
PARTNERS = 2  # other-source articles aligned with the article shown
MAX_PAIRS = 12  # aligned sentence pairs drawn (the most similar), in reading order


@dataclass
class Selection:
    """What the controls hold. Empty ``sources``/``actors`` mean all; empty ``categories``/``registers`` none."""

    sources: tuple = ()
    categories: tuple = ()
    registers: tuple = ()
    actors: tuple = ()
    voice: str = ALL
    article: str = ALL
    sort: str = "position"


@dataclass
class View:
    """One rendering of the explorer: the HTML of each pane and the rows behind it."""

    summary: str
    table: str
    article: str
    pairs: str
    rows: pd.DataFrame  # the spans drawn in the table (at most MAX_ROWS)
    article_id: str | None
    n_matching: int


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value))


def _table_html(frame: pd.DataFrame, *, css: str = "slant-explore-table") -> str:
    """An escaped HTML table (a plain loop: pandas' to_html is slow for a live view)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                   for row in zip(*(frame[c].tolist() for c in frame.columns)))
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class ExploreIndex:
    """Everything the explorer looks up on a change, computed once from `Results`."""

    def __init__(self, results: Results, actors, labels: dict[str, str]):
        self.results, self.actors, self.labels = results, actors, labels
        self.spans = evidence_index(results)
        spans = self.spans.spans
        self.sources = [str(s) for s in results.sources]
        self.kind_is_term = (spans["kind"] == "term").to_numpy()
        self.source_code = spans["source"].cat.codes.to_numpy()
        self.category_code = spans["category"].cat.codes.to_numpy()
        self.categories = list(spans["category"].cat.categories)
        loaded = set(results.terms.loc[results.terms["loaded"].astype(bool), "category"])
        self.loaded_categories = sorted((c for c in self.categories if c in loaded), key=lambda c: labels.get(c, c))
        # a loaded category's match the context model unloads in context: in the terms table, not in grid or rows
        self.unloaded = self.kind_is_term & ~self.spans.loaded & spans["category"].isin(loaded).to_numpy()
        self.registers = sorted(map(str, spans["register"].cat.categories))
        self.actor_names = sorted(map(str, spans["target"].cat.categories))
        articles = results.articles.reset_index(drop=True)
        self.articles = articles
        self.article_pos = pd.Series(np.arange(len(articles)), index=articles["id"])
        self.article_source = articles["source"].astype(str).to_numpy()
        self.article_ids = articles["id"].astype(str).to_numpy()
        self.article_words = articles["n_words_own_voice"].fillna(0).to_numpy(float)
        self.span_article = self.article_pos.reindex(spans["article_id"].astype(str)).to_numpy()
        own = results.sentences[results.sentences["voice"] == "outlet"]
        by_article = own.groupby("article_id")["compound"].agg(["sum", "size"]).reindex(articles["id"]).fillna(0)
        self.compound_sum, self.compound_n = by_article["sum"].to_numpy(), by_article["size"].to_numpy()
        self.groups = {name: getattr(results, name).groupby("article_id", sort=False).indices
                       for name in ("terms", "attributions", "sentences", "mentions", "embeds", "readability")}
        self._similar = None
        self._aligned: dict[tuple, str] = {}

    # -- selection ---------------------------------------------------------
    def mask(self, s: Selection, *, article: bool = True) -> np.ndarray:
        """Spans matching the selection: terms of the chosen categories, attributions of the chosen registers.

        ``article=False`` leaves the article choice out (the list of articles to choose from).
        """
        spans = self.spans
        terms = spans.mask(category=list(s.categories), voice=None if s.voice == ALL else s.voice) \
            if s.categories else np.zeros(len(spans.spans), bool)
        said = spans.mask(register=list(s.registers)) if s.registers else np.zeros(len(spans.spans), bool)
        keep = (terms & ~self.unloaded) | said
        context = {"source": list(s.sources) or None, "target": list(s.actors) or None,
                   "article": None if s.article == ALL or not article else s.article}
        if any(v is not None for v in context.values()):
            keep &= spans.mask(**context)
        return keep

    def cell_counts(self, s: Selection) -> np.ndarray:
        """Terms per (source, category) under the voice, actor and article filters: the grid."""
        keep = self.kind_is_term & ~self.unloaded
        context = {"voice": None if s.voice == ALL else s.voice, "target": list(s.actors) or None,
                   "article": None if s.article == ALL else s.article}
        if any(v is not None for v in context.values()):
            keep &= self.spans.mask(**context)
        codes = self.source_code[keep].astype(np.int64) * len(self.categories) + self.category_code[keep]
        counts = np.bincount(codes[codes >= 0], minlength=len(self.sources) * len(self.categories))
        return counts.reshape(len(self.sources), len(self.categories))

    def selected_articles(self, s: Selection) -> np.ndarray:
        keep = np.isin(self.article_source, list(s.sources)) if s.sources else np.ones(len(self.articles), bool)
        if s.article != ALL:
            keep &= (self.articles["id"] == s.article).to_numpy()
        return keep

    # -- panes -------------------------------------------------------------
    def summary(self, s: Selection, keep: np.ndarray) -> pd.DataFrame:
        articles = self.selected_articles(s)
        chosen = list(s.sources) or self.sources
        codes = [self.sources.index(x) for x in chosen]
        n = len(self.sources)
        terms = np.bincount(self.source_code[keep & self.kind_is_term], minlength=n)
        said = np.bincount(self.source_code[keep & ~self.kind_is_term], minlength=n)
        by_source = pd.DataFrame({"source": self.article_source[articles], "words": self.article_words[articles],
                                  "sum": self.compound_sum[articles], "n": self.compound_n[articles]})
        agg = by_source.groupby("source").agg(articles=("words", "size"), words=("words", "sum"), total=("sum", "sum"),
                                              sentences=("n", "sum")).reindex(chosen).fillna(0)
        return pd.DataFrame({
            "source": chosen, "articles": agg["articles"].astype(int).to_numpy(),
            "words (embedded posts excluded)": agg["words"].astype(int).to_numpy(),
            "matching terms": terms[codes],
            "matching terms per 1,000 words": np.round(1000 * terms[codes] / np.maximum(1, agg["words"].to_numpy()), 1),
            "matching attributions": said[codes],
            "mean sentence sentiment": np.round(agg["total"] / agg["sentences"].where(agg["sentences"] > 0), 3).to_numpy(),
        })

    def rows(self, s: Selection, keep: np.ndarray, limit: int | None = MAX_ROWS) -> pd.DataFrame:
        """The first ``limit`` matching spans in the chosen order (categorical codes are in alphabetical order)."""
        positions = np.flatnonzero(keep)
        if s.sort != "position":
            codes = self.spans.codes[s.sort][positions].astype(np.int64)
            codes[codes < 0] = np.iinfo(np.int64).max  # missing values last
            positions = positions[np.argsort(codes, kind="stable")]
        return self.spans.spans.iloc[positions[:limit]]

    def article_html(self, article_id: str, keep: np.ndarray) -> str:
        results, position = self.results, int(self.article_pos[article_id])
        article = self.articles.iloc[position]
        mine = np.flatnonzero(keep & (self.span_article == position))
        labels = self.spans.row_of.to_numpy()[mine]
        is_term = self.kind_is_term[mine]
        terms = results.terms.loc[labels[is_term]]
        said = results.attributions.loc[labels[~is_term]]
        embeds = results.embeds.iloc[self.groups["embeds"].get(article_id, [])]
        body = highlight.article_html(article["text"], terms, said, embeds, labels=self.labels,
                                      title=f"{article['source']} — {article['title'] or article_id}")
        return highlight.legend_html(sorted(terms["category"].unique()), self.labels) + body

    def partners(self, article_id: str, sources: list[str]) -> list[str]:
        """The article of each other selected source most similar to ``article_id`` (TF-IDF over whole texts).

        With one source selected, the other sources of the corpus are searched instead.
        """
        position = int(self.article_pos[article_id])
        own = self.article_source[position]
        others = [x for x in (sources or self.sources) if x != own] or [x for x in self.sources if x != own]
        if not others:
            return []
        if self._similar is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self._similar = TfidfVectorizer(stop_words="english", sublinear_tf=True, max_features=50000,
                                            dtype=np.float32).fit_transform(self.articles["text"])
        scores = (self._similar @ self._similar[position].T).toarray().ravel()
        scores[~np.isin(self.article_source, others)] = -1
        best = {}
        for candidate in np.argsort(-scores, kind="stable"):
            if scores[candidate] < 0 or len(best) == len(others):
                break
            best.setdefault(self.article_source[candidate], candidate)
        ranked = sorted(best.values(), key=lambda c: -scores[c])[:PARTNERS]
        return [self.articles["id"].iloc[c] for c in ranked]

    def subset(self, article_ids: list[str]) -> Results:
        """A `Results` of a few articles, cut from the precomputed row positions (no re-analysis)."""
        tables = {}
        for name, groups in self.groups.items():
            positions = np.concatenate([groups.get(a, np.array([], int)) for a in article_ids]).astype(int)
            tables[name] = getattr(self.results, name).iloc[positions]
        articles = self.articles.iloc[[int(self.article_pos[a]) for a in article_ids]]
        return Results(articles=articles, **tables)

    def pairs_html(self, article_id: str, sources: list[str]) -> str:
        key = (article_id, tuple(self.partners(article_id, sources)))
        if key not in self._aligned:
            if not key[1]:
                self._aligned[key] = "<p>No other source to align this article with.</p>"
            else:
                sub = self.subset([article_id, *key[1]])
                aligned = align.align_sentences(sub, self.actors)
                aligned = aligned[(aligned["article_a"] == article_id) | (aligned["article_b"] == article_id)]
                aligned = aligned.nlargest(MAX_PAIRS, "similarity").sort_index()  # best pairs, in reading order
                self._aligned[key] = align.pairs_html(align.pair_differences(sub, aligned))
        return self._aligned[key]

    def view(self, s: Selection, keep: np.ndarray, article_id: str | None) -> View:
        rows, n = self.rows(s, keep), int(keep.sum())
        summary, table = _table_html(self.summary(s, keep)), self.rows_html(rows, n)
        if article_id is None:
            return View(summary, table, "<p>No article matches this selection.</p>", "", rows, None, n)
        return View(summary, table, self.article_html(article_id, keep), self.pairs_html(article_id, list(s.sources)),
                    rows, article_id, n)

    def bases(self, shown: pd.DataFrame) -> list[str]:
        """Each shown span's basis in words (`highlight.basis_label`); empty for attributions."""
        terms = self.results.terms
        if "basis" not in terms:
            return [""] * len(shown)
        labels = self.spans.row_of.to_numpy()[shown.index.to_numpy(dtype=np.int64)]
        return [highlight.basis_label(*terms.loc[label, ["basis", "probability", "loaded"]]) if kind == "term" else ""
                for label, kind in zip(labels, shown["kind"])]

    def rows_html(self, shown: pd.DataFrame, n: int) -> str:
        table = pd.DataFrame({
            "source": shown["source"].astype(str).to_numpy(), "article": shown["article_id"].astype(str).to_numpy(),
            "term": shown["span"].astype(str).to_numpy(),
            "category": [self.labels.get(c, c) if isinstance(c, str) else f"attribution: {r}"
                         for c, r in zip(shown["category"], shown["register"])],
            "voice": [{"outlet": "own voice", "quoted": "quoted"}.get(v, v) if isinstance(v, str) else sp
                      for v, sp in zip(shown["voice"], shown["speech"])],
            "found by": self.bases(shown),
            "target": shown["target"].astype(object).to_numpy(),
            "speaker": shown["speaker"].astype(object).to_numpy(),
            "sentence": shown["sentence"].to_numpy(),
        })
        note = f"<p>{n:,} matching spans" + (f"; the first {MAX_ROWS} shown" if n > MAX_ROWS else "")
        return note + "</p>" + _table_html(table)

    def article_choices(self, s: Selection, keep: np.ndarray) -> list[tuple[str, str]]:
        """(label, id) of the articles with matching spans, most matches first."""
        chosen = self.span_article[keep & ~np.isnan(self.span_article)].astype(int)
        counts = np.bincount(chosen, minlength=len(self.articles))
        order = [int(p) for p in np.argsort(-counts, kind="stable")[:MAX_ARTICLES] if counts[p] > 0]
        ids = self.article_ids
        return [(f"{self.article_source[p]} · {ids[p]} ({counts[p]})", ids[p]) for p in order]
