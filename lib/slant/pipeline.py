"""Analyse one article, or a corpus, into slant's tables.

`analyze_article` is a pure function of (id, text, config) → rows;
`analyze_corpus` runs it over the articles table and returns `Results`, a
frozen bundle of DataFrames whose columns are the module constants named
below. `article_records` turns results into the per-article JSON contract of
DESIGN.md ("Machine-readable output").
"""

from __future__ import annotations

import bisect

from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from . import attribution, lexicon, readability, segment, sentiment
from .actors import MENTION_COLUMNS, Actors, load_actors, mention_share, propose_actors
from .corpus import ARTICLE_COLUMNS, load_corpus
from .errors import SlantError
from .event_labels import ONE_EVENT, resolve_events

SENTENCE_COLUMNS = ["article_id", "source", "sentence_index", "start", "end", "paragraph", "voice", "text",
                    *sentiment.SCORE_COLUMNS]
ATTRIBUTION_TABLE_COLUMNS = ["source", *(c if c != "source" else "source_text" for c in attribution.ATTRIBUTION_COLUMNS)]
ARTICLE_SUMMARY_COLUMNS = [c for c in ARTICLE_COLUMNS if c != "text"] + [
    "n_words", "n_sentences", "n_embedded_sentences", "n_words_own_voice"]
EMBED_COLUMNS = ["article_id", "source", "start", "end", "handle", "author", "date", "text"]


# Below this share of sentences naming a packaged actor, the packaged actors (the seed topic's) do not fit the
# corpus: on US-politics articles 95% of attributions had no actor and the charts set "(no actor)" against Russia.
MIN_ACTOR_SHARE = 0.20
SHARE_SAMPLE = 1000     # articles the share is measured on (the first ones, in corpus order)
PROPOSAL_SAMPLE = 5000  # articles actors are proposed from


@dataclass(frozen=True)
class Config:
    """What an analysis needs besides the text: the lexicon, the actors, and whether the learned models decide.

    ``loaded_model=True`` (the default): the loaded-wording context model
    (`lexicon.context`) rates every term in context, unloads packaged lexicon
    matches it rejects and adds the loaded wording the lexicon misses;
    ``False``: the lexicon alone, as before the model (no ``paraphrase``
    voice either: every value of the earlier columns is as it was).
    ``attribution_model=False`` finds attributions with the rules alone (as
    slant did before its tagger), else with the shipped tagger beside them.
    """

    lexicon: lexicon.Lexicon
    actors: Actors
    notes: tuple[str, ...] = ()  # what was chosen and why (e.g. proposed actors), for the run's notes
    loaded_model: bool = True
    _: KW_ONLY
    attribution_model: bool = True

    @classmethod
    def load(cls, lexicon_files=None, actors_file=None, texts: list[str] | None = None, *,
             loaded_model: bool = True) -> "Config":
        """Packaged lexicon and actors, extended by the user's files when given.

        ``actors_file="auto"`` proposes actors from the most frequent proper
        names of ``texts`` instead (for a topic without an actors file). With
        no actors file and the corpus's ``texts``, the packaged actors are
        kept only if they are named in at least MIN_ACTOR_SHARE of its
        sentences; else actors are proposed as for "auto", and ``notes`` says
        so. A user lexicon entry's ``refers_to`` must name an actor of the
        actors file (not checked against proposed actors).
        """
        notes: tuple[str, ...] = ()
        if str(actors_file or "").strip().lower() == "auto":
            if not texts:
                raise SlantError("actors auto: needs the corpus texts to propose actors from")
            chosen = propose_actors(list(texts[:PROPOSAL_SAMPLE]))
            checked = None  # proposed actors are names found in the texts: a lexicon cannot know them in advance
        else:
            chosen = checked = load_actors(actors_file or None)
            if not actors_file and texts:
                chosen, notes = _fitting_actors(chosen, texts)
                checked = checked if chosen is checked else None
        return cls(lexicon.load_lexicon(lexicon_files or None, actors=checked), chosen, notes, loaded_model)


def _fitting_actors(packaged: Actors, texts: list[str]) -> tuple[Actors, tuple[str, ...]]:
    """The packaged actors if the corpus names them enough (MIN_ACTOR_SHARE of sentences), else proposed ones."""
    share = mention_share(packaged, list(texts[:SHARE_SAMPLE]))
    if share >= MIN_ACTOR_SHARE:
        return packaged, ()
    names = list(packaged.sides)
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    why = (f"actors: the packaged actors ({shown}) are named in {share:.0%} of the corpus's sentences "
           f"(under {MIN_ACTOR_SHARE:.0%})")
    proposed = propose_actors(list(texts[:PROPOSAL_SAMPLE]))
    if not proposed.sides:
        return packaged, (f"{why}, and no proper name recurs to propose others from: keeping them; give your own "
                          "actors file to choose actors",)
    return proposed, (f"{why}, so slant proposed {len(proposed.sides)} from its proper names instead: "
                      f"{', '.join(proposed.sides)}; give your own actors file to choose them",)


@dataclass(frozen=True)
class Results:
    """The tables of one analysis. ``articles`` keeps the text, for highlighting."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    terms: pd.DataFrame
    attributions: pd.DataFrame
    mentions: pd.DataFrame
    embeds: pd.DataFrame
    readability: pd.DataFrame
    events: pd.DataFrame | None = None  # one row per event (slant.events.EVENT_COLUMNS); None: not grouped

    @property
    def sources(self) -> list[str]:
        return list(self.articles["source"].cat.categories)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, the articles without their text (and the events table when there is one)."""
        tables = {"articles": self.articles.drop(columns="text"), "sentences": self.sentences, "terms": self.terms,
                  "attributions": self.attributions, "mentions": self.mentions, "embeds": self.embeds,
                  "readability": self.readability}
        return tables if self.events is None else {**tables, "events": self.events}

    def of_articles(self, ids) -> "Results":
        """The same tables for the articles ``ids`` only (e.g. one event's), sources kept as categories."""
        keep = set(ids)
        picked = {name: frame[frame["article_id"].isin(keep)] for name, frame in (
            ("sentences", self.sentences), ("terms", self.terms), ("attributions", self.attributions),
            ("mentions", self.mentions), ("embeds", self.embeds), ("readability", self.readability))}
        return Results(articles=self.articles[self.articles["id"].isin(keep)], events=self.events, **picked)


def article_events(results: "Results") -> pd.Series:
    """Each article's event, indexed by article id (one event for all when the articles table has none)."""
    articles = results.articles
    events = articles["event"].astype(str).to_numpy() if "event" in articles else ONE_EVENT
    return pd.Series(events, index=articles["id"].to_numpy(), name="event")


def own_voice_text(text: str, posts: list[segment.EmbeddedPost]) -> str:
    """The article without its embedded posts (what readability describes)."""
    parts, position = [], 0
    for post in posts:
        parts.append(text[position:post.start])
        position = post.end
    parts.append(text[position:])
    return "".join(parts)


def _voice(start: int, end: int, posts: list[segment.EmbeddedPost], quotations: list[tuple[int, int]]) -> str:
    """Whose words a span is in, as for terms: an embedded post's ("embed"), a quotation's ("quoted"), else the outlet's.

    ``quotations`` as `segment.quotations` gives them: in text order, never overlapping.
    """
    if any(post.start <= start and end <= post.end for post in posts):
        return segment.EMBED
    inside = bisect.bisect_right(quotations, (start, float("inf"))) - 1  # quotations: in text order, disjoint
    if inside >= 0 and end <= quotations[inside][1]:
        return lexicon.QUOTED
    return lexicon.OUTLET


def find_attribution_rows(article_id: str, text: str, sentences: list[segment.Sentence], config: Config) -> list[dict]:
    """Attributions as rows of ATTRIBUTION_TABLE_COLUMNS (without the outlet's ``source``)."""
    model = attribution.load_model() if config.attribution_model else None
    found = attribution.find_attributions(text, sentences, config.actors, model=model)
    rows = attribution.attribution_rows(article_id, text, found, config.actors)
    for row in rows:  # "source" names the outlet in every slant table
        row["source_text"] = row.pop("source")
    return rows


def find_terms(text: str, sentences: list[segment.Sentence], mentions: list, attribution_rows: list[dict],
               config: Config) -> list[dict]:
    """Lexicon matches, structural quote terms and (with the context model) the model's terms, in text order.

    With the model on, a term in the outlet's voice inside an indirect
    attribution's content is the speaker's words as the outlet reports them:
    voice ``paraphrase``. With ``config.loaded_model`` off the terms are
    exactly the lexicon-only ones of before (``basis`` and ``probability``
    aside).
    """
    quotations = segment.quotations(text)  # cached per text: computed once per article
    terms = lexicon.find_loaded_terms(text, sentences, config.lexicon, mentions, quotations)
    terms += lexicon.find_quote_terms(text, sentences, quotations, attribution_rows, mentions)
    terms += lexicon.find_social_embeds(text, sentences)
    for row in terms:
        row["matched"] = row["text"]  # the words found; the context model may grow ``text`` into a phrase
    if config.loaded_model:
        terms = lexicon.decide(text, sentences, terms, quotations, attribution_rows, mentions, config.lexicon,
                               lexicon.packaged_model())
        lexicon.mark_paraphrase(terms, attribution_rows)
    return sorted(terms, key=lambda row: (row["start"], row["end"]))


def terms_of_text(text: str, config: Config) -> list[dict]:
    """The loaded terms of one text, without the rest of the analysis (for validation)."""
    sentences = segment.sentences(text)
    rows = find_attribution_rows("", text, sentences, config)
    return find_terms(text, sentences, config.actors.mentions(text), rows, config)


def analyze_article(article_id: str, text: str, config: Config) -> dict[str, list[dict]]:
    """All per-article rows: sentences (with VADER), terms, attributions, mentions, embeds, readability."""
    sentences = segment.sentences(text)
    posts = segment.embedded_posts(text)
    mentions = config.actors.mentions(text)
    attribution_rows = find_attribution_rows(article_id, text, sentences, config)
    terms = find_terms(text, sentences, mentions, attribution_rows, config)
    quotations = segment.quotations(text)
    scores = sentiment.score_sentences(text, sentences)
    own_text = own_voice_text(text, posts)
    return {
        "summary": [{"n_words": segment.count_words(text), "n_sentences": len(sentences),
                     "n_embedded_sentences": sum(s.voice == segment.EMBED for s in sentences),
                     "n_words_own_voice": segment.count_words(own_text)}],
        "sentences": [{"sentence_index": i, "start": s.start, "end": s.end, "paragraph": s.paragraph, "voice": s.voice,
                       "text": text[s.start:s.end], **score} for i, (s, score) in enumerate(zip(sentences, scores))],
        "terms": terms,
        "attributions": attribution_rows,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "actor": m.actor,
                      "side": config.actors.side_of(m.actor), "voice": _voice(m.start, m.end, posts, quotations)}
                     for m in mentions],
        "embeds": [{"start": p.start, "end": p.end, "handle": p.handle, "author": p.author, "date": p.date,
                    "text": text[p.start:p.end]} for p in posts],
        "readability": [readability.readability_scores(own_text)],
    }


def _frame(rows: list[dict], columns: list[str], sources: pd.CategoricalDtype, *, nullable_ints=(),
           floats=()) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    if "source" in frame:
        frame["source"] = frame["source"].astype(sources)
    for column in nullable_ints:  # spans that may be absent (an attribution's source) stay integers
        frame[column] = frame[column].astype("Int64")
    for column in floats:  # a probability that may be absent (a lexicon-only or rule term) is NaN, not None
        frame[column] = frame[column].astype(float)
    return frame


def analyze_corpus(articles: pd.DataFrame, config: Config | None = None,
                   progress: Callable[[int, int, str], None] | None = None, *, events: str | None = "auto") -> Results:
    """Analyse every article of the articles table; ``progress(done, total, id)`` after each.

    ``articles`` needs ``id``, ``source`` and ``text``; the other columns of
    ARTICLE_COLUMNS are empty text when absent (a table built by hand).
    ``events``: how each article gets its event (`slant.event_labels`: "auto"
    keeps given labels and groups the rest, "none" makes the corpus one
    event); None leaves the ``event`` column as given and no events table.
    """
    config = config or Config.load()
    absent = [c for c in ARTICLE_COLUMNS if c not in articles]
    if absent:
        articles = articles.assign(**{c: "" for c in absent})
    collected: dict[str, list[dict]] = {}
    for done, row in enumerate(articles.itertuples(index=False), 1):
        for table, rows in analyze_article(row.id, row.text, config).items():
            for item in rows:
                item.update(article_id=row.id, source=row.source)
            collected.setdefault(table, []).extend(rows)
        if progress:
            progress(done, len(articles), row.id)
    sources = pd.CategoricalDtype(sorted(articles["source"].unique()))
    summary = pd.DataFrame(collected.get("summary", []), columns=["article_id", *ARTICLE_SUMMARY_COLUMNS[-4:]])
    table = articles.merge(summary, left_on="id", right_on="article_id", how="left").drop(columns="article_id")
    table["source"] = table["source"].astype(sources)
    events_table = None
    if events is not None:
        table["event"], events_table = resolve_events(table, events)
    elif "event" not in table:
        table["event"] = ""
    return Results(
        articles=table[[*ARTICLE_SUMMARY_COLUMNS, "text"]],
        sentences=_frame(collected.get("sentences", []), SENTENCE_COLUMNS, sources),
        terms=_frame(collected.get("terms", []), ["source", *lexicon.TERM_COLUMNS], sources, floats=["probability"]),
        attributions=attribution.records.typed(_frame(collected.get("attributions", []), ATTRIBUTION_TABLE_COLUMNS,
                                                      sources)),
        mentions=_frame(collected.get("mentions", []), ["source", *MENTION_COLUMNS], sources),
        embeds=_frame(collected.get("embeds", []), EMBED_COLUMNS, sources),
        readability=_frame(collected.get("readability", []), readability.READABILITY_COLUMNS, sources),
        events=events_table,
    )


def table_columns() -> dict[str, list[str]]:
    """Every table's columns, in order, as `analyze_corpus` makes them (they do not depend on the configuration)."""
    empty = analyze_corpus(pd.DataFrame([], columns=ARTICLE_COLUMNS), Config(None, None), events=None)  # no article reads it
    frames = {**empty.tables(), "articles": empty.articles}  # the articles with their text
    return {name: list(frame.columns) for name, frame in frames.items()}


def analyze(corpus: str | Path | list, sources: str | Path | None = None, lexicon_files=None,
            actors_file=None, encoding: str | None = None, *, strict: bool = False,
            keep_label_variants: bool = False, events: str = "auto") -> Results:
    """Load a corpus and analyse it in one call (see `corpus.read_corpus` for ``strict`` and the labels)."""
    articles = load_corpus(corpus, sources or None, encoding=encoding, strict=strict,
                           keep_label_variants=keep_label_variants)
    return analyze_corpus(articles, Config.load(lexicon_files, actors_file, list(articles["text"])), events=events)


def _span(start, end) -> dict | None:
    return None if pd.isna(start) else {"start": int(start), "end": int(end)}


def _attribution_record(a) -> dict:
    """An attributions-table row in the JSON contract: ``cue`` is the whole cue (the table's ``cue_phrase``),
    ``verb`` the reporting word (the table's ``cue``); ``content_more`` the content continued after a cue that
    splits a quotation ("“We will rebuild,” the mayor said, “and soon.”"), else None."""
    whole = _span(a.cue_phrase_start, a.cue_phrase_end) or _span(a.cue_start, a.cue_end)
    return {"cue": whole, "verb": _span(a.cue_start, a.cue_end), "source": _span(a.source_start, a.source_end),
            "content": _span(a.content_start, a.content_end),
            "content_more": _span(a.content_more_start, a.content_more_end), "speaker": None if pd.isna(a.speaker) else a.speaker,
            "actor": None if pd.isna(a.actor) else a.actor, "kind": a.kind, "register": a.register,
            "negated": bool(a.negated), "nested": bool(a.nested), "basis": a.basis,
            "probability": None if pd.isna(a.probability) else float(a.probability)}


def article_records(results: Results) -> Iterator[dict]:
    """One JSON-ready dict per article, in the contract of DESIGN.md."""
    by_article = {name: dict(tuple(frame.groupby("article_id", sort=False)))
                  for name, frame in (("terms", results.terms), ("attributions", results.attributions),
                                      ("sentences", results.sentences), ("readability", results.readability))}
    empty = pd.DataFrame()
    for article in results.articles.itertuples(index=False):
        terms = by_article["terms"].get(article.id, empty)
        attributions = by_article["attributions"].get(article.id, empty)
        sentences = by_article["sentences"].get(article.id, empty)
        scores = by_article["readability"].get(article.id, empty)
        yield {
            "id": article.id, "source": str(article.source), "event": str(getattr(article, "event", "") or ""),
            "title": article.title, "date": article.date,
            "url": article.url, "n_words": int(article.n_words), "n_sentences": int(article.n_sentences),
            "loaded_terms": [{"start": int(t.start), "end": int(t.end), "text": t.text, "category": t.category,
                              "loaded": bool(t.loaded), "basis": t.basis,
                              "probability": None if pd.isna(t.probability) else float(t.probability),
                              "note": t.note, "in_quote": bool(t.in_quote), "voice": t.voice,
                              "target": None if pd.isna(t.target) else t.target}
                             for t in terms.itertuples(index=False)],
            "attributions": [_attribution_record(a) for a in attributions.itertuples(index=False)],
            "sentences": [{"start": int(s.start), "end": int(s.end), "compound": float(s.compound), "voice": s.voice}
                          for s in sentences.itertuples(index=False)],
            "readability": {} if scores.empty else {
                k: (None if pd.isna(v) else float(v))
                for k, v in scores.iloc[0][list(readability.READABILITY_MEASURES)].items()},
        }
