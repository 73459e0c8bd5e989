"""Drill-down: the rows behind one cell of a summary table or one bar of a chart.

Every aggregate of `slant.compare` and every chart of `slant.charts` counts
spans (loaded terms, attributions, mentions) or sentences; the companions here
return exactly those spans, each with its sentence, so "which sentences make
this bar so tall?" has a one-call answer. `evidence` covers terms and
attributions (EVIDENCE_COLUMNS); `sentence_evidence`, `mention_evidence`,
`word_evidence` and `article_evidence` cover sentiment, actor mentions,
distinctive words and readability. `COMPANIONS` names the call for each
chart and table. Offsets follow the one convention: ``text[start:end]``.

The span table is built once per `Results` (`evidence_index`) and reused,
so the explorer can filter a large corpus on every click.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .attribution.names import merge_speakers
from .errors import SlantError
from .pipeline import Results
from .sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD

EVIDENCE_COLUMNS = ["kind", "source", "article_id", "sentence_index", "start", "end", "span", "term", "category",
                    "loaded", "voice", "target", "speaker", "register", "speech", "sentence"]
TERM_FILTERS = ("category", "voice", "term", "loaded")  # select loaded terms only
ATTRIBUTION_FILTERS = ("speaker", "register", "speech")  # select attributions only
SHARED_FILTERS = ("source", "article", "target", "sentence_index")  # both; target = attribution's actor
SENTENCE_COLUMNS = ["source", "article_id", "sentence_index", "start", "end", "voice", "compound", "text"]

# chart / table -> the companion call for one bar or cell (source, category… are that bar's labels)
COMPANIONS = {
    "charts.loaded_density_by_category / compare.term_density":
        'evidence.evidence(results, source="Outlet 000", category="emotive", voice="outlet")',
    "compare.top_terms": 'evidence.evidence(results, source="Outlet 000", term="beg", voice="outlet")',
    "compare.naming_choices": 'evidence.evidence(results, source="Outlet 000", category="naming", span="Kiev")',
    "compare.target_matrix (heatmap terms_by_target)":
        'evidence.evidence(results, source="Outlet 000", target="Ukraine", voice="outlet", loaded=True)',
    "charts.speakers_by_source / compare.speaker_counts":
        'evidence.evidence(results, source="Outlet 000", speaker="Vladimir Putin")',
    "charts.register_by_source / compare.register_counts":
        'evidence.evidence(results, source="Outlet 000", register="emotive")',
    "charts.register_by_actor_chart / compare.register_by_actor":
        'evidence.evidence(results, source="Outlet 000", target="Russia", register="assertive")',
    "compare.actor_attribution_matrix / compare.share_of_voice":
        'evidence.evidence(results, source="Outlet 000", target="Russia", kind="attribution")',
    "compare.attribution_summary": 'evidence.evidence(results, source="Outlet 000", speech="direct")',
    "charts.sentiment_by_source / sentiment.source_sentiment":
        'evidence.sentence_evidence(results, source="Outlet 000", sentiment="negative")',
    "charts.sentiment_arc": 'evidence.sentence_evidence(results, article="000_8c138e10b898806c")',
    "compare.actor_sentiment_matrix": 'evidence.sentence_evidence(results, source="Outlet 000", actor="Russia")',
    "compare.actor_mentions_matrix": 'evidence.mention_evidence(results, source="Outlet 000", actor="NATO")',
    "charts.distinctive_words_chart": 'evidence.word_evidence(results, source="Outlet 000", word="kiev")',
    "charts.readability_by_source / charts.intervals_chart":
        'evidence.article_evidence(results, source="Outlet 000")',
}


def _values(value) -> list:
    return list(value) if isinstance(value, (list, tuple, set, frozenset, pd.Index, np.ndarray)) else [value]


@dataclass
class EvidenceIndex:
    """The spans of one `Results` in one table, with the integer codes that make filtering a mask."""

    spans: pd.DataFrame  # EVIDENCE_COLUMNS, terms then attributions, categorical text columns
    row_of: pd.Series  # position in ``spans`` -> row label in results.terms / results.attributions
    # True for spans inside an embedded social post: terms in its voice, the post's own attribution
    embedded: np.ndarray | None = None
    # True for negated speech acts ("did not say"): attributions the per-source counts leave out
    negated: np.ndarray | None = None

    @classmethod
    def build(cls, results: Results) -> "EvidenceIndex":
        sentence = results.sentences.set_index(["article_id", "sentence_index"])["text"]
        terms, said = results.terms, merge_speakers(results.attributions)  # the names the counts use
        n_terms = len(terms)
        frame = pd.DataFrame({
            "kind": ["term"] * n_terms + ["attribution"] * len(said),
            "source": pd.concat([terms["source"].astype(str), said["source"].astype(str)], ignore_index=True),
            "article_id": pd.concat([terms["article_id"], said["article_id"]], ignore_index=True),
            "sentence_index": pd.concat([terms["sentence_index"], said["sentence_index"]], ignore_index=True),
            "start": pd.concat([terms["start"], said["cue_start"]], ignore_index=True),
            "end": pd.concat([terms["end"], said["cue_end"]], ignore_index=True),
            "span": pd.concat([terms["text"], said["cue"]], ignore_index=True),
            "term": pd.concat([terms["term"], pd.Series([None] * len(said), dtype=object)], ignore_index=True),
            "category": pd.concat([terms["category"], pd.Series([None] * len(said), dtype=object)], ignore_index=True),
            "loaded": np.concatenate([terms["loaded"].astype(bool).to_numpy(), np.zeros(len(said), bool)]),
            "voice": pd.concat([terms["voice"], pd.Series([None] * len(said), dtype=object)], ignore_index=True),
            "target": pd.concat([terms["target"], said["actor"]], ignore_index=True),
            "speaker": pd.concat([pd.Series([None] * n_terms, dtype=object), said["speaker"]], ignore_index=True),
            "register": pd.concat([pd.Series([None] * n_terms, dtype=object), said["register"]], ignore_index=True),
            "speech": pd.concat([pd.Series([None] * n_terms, dtype=object), said["kind"]], ignore_index=True),
        })
        for column in ("kind", "source", "article_id", "span", "term", "category", "voice", "target", "speaker",
                       "register", "speech"):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype("category")
        frame["source"] = frame["source"].cat.set_categories([str(s) for s in results.sources])
        keys = pd.MultiIndex.from_arrays([frame["article_id"].astype(str), frame["sentence_index"].astype(int)])
        frame["sentence"] = sentence.reindex(keys).to_numpy()
        for column in ("start", "end", "sentence_index"):
            frame[column] = frame[column].astype("Int64")
        row_of = pd.Series(np.concatenate([terms.index.to_numpy(), said.index.to_numpy()]))
        embedded = np.concatenate([(terms["voice"] == "embed").to_numpy(dtype=bool),
                                   (said["speaker_type"] == "embed").to_numpy(dtype=bool)])
        said_negated = (said["negated"].fillna(False).to_numpy(dtype=bool) if "negated" in said.columns
                        else np.zeros(len(said), bool))
        negated = np.concatenate([np.zeros(n_terms, bool), said_negated])
        return cls(frame[EVIDENCE_COLUMNS], row_of, embedded, negated)

    def __post_init__(self):
        self.codes = {c: self.spans[c].cat.codes.to_numpy() for c in self.spans
                      if isinstance(self.spans[c].dtype, pd.CategoricalDtype)}
        self.kind_codes = self.codes["kind"]
        self.loaded = self.spans["loaded"].to_numpy()
        if self.embedded is None:
            self.embedded = np.zeros(len(self.spans), bool)
        if self.negated is None:
            self.negated = np.zeros(len(self.spans), bool)

    def isin(self, column: str, values) -> np.ndarray:
        """``spans[column].isin(values)`` through a lookup table on the categorical codes (fast on millions of rows)."""
        categories = self.spans[column].cat.categories
        lookup = np.zeros(len(categories) + 1, bool)  # code -1 (missing) reads the last, False, entry
        lookup[[categories.get_loc(v) for v in _values(values) if v in categories]] = True
        return lookup[self.codes[column]]

    def mask(self, **filters) -> np.ndarray:
        """Boolean mask over ``spans`` (see `evidence` for the filters)."""
        unknown = sorted(set(filters) - {*TERM_FILTERS, *ATTRIBUTION_FILTERS, *SHARED_FILTERS, "kind", "span",
                                         "embedded", "negated"})
        if unknown:
            raise SlantError(f"evidence: unknown filter {unknown[0]!r} (known: category, voice, term, loaded, speaker, "
                             "register, speech, source, article, target, sentence_index, kind, span, embedded, negated)")
        given = {k: v for k, v in filters.items() if v is not None}
        term_side = any(k in given for k in TERM_FILTERS)
        said_side = any(k in given for k in ATTRIBUTION_FILTERS)
        if term_side and said_side:  # categories pick terms, registers pick attributions: their union
            terms = self.mask(**{k: v for k, v in given.items() if k not in ATTRIBUTION_FILTERS})
            said = self.mask(**{k: v for k, v in given.items() if k not in TERM_FILTERS})
            return terms | said
        keep = np.ones(len(self.spans), bool)
        if term_side:
            keep &= self.isin("kind", ["term"])
        if said_side:
            keep &= self.isin("kind", ["attribution"])
        for name, value in given.items():
            column = {"article": "article_id"}.get(name, name)
            if name == "loaded":
                keep &= self.loaded == bool(value)
            elif name == "embedded":
                keep &= self.embedded == bool(value)
            elif name == "negated":
                keep &= self.negated == bool(value)
            elif name == "sentence_index":
                keep &= self.spans["sentence_index"].isin(_values(value)).to_numpy()
            else:
                keep &= self.isin(column, value)
        return keep

    def rows(self, mask: np.ndarray) -> pd.DataFrame:
        return self.spans[mask].reset_index(drop=True)


_INDEXES: dict[int, tuple[weakref.ref, EvidenceIndex]] = {}


def evidence_index(results: Results) -> EvidenceIndex:
    """The span table of ``results``, built on first use and kept while ``results`` lives."""
    key = id(results)
    cached = _INDEXES.get(key)
    if cached is not None and cached[0]() is results:
        return cached[1]
    index = EvidenceIndex.build(results)
    _INDEXES[key] = (weakref.ref(results, lambda _, key=key: _INDEXES.pop(key, None)), index)
    return index


def evidence(results: Results, *, source=None, category=None, voice=None, target=None, term=None, loaded=None,
             speaker=None, register=None, speech=None, article=None, sentence_index=None, kind=None,
             span=None, embedded: bool | None = False, negated: bool | None = False) -> pd.DataFrame:
    """The loaded terms and attributions behind one cell or bar, one row per span (EVIDENCE_COLUMNS).

    Each filter takes a value or a list of values; None means any. ``category``,
    ``voice`` ("outlet"/"quoted"), ``term`` (lemma) and ``loaded`` select terms;
    ``speaker``, ``register`` and ``speech`` ("direct"/"indirect"/"mixed")
    select attributions (their ``start``/``end`` are the reporting cue's);
    given both, the result is the union. ``source``, ``article``, ``target``
    (the actor a term is aimed at, or the speaker's actor) and ``span`` (text
    as printed) apply to both. ``embedded=False`` (the default) leaves out the
    spans of embedded social posts (their terms and the post's attribution),
    as the charts do; True gives only those, None both. ``negated=False``
    (the default) likewise leaves out negated speech acts ("did not say"),
    which no count includes; True gives only those. Rows are in corpus
    order, ``sentence`` is the whole sentence holding the span. Example: ``evidence(results,
    source="Outlet 000", category="doubt")`` → the "purportedly" sentence.
    """
    index = evidence_index(results)
    return index.rows(index.mask(source=source, category=category, voice=voice, target=target, term=term,
                                 loaded=loaded, speaker=speaker, register=register, speech=speech, article=article,
                                 sentence_index=sentence_index, kind=kind, span=span, embedded=embedded,
                                 negated=negated))


def sentence_evidence(results: Results, *, source=None, article=None, actor=None, sentiment: str | None = None,
                      voice: str | None = "outlet") -> pd.DataFrame:
    """The sentences behind a sentiment dot, mean or arc (SENTENCE_COLUMNS, corpus order).

    ``sentiment``: "negative" (compound ≤ -0.05), "positive" (≥ 0.05) or
    "neutral"; ``actor``: only sentences naming that actor (the cells of
    `compare.actor_sentiment_matrix`); ``voice="outlet"`` as the charts count.
    """
    table = results.sentences
    keep = np.ones(len(table), bool)
    if source is not None:
        keep &= table["source"].astype(str).isin([str(s) for s in _values(source)]).to_numpy()
    if article is not None:
        keep &= table["article_id"].isin(_values(article)).to_numpy()
    if voice is not None:
        keep &= (table["voice"] == voice).to_numpy()
    compound = table["compound"].to_numpy()
    if sentiment is not None:
        bands = {"negative": compound <= NEGATIVE_THRESHOLD, "positive": compound >= POSITIVE_THRESHOLD,
                 "neutral": (compound > NEGATIVE_THRESHOLD) & (compound < POSITIVE_THRESHOLD)}
        if sentiment not in bands:
            raise SlantError(f"sentence_evidence: sentiment must be negative, positive or neutral, got {sentiment!r}")
        keep &= bands[sentiment]
    if actor is not None:
        named = mention_evidence(results, actor=actor, source=source, article=article)
        keep &= pd.MultiIndex.from_frame(table[["article_id", "sentence_index"]]).isin(
            pd.MultiIndex.from_frame(named[["article_id", "sentence_index"]])) if len(named) else False
    out = table[keep][SENTENCE_COLUMNS].reset_index(drop=True)
    out["source"] = out["source"].astype(str)
    return out


def mention_evidence(results: Results, *, source=None, actor=None, article=None,
                     embedded: bool | None = False) -> pd.DataFrame:
    """The mentions behind a cell of `compare.actor_mentions_matrix`, each with its sentence and voice.

    ``embedded=False`` (the default) leaves out names inside embedded social
    posts, as the matrix does; True gives only those, None both.
    """
    table = results.mentions
    keep = np.ones(len(table), bool)
    if embedded is not None:
        keep &= (table["voice"] == "embed").to_numpy() == bool(embedded)
    if source is not None:
        keep &= table["source"].astype(str).isin([str(s) for s in _values(source)]).to_numpy()
    if actor is not None:
        keep &= table["actor"].isin(_values(actor)).to_numpy()
    if article is not None:
        keep &= table["article_id"].isin(_values(article)).to_numpy()
    found = table[keep]
    sentences = results.sentences[results.sentences["article_id"].isin(found["article_id"].unique())]
    rows = []
    for article_id, group in found.groupby("article_id", sort=False):
        own = sentences[sentences["article_id"] == article_id]
        starts, ends = own["start"].to_numpy(), own["end"].to_numpy()
        for m in group.itertuples(index=False):
            hit = np.flatnonzero((starts <= m.start) & (m.start < ends))
            position = hit[0] if len(hit) else None
            rows.append({"source": str(m.source), "article_id": article_id, "actor": m.actor, "start": int(m.start),
                         "end": int(m.end), "span": m.text, "voice": m.voice,
                         "sentence_index": None if position is None else int(own["sentence_index"].iloc[position]),
                         "sentence": None if position is None else own["text"].iloc[position]})
    columns = ["source", "article_id", "actor", "start", "end", "span", "voice", "sentence_index", "sentence"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["sentence_index"] = frame["sentence_index"].astype("Int64")
    return frame


def word_evidence(results: Results, *, source, word: str) -> pd.DataFrame:
    """The own-voice sentences of ``source`` using ``word`` (a bar of `charts.distinctive_words_chart`).

    Words are matched as `vocabulary.word_counts` counts them: lower case, text
    inside quotation marks left out, a trailing 's dropped.
    """
    from .vocabulary import WORD_RE, own_text_without_quotes

    own = own_text_without_quotes(results)
    own = own[own["source"].astype(str).isin([str(s) for s in _values(source)])]
    words = own["text"].str.lower().str.replace("’", "'")
    hits = words.map(lambda text: word.lower() in {w.removesuffix("'s") for w in WORD_RE.findall(text)})
    found = results.sentences.loc[own.index[hits.to_numpy(dtype=bool)]]
    out = found[SENTENCE_COLUMNS].reset_index(drop=True)
    out["source"] = out["source"].astype(str)
    return out


def article_evidence(results: Results, *, source=None) -> pd.DataFrame:
    """The articles behind a per-source mean (readability bars, bootstrap intervals), with their scores."""
    table = results.readability
    if source is not None:
        table = table[table["source"].astype(str).isin([str(s) for s in _values(source)])]
    titles = results.articles.set_index("id")[["title", "n_words_own_voice"]]
    out = table.join(titles, on="article_id").reset_index(drop=True)
    out["source"] = out["source"].astype(str)
    return out


def companions() -> pd.DataFrame:
    """COMPANIONS as a table: each chart or summary table, and the call that returns the rows behind one bar."""
    return pd.DataFrame({"chart or table": list(COMPANIONS), "rows behind one bar or cell": list(COMPANIONS.values())})
