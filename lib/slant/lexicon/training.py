"""Training the loaded-wording context model (`slant train loaded`), and cross-validating it.

The training articles are read exactly as slant reads any article: sentences,
quotations, attributions and lexicon matches come from the same functions as
in an analysis (`pipeline.find_terms` with the model off), and
`features.article_features` turns them into the model's features. A word is a
positive example when it overlaps a gold span: PTC's Loaded_Language and
Name_Calling,Labeling spans, and (when BASIL is given) BASIL's lexical-bias
spans. Everything is deterministic: articles in sorted order, features in
sorted order, liblinear with a fixed seed, so the same data give the same
model file byte for byte.

Cross-validation holds out whole articles (PTC: five folds by sorted article
id, article *i* in fold *i* mod 5) or whole triples (BASIL: five folds by
sorted triple id), so no article is scored by a model that saw it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .context import ContextModel, decide
from .features import WordToken, article_features, cluster_features, word_tokens

FOLDS = 5
Span = tuple[int, int]


@dataclass(frozen=True)
class Settings:
    """What training needs beyond the data; chosen by cross-validation (see the model card)."""

    c: float = 1.0  # inverse L2 strength of the loaded-wording regression
    min_count: int = 2  # a feature seen fewer times in training is left out
    basil_weight: float = 1.0  # weight of a BASIL word relative to a PTC word
    seed: float = 0.22  # an opinion word (VADER or Hu & Liu) at or above it starts a model term (0.25: PTC -0.001)
    grow: float = 0.08  # a neighbour at or above it joins a model term or a loaded lexicon match (``grow_lexicon``)
    # CV (features v2): PTC token F1 0.283 / 0.280 / 0.278 and BASIL's 0.149 / 0.142 / 0.140 at reject 0.02 / 0.005
    # / 0.002, but 0.005 and above reject right terms of the hand-read seeds' war reporting ("retaliation", "nuclear
    # war", "repeatedly"; probabilities 0.0027 to 0.0049), words PTC and BASIL hardly hold: the lexicon's reading
    # stands unless the model is all but certain
    reject: float = 0.002
    # … but where the model has a weight for the word itself it has seen the word in training and may judge it:
    # such a match is rejected below reject_known (CV: PTC token F1 0.278 → 0.283, BASIL's 0.138 → 0.146), unless
    # its category says ``model_judges: false`` (escalation, intensifiers: not what PTC calls loaded language)
    reject_known: float = 0.02
    # a scare or partial quote of two words or more whose words the model all rates below quote_reject is not loaded
    # (PTC token precision of partial quotes: 0.19, below every other basis; CV with the line above: 0.283 → 0.289
    # at 0.05; 0.1 scores 0.002 higher with every setting below)
    quote_reject: float = 0.1
    # a loaded lexicon match grows over its neighbours ≥ grow, as model terms do: PTC marks phrases ("the most
    # tyrannical"), token F1 0.289 → 0.301; BASIL, whose spans are single words, 0.152 → 0.136. Grown phrases lose
    # function words at their edges (data/phrase_edges.yaml: "is begging" → "begging"): PTC 0.304 → 0.300, BASIL
    # 0.135 → 0.144; and never take in an actor's name ("US-led", not "US-led NATO"): PTC 0.302 → 0.299
    grow_lexicon: bool = True
    # any other word starts a term only at ≥ seed_other (and when one of the model's ``seed_words``): PTC token F1
    # 0.28 against 0.27 with opinion words only, BASIL's no lower; letting every word seed at ``seed`` made terms of
    # "the", "its", "script" in plain news
    opinion_seeds: bool = True
    # with growth, no trimming: seed_other 0.3 gave PTC token F1 0.301, span recall 0.509; 0.25 gave 0.304, 0.518
    seed_other: float = 0.25
    seed_word_bar: float = 0.15  # a seed word's training probability reached this on ``SEED_WORD_SHARE`` of its uses
    category_c: float = 1.0  # inverse L2 strength of the nearest-category classifier
    random_state: int = 0
    clusters: int = 512  # word clusters learned from the training texts (0: none); 256 scored the same on PTC
    cluster_min_count: int = 3  # a word seen fewer times in training gets no cluster


# Features the nearest-category classifier leaves out: which lexicon entry matched (a model term is in no entry)
# and the word itself (it would learn the lexicon's words by heart instead of their shapes and company).
CATEGORY_EXCLUDED = ("lex=", "lexpos=", "w=", "bi-=", "bi+=")


@dataclass(frozen=True)
class Document:
    """One training article, prepared as an analysis would prepare it, with its gold and its labels."""

    id: str
    corpus: str  # "ptc" or "basil"
    group: str  # the unit held out together: the article (PTC) or its triple (BASIL)
    text: str
    gold: tuple[Span, ...]  # the loaded-wording gold spans
    any_gold: tuple[Span, ...]  # every annotated span (PTC: any technique), for span precision
    sentence_spans: tuple[Span, ...]  # the corpus's own sentences (BASIL), for sentence scores
    source: str  # the outlet (BASIL), for the triple rankings
    tokens: tuple[WordToken, ...]
    features: tuple[tuple[str, ...], ...]
    labels: tuple[int, ...]
    parts: dict  # sentences, quotations, attributions, mentions, terms (model off): what `decide` needs


def prepare(text: str, config) -> dict:
    """Sentences, quotations, attributions, mentions and the model-off terms of one text, as an analysis makes them."""
    from .. import segment
    from ..pipeline import find_attribution_rows, find_terms

    off = dataclasses.replace(config, loaded_model=False)
    sentences = segment.sentences(text)
    mentions = config.actors.mentions(text)
    attributions = find_attribution_rows("", text, sentences, config)
    terms = find_terms(text, sentences, mentions, attributions, off)
    return {"sentences": sentences, "quotations": segment.quotations(text), "attributions": attributions,
            "mentions": mentions, "terms": terms}


def _labels(tokens: list[WordToken], spans) -> tuple[int, ...]:
    spans = sorted(spans)
    return tuple(int(any(s < t.end and t.start < e for s, e in spans)) for t in tokens)


def make_document(id_: str, corpus: str, group: str, text: str, gold, config, *, any_gold=(), sentence_spans=(),
                  source: str = "") -> Document:
    """A `Document`: the text prepared (`prepare`), its words, their features and labels."""
    parts = prepare(text, config)
    tokens = word_tokens(text, parts["sentences"])
    matches = [t for t in parts["terms"] if t["category"] in config.lexicon.categories]
    features = article_features(text, parts["sentences"], tokens, matches, parts["quotations"], parts["attributions"])
    return Document(id_, corpus, group, text, tuple(sorted(gold)), tuple(sorted(any_gold)), tuple(sentence_spans),
                    source, tuple(tokens), tuple(tuple(f) for f in features), _labels(tokens, gold), parts)


def ptc_documents(folder, config) -> list[Document]:
    """The articles of a PTC folder, gold = Loaded_Language + Name_Calling,Labeling (see `validate.ptc`)."""
    from ..validate import ptc

    return [make_document(a.id, "ptc", a.id, a.text, a.loaded(), config,
                          any_gold=[(s.start, s.end) for s in a.spans]) for a in ptc.load_ptc(folder)]


def basil_documents(folder, config) -> list[Document]:
    """The articles of a BASIL folder, gold = lexical-bias spans (see `validate.basil`)."""
    from ..validate import basil

    return [make_document(a.id, "basil", a.triplet, a.text, a.lexical, config, any_gold=a.lexical,
                          sentence_spans=a.sentences, source=a.source) for a in basil.load_basil(folder)]


def folds(documents: list[Document]) -> dict[str, int]:
    """Document id → fold: per corpus, its sorted groups (articles or triples) dealt round-robin into `FOLDS`."""
    assignment = {}
    for corpus in sorted({d.corpus for d in documents}):
        groups = sorted({d.group for d in documents if d.corpus == corpus})
        fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
        assignment.update({d.id: fold_of[d.group] for d in documents if d.corpus == corpus})
    return assignment


def _matrix(rows: list[tuple[str, ...]], vocabulary: dict[str, int]):
    from scipy import sparse

    indptr, indices = [0], []
    for names in rows:
        indices.extend(sorted({vocabulary[n] for n in names if n in vocabulary}))
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocabulary)))


def _vocabulary(rows, min_count: int) -> dict[str, int]:
    counts = Counter(name for names in rows for name in set(names))
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= min_count))}


def _category_examples(documents: list[Document], lexicon,
                       by_document: dict[str, list]) -> tuple[list[tuple[str, ...]], list[str]]:
    """Features of the first word of every loaded-category lexicon match, and its category (``by_document``: each
    document's feature rows)."""
    rows, labels = [], []
    for doc in documents:
        starts = {t.start: i for i, t in enumerate(doc.tokens)}
        for term in doc.parts["terms"]:
            category = lexicon.categories.get(term["category"])
            if category is None or not category.loaded or term["start"] not in starts:
                continue
            names = by_document[doc.id][starts[term["start"]]]
            rows.append(tuple(n for n in names if not n.startswith(CATEGORY_EXCLUDED)))
            labels.append(term["category"])
    return rows, labels


CONTEXT_WORDS = 3000  # the most frequent words are the context dimensions of the co-occurrence vectors
CLUSTER_DIMENSIONS = 100


def word_clusters(documents: list[Document], settings: Settings = Settings()) -> dict[str, int]:
    """Word → cluster, learned from the training texts alone (no download): each word seen at least
    ``cluster_min_count`` times is a vector of positive PMI with the frequent words two to its left and right,
    reduced by SVD and grouped by k-means. Words of like use and tone share a cluster, so a loaded word never
    seen as gold still shares weights with those that were. Single-threaded and seeded: the same texts, the same
    clusters."""
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from threadpoolctl import threadpool_limits

    if not settings.clusters:
        return {}
    counts = Counter(t.lower for d in documents for t in d.tokens)
    vocabulary = sorted(w for w, c in counts.items() if c >= settings.cluster_min_count)
    if len(vocabulary) <= settings.clusters:
        return {}
    row_of = {w: i for i, w in enumerate(vocabulary)}
    context = {w: i for i, w in enumerate(sorted(counts, key=lambda w: (-counts[w], w))[:CONTEXT_WORDS])}
    pairs: Counter = Counter()
    for d in documents:
        words = [t.lower for t in d.tokens]
        for i, w in enumerate(words):
            if w not in row_of:
                continue
            for j in (i - 2, i - 1, i + 1, i + 2):
                if 0 <= j < len(words) and words[j] in context:
                    pairs[(row_of[w], context[words[j]] + (0 if j < i else CONTEXT_WORDS))] += 1
    keys = sorted(pairs)
    rows, cols = np.array([k[0] for k in keys]), np.array([k[1] for k in keys])
    values = np.array([pairs[k] for k in keys], dtype=float)
    total = values.sum()
    row_sums = np.bincount(rows, values, len(vocabulary))
    col_sums = np.bincount(cols, values, 2 * CONTEXT_WORDS)
    pmi = np.log(values * total / (row_sums[rows] * col_sums[cols]))
    keep = pmi > 0
    matrix = sparse.csr_matrix((pmi[keep], (rows[keep], cols[keep])), shape=(len(vocabulary), 2 * CONTEXT_WORDS))
    with threadpool_limits(1):
        vectors = TruncatedSVD(CLUSTER_DIMENSIONS, random_state=settings.random_state).fit_transform(matrix)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        labels = KMeans(settings.clusters, random_state=settings.random_state, n_init=1).fit_predict(vectors)
    return {w: int(c) for w, c in zip(vocabulary, labels)}


def _rows(document: Document, clusters: dict[str, int]) -> list[tuple[str, ...]]:
    """The document's features with the word clusters' (`features.cluster_features`)."""
    if not clusters:
        return list(document.features)
    return [names + tuple(cluster_features(document.tokens, i, clusters)) for i, names in enumerate(document.features)]


# a possible seed's training probability reached ``seed_word_bar`` on at least a quarter of its training occurrences
# (not "the", "its", "of")
SEED_WORD_SHARE = 0.25


def _seed_words(rows: list[tuple[str, ...]], probabilities, settings: Settings) -> frozenset[str]:
    """The words, not opinion words (``pol=0``), whose training probability reached ``seed_word_bar`` on at least
    ``SEED_WORD_SHARE`` of their occurrences: the only ones an analysis rates as seeds of their own (function words
    inside gold phrases come near the bar only sometimes and stay out)."""
    if not settings.opinion_seeds or settings.seed_other >= 1:
        return frozenset()
    bar = settings.seed_word_bar
    seen, near = Counter(), Counter()
    for names, p in zip(rows, probabilities):
        if "pol=0" in names:
            word = next(n[2:] for n in names if n.startswith("w="))
            seen[word] += 1
            near[word] += p >= bar
    return frozenset(w for w, c in near.items() if c and c >= SEED_WORD_SHARE * seen[w])


def fit(documents: list[Document], lexicon, settings: Settings = Settings(), *,
        metadata: dict | None = None) -> ContextModel:
    """The context model trained on ``documents`` with ``settings`` (deterministic)."""
    from sklearn.linear_model import LogisticRegression

    clusters = word_clusters(documents, settings)
    by_document = {d.id: _rows(d, clusters) for d in documents}
    rows = [names for d in documents for names in by_document[d.id]]
    labels = np.array([y for d in documents for y in d.labels])
    weights = np.array([settings.basil_weight if d.corpus == "basil" else 1.0
                        for d in documents for _ in d.labels])
    vocabulary = _vocabulary(rows, settings.min_count)
    regression = LogisticRegression(C=settings.c, solver="liblinear", random_state=settings.random_state,
                                    max_iter=1000)
    matrix = _matrix(rows, vocabulary)
    regression.fit(matrix, labels, sample_weight=weights)
    seed_words = _seed_words(rows, regression.predict_proba(matrix)[:, 1], settings)
    names = sorted(vocabulary, key=vocabulary.get)
    coef = regression.coef_[0]
    model_weights = {n: round(float(coef[i]), 6) for n, i in zip(names, range(len(names))) if round(float(coef[i]), 6)}

    category_rows, category_labels = _category_examples(documents, lexicon, by_document)
    categories, category_weights, intercepts = (), {}, ()
    if len(set(category_labels)) >= 2:
        vocab = _vocabulary(category_rows, settings.min_count)
        classifier = LogisticRegression(C=settings.category_c, solver="lbfgs", max_iter=2000)
        classifier.fit(_matrix(category_rows, vocab), category_labels)
        categories = tuple(str(c) for c in classifier.classes_)
        cnames = sorted(vocab, key=vocab.get)
        for name, i in zip(cnames, range(len(cnames))):
            row = tuple(round(float(w), 6) for w in classifier.coef_[:, i])
            if any(row):
                category_weights[name] = row
        intercepts = tuple(round(float(b), 6) for b in classifier.intercept_)
    elif category_labels:
        categories, intercepts = (category_labels[0],), (0.0,)
    return ContextModel(model_weights, round(float(regression.intercept_[0]), 6), settings.seed, settings.grow,
                        settings.reject, settings.opinion_seeds, settings.seed_other, seed_words,
                        settings.reject_known, settings.quote_reject, settings.grow_lexicon, categories,
                        category_weights, intercepts, clusters, metadata or {})


def decided_terms(document: Document, model: ContextModel, lexicon) -> list[dict]:
    """The terms an analysis with ``model`` reports for this document (the model-off terms, decided afresh)."""
    parts = document.parts
    terms = [dict(t) for t in parts["terms"]]
    return decide(document.text, parts["sentences"], terms, parts["quotations"], parts["attributions"],
                  parts["mentions"], lexicon, model)


def loaded_spans(terms: list[dict]) -> list[Span]:
    """The spans of the loaded terms (what the validation scores), each once."""
    return list(dict.fromkeys((t["start"], t["end"]) for t in terms if t["loaded"]))


def cross_validated_models(documents: list[Document], lexicon, settings: Settings = Settings(),
                           progress: Callable[[str], None] | None = None) -> dict[str, ContextModel]:
    """Document id → the model trained on the other folds (one model per fold)."""
    assignment = folds(documents)
    models = {}
    for k in range(FOLDS):
        model = fit([d for d in documents if assignment[d.id] != k], lexicon, settings)
        models.update({d.id: model for d in documents if assignment[d.id] == k})
        if progress:
            progress(f"fold {k + 1} of {FOLDS} trained")
    return models


def data_fingerprint(documents: list[Document]) -> str:
    """sha256 over the documents' ids, texts and gold spans: which data a model was trained on."""
    digest = hashlib.sha256()
    for d in sorted(documents, key=lambda d: (d.corpus, d.id)):
        digest.update(f"{d.corpus}\t{d.id}\t{d.gold}\n".encode())
        digest.update(d.text.encode("utf-8"))
    return digest.hexdigest()


def write_model(model: ContextModel, path: str | Path) -> str:
    """Write the model file; its sha256."""
    from ..publish import write_atomically
    from .context import to_json

    payload = to_json(model)
    write_atomically(Path(path), payload)
    return hashlib.sha256(payload).hexdigest()


def load_documents(ptc=None, basil=None, config=None, progress: Callable[[str], None] | None = None) -> list[Document]:
    """The training documents of the folders given (PTC and/or BASIL), read with the packaged lexicon and actors."""
    from ..errors import SlantError
    from ..pipeline import Config

    if not ptc and not basil:
        raise SlantError("train loaded: give the training data: --ptc DIR (and optionally --basil DIR)")
    config = config or Config.load(loaded_model=False)
    documents = []
    for name, folder, reader in (("PTC", ptc, ptc_documents), ("BASIL", basil, basil_documents)):
        if folder:
            found = reader(folder, config)
            documents += found
            if progress:
                progress(f"{name}: {len(found)} articles, {sum(len(d.gold) for d in found)} gold spans, "
                         f"{sum(len(d.tokens) for d in found):,} words from {folder}")
    return documents


def train(ptc=None, basil=None, out=None, settings: Settings = Settings(),
          progress: Callable[[str], None] | None = None) -> tuple[ContextModel, str]:
    """Train the shipped model from the folders given and write it to ``out``: the model and the file's sha256.

    The packaged lexicon (a user's files are not read) decides the lexicon
    features; `Settings` are those chosen by cross-validation. The same data
    give the same bytes.
    """
    from ..pipeline import Config

    config = Config.load(loaded_model=False)
    documents = load_documents(ptc, basil, config, progress)
    metadata = {"data_sha256": data_fingerprint(documents),
                "articles": {c: sum(d.corpus == c for d in documents) for c in ("ptc", "basil")},
                "settings": dataclasses.asdict(settings)}
    model = fit(documents, config.lexicon, settings, metadata=metadata)
    digest = write_model(model, out) if out else ""
    if progress:
        progress(f"{len(model.weights):,} weights, {len(model.category_weights):,} category weights"
                 + (f"; written to {out} (sha256 {digest})" if out else ""))
    return model, digest


def _ptc_spans(document: Document) -> tuple:
    """The document's gold as PTC spans again: its loaded spans, and the other techniques' spans as "other"."""
    from ..validate import ptc as ptc_mod

    others = Counter(document.any_gold) - Counter(document.gold)
    return tuple([ptc_mod.PtcSpan(ptc_mod.LOADED_TECHNIQUES[0], *span) for span in document.gold]
                 + [ptc_mod.PtcSpan("other", *span) for span in sorted(others.elements())])


def cross_validation_scores(documents: list[Document], lexicon, settings: Settings = Settings(),
                            progress: Callable[[str], None] | None = None) -> dict[str, dict]:
    """Per corpus, the validation scores of the cross-validated models (every article scored by a model that
    never saw it): ``validate.ptc.score`` for PTC, ``validate.basil.score`` for BASIL."""
    from ..validate import basil as basil_mod
    from ..validate import ptc as ptc_mod

    models = cross_validated_models(documents, lexicon, settings, progress)
    predicted = {d.text: loaded_spans(decided_terms(d, models[d.id], lexicon)) for d in documents}
    scores = {}
    ptc_docs = [d for d in documents if d.corpus == "ptc"]
    if ptc_docs:
        gold = [ptc_mod.PtcArticle(d.id, d.text, _ptc_spans(d)) for d in ptc_docs]
        scores["ptc"] = ptc_mod.score(gold, predicted.__getitem__)
    basil_docs = [d for d in documents if d.corpus == "basil"]
    if basil_docs:
        gold = [basil_mod.BasilArticle(d.id, d.group, d.source, d.text, d.sentence_spans, d.gold, ())
                for d in basil_docs]
        scores["basil"] = basil_mod.score(gold, predicted.__getitem__)
    return scores


def cross_validation_table(ptc=None, basil=None, settings: Settings = Settings(),
                           progress: Callable[[str], None] | None = None):
    """The cross-validated scores as one table: corpus, measure, value (the model card's figures)."""
    import pandas as pd

    from ..pipeline import Config
    from ..validate import basil as basil_mod
    from ..validate import ptc as ptc_mod

    config = Config.load(loaded_model=False)
    scores = cross_validation_scores(load_documents(ptc, basil, config, progress), config.lexicon, settings, progress)
    rows = []
    if "ptc" in scores:
        table = ptc_mod.results_table({"cv": scores["ptc"]}).iloc[0]
        rows += [("ptc", m, float(table[m])) for m in ptc_mod.PTC_COLUMNS[1:]]
    if "basil" in scores:
        table = basil_mod.results_table({"cv": scores["basil"]}).iloc[0]
        rows += [("basil", m, float(table[m])) for m in table.index if m != "predictor"]
    return pd.DataFrame(rows, columns=["corpus", "measure", "value"])
