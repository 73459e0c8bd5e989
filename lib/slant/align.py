"""Same fact, different words: align the sentences of articles from different sources.

Sentences are compared by the cosine similarity of TF-IDF vectors after two
normalisations that make different wordings of one fact meet: every actor
alias becomes its actor ("Kiev", "Kyiv" → Ukraine; "US", "U.S.", "Washington" →
United States) and words are stemmed (Porter). Pairs are chosen greedily, most
similar first, each sentence at most once per article pair, and kept when
their similarity is at least ``ALIGNMENT_THRESHOLD``. Sentences left without a
partner are what one source reports and the other does not (selection and
omission). Only the outlets' own sentences take part (embedded posts do not).

Sentences are aligned only between articles of the same event (the
articles table's ``event``; see `slant.events`): a sentence about one story
is never the counterpart of a sentence about another. Within an event, every
two articles of different sources are compared while the event has at most
``ALL_PAIRS_ARTICLES`` articles. In a larger event (a corpus analysed with
``-p events none``, or a long-running story) comparing all pairs grows with the
square of its size, so only its ``MAX_ARTICLE_PAIRS`` most similar article
pairs across sources are aligned (article vectors: the sum of their sentences'
vectors), found in chunks of sparse products.
"""

from __future__ import annotations

import difflib
import html
import re
from functools import lru_cache
from itertools import combinations

import pandas as pd

from .actors import Actors
from .memo import per_results
from .pipeline import Results, article_events

# 0.20: on the seeds it pairs every sentence two outlets wrote about the same fact
# ("Kiev has been begging…" / "Ukraine has been seeking permission…": 0.27) and no
# sentence of unrelated content (the best unrelated pair scores 0.20 or less).
ALIGNMENT_THRESHOLD = 0.20
ALIGNED_COLUMNS = ["article_a", "source_a", "sentence_a", "text_a", "article_b", "source_b", "sentence_b", "text_b",
                   "similarity"]
UNMATCHED_COLUMNS = ["source", "article_id", "sentence_index", "text", "best_similarity"]
PAIR_DIFFERENCE_COLUMNS = ["event", "article_a", "article_b", "source_a", "source_b", "similarity", "loaded_terms_a",
                           "loaded_terms_b", "attribution_a", "attribution_b", "compound_a", "compound_b",
                           "compound_difference", "text_a", "text_b"]
ALL_PAIRS_ARTICLES = 300  # up to this many articles, every cross-source article pair is aligned
MAX_ARTICLE_PAIRS = 500  # beyond it, the most similar cross-source article pairs only
PAIR_CHUNK = 64  # articles per sparse product when searching pairs (bounds memory)
WORD_RE = re.compile(r"[A-Za-z_]+")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer  # pure code, no NLTK data needed

    return PorterStemmer().stem


@lru_cache(maxsize=200_000)
def _stem(lower_word: str) -> str:
    """A word's Porter stem, once per distinct word (a corpus repeats its words: 10,000 articles, 1M stems)."""
    return _stemmer()(lower_word)


def normalise_sentence(text: str, actors: Actors) -> str:
    """Stemmed content words, with each actor alias replaced by one token for its actor."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    parts, position = [], 0
    for mention in actors.mentions(text):
        parts += [text[position:mention.start], f" ACTOR_{mention.actor.replace(' ', '_')} "]
        position = mention.end
    parts.append(text[position:])
    return " ".join(word if word.startswith("ACTOR_") else _stem(word.lower())
                    for word in WORD_RE.findall("".join(parts)) if word.lower() not in ENGLISH_STOP_WORDS)


def _vectors(sentences: pd.DataFrame, actors: Actors):
    """Sparse TF-IDF rows (unit length) of the normalised sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [normalise_sentence(t, actors) for t in sentences["text"]]
    return TfidfVectorizer(sublinear_tf=True, lowercase=False, token_pattern=r"\S+").fit_transform(documents)


def _article_pairs(rows_of: dict[str, list[int]], source_of: dict[str, str], vectors) -> list[tuple[str, str]]:
    """Cross-source article pairs to align, in article order: all of them, or the most similar in a large corpus."""
    articles = list(rows_of)
    if len(articles) <= ALL_PAIRS_ARTICLES:
        return [(a, b) for a, b in combinations(articles, 2) if source_of[a] != source_of[b]]
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    owner = np.empty(vectors.shape[0], dtype=np.int64)
    for k, article in enumerate(articles):
        owner[rows_of[article]] = k
    membership = sparse.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))),
                                   shape=(len(articles), len(owner)))
    by_article = normalize(membership @ vectors)
    codes = pd.Categorical([source_of[a] for a in articles]).codes
    columns = np.arange(len(articles))
    scores, firsts, seconds = np.empty(0), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    for first in range(0, len(articles), PAIR_CHUNK):
        block = (by_article[first:first + PAIR_CHUNK] @ by_article.T).toarray()
        rows = np.arange(first, first + len(block))
        block[(columns[None, :] <= rows[:, None]) | (codes[None, :] == codes[rows][:, None])] = -1.0
        flat = block.ravel()
        take = np.argpartition(-flat, min(MAX_ARTICLE_PAIRS, flat.size) - 1)[:MAX_ARTICLE_PAIRS]
        take = take[flat[take] > 0]
        scores = np.concatenate([scores, flat[take]])
        firsts = np.concatenate([firsts, rows[take // len(articles)]])
        seconds = np.concatenate([seconds, take % len(articles)])
        order = np.lexsort((seconds, firsts, -scores))[:MAX_ARTICLE_PAIRS]  # most similar first, ties in order
        scores, firsts, seconds = scores[order], firsts[order], seconds[order]
    return [(articles[a], articles[b]) for a, b in sorted(zip(firsts.tolist(), seconds.tolist()))]


def align_sentences(results: Results, actors: Actors, threshold: float = ALIGNMENT_THRESHOLD) -> pd.DataFrame:
    """Aligned sentence pairs between articles of different sources (ALIGNED_COLUMNS; see the module)."""
    own = results.sentences[results.sentences["voice"] == "outlet"].reset_index(drop=True)
    if own.empty:
        return pd.DataFrame(columns=ALIGNED_COLUMNS).astype({"similarity": float})
    vectors = _vectors(own, actors)
    rows_of = {a: rows.tolist() for a, rows in own.groupby("article_id", sort=False).indices.items()}
    source_of = dict(zip(own["article_id"], own["source"].astype(str)))
    event_of = article_events(results)
    by_event: dict[str, dict[str, list[int]]] = {}
    for article, rows in rows_of.items():
        by_event.setdefault(event_of.get(article), {})[article] = rows
    pairs = []
    texts, indices = own["text"].to_numpy(), own["sentence_index"].to_numpy()
    article_pairs = [pair for members in by_event.values() if len({source_of[a] for a in members}) > 1
                     for pair in _article_pairs(members, source_of, vectors)]
    for first, second in article_pairs:
        rows_a, rows_b = rows_of[first], rows_of[second]
        block = (vectors[rows_a] @ vectors[rows_b].T).toarray()
        candidates = sorted(((block[x, y], i, j) for x, i in enumerate(rows_a) for y, j in enumerate(rows_b)),
                            reverse=True)
        used_a, used_b = set(), set()
        for score, i, j in candidates:
            if score < threshold:
                break
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            pairs.append({"article_a": first, "source_a": source_of[first], "sentence_a": int(indices[i]),
                          "text_a": texts[i], "article_b": second, "source_b": source_of[second],
                          "sentence_b": int(indices[j]), "text_b": texts[j], "similarity": round(float(score), 3)})
    table = pd.DataFrame(pairs, columns=ALIGNED_COLUMNS).astype({"similarity": float})
    return table.sort_values(["article_a", "sentence_a", "article_b"]).reset_index(drop=True)


@per_results
def unmatched_sentences(results: Results, aligned: pd.DataFrame) -> pd.DataFrame:
    """Own-voice sentences with no partner in another source covering the same event: what only that source reports.

    Articles of an event that only one source covered have no counterpart to
    compare with, so their sentences are not listed (that is story choice, not omission).
    """
    own = results.sentences[results.sentences["voice"] == "outlet"]
    matched = set(zip(aligned["article_a"], aligned["sentence_a"])) | set(zip(aligned["article_b"], aligned["sentence_b"]))
    event_of = article_events(results)
    sources_of_event = results.articles.groupby(results.articles["id"].map(event_of), observed=True)["source"].nunique()
    compared = set(sources_of_event[sources_of_event > 1].index)
    rows = [{"source": str(r.source), "article_id": r.article_id, "sentence_index": int(r.sentence_index),
             "text": r.text} for r in own.itertuples(index=False)
            if event_of.get(r.article_id) in compared and (r.article_id, r.sentence_index) not in matched]
    return pd.DataFrame(rows, columns=UNMATCHED_COLUMNS[:-1])


PAIRS_CSS = (".slant-pairs{table-layout:fixed;width:100%}.slant-pairs th{width:50%}"
             ".slant-pairs del{background:#fde0dd;text-decoration:none}"
             ".slant-pairs ins{background:#e5f5e0;text-decoration:none}")
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w’'-]*\w|\w|[^\w\s]")


def _pieces(text: str) -> list[tuple[str, str]]:
    """(token, the text from the previous token to this one's end): spacing is kept as printed."""
    pieces, position = [], 0
    for m in TOKEN_RE.finditer(text):
        pieces.append((m.group(), text[position:m.end()]))
        position = m.end()
    return pieces


def _marked(pieces: list[tuple[str, str]], tag: str) -> str:
    """The pieces escaped, the run wrapped once in ``tag`` (its leading space left outside; styled by PAIRS_CSS).

    One mark per run of changed words, not one per word: the page is a third
    of the size, and a reader sees the changed phrase as one.
    """
    if not pieces:
        return ""
    token, printed = pieces[0]
    lead = printed[: len(printed) - len(token)]
    run = token + "".join(p for _, p in pieces[1:])
    return html.escape(lead) + f"<{tag}>{html.escape(run)}</{tag}>"


def word_diff_html(text_a: str, text_b: str) -> tuple[str, str]:
    """Both sentences as escaped HTML, words only in A shaded in A, words only in B shaded in B."""
    a, b = _pieces(text_a), _pieces(text_b)
    matcher = difflib.SequenceMatcher(a=[t.lower() for t, _ in a], b=[t.lower() for t, _ in b], autojunk=False)
    out_a, out_b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out_a.append(html.escape("".join(p for _, p in a[i1:i2])))
            out_b.append(html.escape("".join(p for _, p in b[j1:j2])))
        else:
            out_a.append(_marked(a[i1:i2], "del"))
            out_b.append(_marked(b[j1:j2], "ins"))
    return "".join(out_a), "".join(out_b)


def _by_sentence(frame: pd.DataFrame, describe) -> dict[tuple[str, int], str]:
    """``describe(rows)`` for each (article, sentence) of ``frame``: one pass over plain rows (a pandas group per
    sentence cost 3-5 ms: 100,000 attributions took minutes)."""
    groups: dict[tuple[str, int], list] = {}
    for row in frame.itertuples(index=False):
        groups.setdefault((row.article_id, row.sentence_index), []).append(row)
    return {key: describe(rows) for key, rows in groups.items()}


def _terms_text(terms: list) -> str:
    return ", ".join(f"{t.text} ({t.category})" for t in terms)


def _attributions_text(found: list) -> str:
    return "; ".join(f"{a.speaker if isinstance(a.speaker, str) else '?'} {a.cue} ({a.register})" for a in found)


@per_results
def pair_differences(results: Results, aligned: pd.DataFrame) -> pd.DataFrame:
    """For each aligned pair: loaded terms, speaker + reporting verb, and sentiment on each side."""
    sentences = results.sentences
    compound = dict(zip(zip(sentences["article_id"], sentences["sentence_index"]), sentences["compound"]))
    event_of = article_events(results).to_dict()
    wanted = set(zip(aligned["article_a"], aligned["sentence_a"])) | set(zip(aligned["article_b"], aligned["sentence_b"]))
    articles = {a for a, _ in wanted}
    terms = results.terms[results.terms["loaded"].astype(bool) & results.terms["article_id"].isin(articles)]
    loaded = _by_sentence(terms, _terms_text)
    speech = _by_sentence(results.attributions[results.attributions["article_id"].isin(articles)], _attributions_text)
    rows = []
    for pair in aligned.itertuples(index=False):
        a, b = (pair.article_a, pair.sentence_a), (pair.article_b, pair.sentence_b)
        rows.append({"event": event_of.get(pair.article_a), "article_a": pair.article_a, "article_b": pair.article_b,
                     "source_a": pair.source_a, "source_b": pair.source_b, "similarity": pair.similarity,
                     "loaded_terms_a": loaded.get(a) or "—", "loaded_terms_b": loaded.get(b) or "—",
                     "attribution_a": speech.get(a) or "—", "attribution_b": speech.get(b) or "—",
                     "compound_a": float(compound[a]), "compound_b": float(compound[b]),
                     "compound_difference": round(float(compound[b] - compound[a]), 3),
                     "text_a": pair.text_a, "text_b": pair.text_b})
    return pd.DataFrame(rows, columns=PAIR_DIFFERENCE_COLUMNS)


def telling_pairs(differences: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` aligned pairs that differ most: a loaded term on one side only first, then the largest
    sentiment gap (each event at most twice, so one story does not fill the list); in reading order."""
    if differences.empty:
        return differences
    one_sided = (differences["loaded_terms_a"] == "—") != (differences["loaded_terms_b"] == "—")
    ranked = differences.assign(_one=one_sided, _gap=differences["compound_difference"].abs())
    ranked = ranked.sort_values(["_one", "_gap"], ascending=[False, False], kind="stable")
    ranked = ranked[ranked.groupby("event", sort=False).cumcount() < 2].head(n)
    return ranked.sort_index().drop(columns=["_one", "_gap"])


def most_telling(differences: pd.DataFrame, n: int) -> pd.DataFrame:
    """One event's ``n`` aligned pairs that differ most (a loaded term on one side only, then the largest
    sentiment gap), in reading order: what a page shows of an event's pairs (the CSV has them all)."""
    if len(differences) <= n:
        return differences
    one_sided = (differences["loaded_terms_a"] == "—") != (differences["loaded_terms_b"] == "—")
    ranked = differences.assign(_one=one_sided, _gap=differences["compound_difference"].abs())
    ranked = ranked.sort_values(["_one", "_gap"], ascending=[False, False], kind="stable").head(n)
    return ranked.sort_index().drop(columns=["_one", "_gap"])


def pairs_html(differences: pd.DataFrame) -> str:
    """The aligned pairs side by side, word differences marked, with what differs under each pair."""
    if differences.empty:
        return "<p>No sentences aligned between sources.</p>"
    parts = [f'<style>{PAIRS_CSS}</style><table class="slant-pairs">']
    for row in differences.itertuples(index=False):
        left, right = word_diff_html(row.text_a, row.text_b)
        parts.append(
            f"<tr><th>{html.escape(row.source_a)}</th><th>{html.escape(row.source_b)} "
            f"(similarity {row.similarity:.2f})</th></tr>"
            f"<tr><td>{left}</td><td>{right}</td></tr>"
            f"<tr><td><small>loaded: {html.escape(row.loaded_terms_a)}<br>speech: {html.escape(row.attribution_a)}"
            f"<br>sentiment: {row.compound_a:+.2f}</small></td>"
            f"<td><small>loaded: {html.escape(row.loaded_terms_b)}<br>speech: {html.escape(row.attribution_b)}"
            f"<br>sentiment: {row.compound_b:+.2f}</small></td></tr>")
    parts.append("</table>")
    return "".join(parts)
