"""BASIL (Fan et al. 2019): load its published layout and score loaded terms against lexical-bias spans.

BASIL annotates news triples (one event, three outlets) at phrase level; its
``lex`` spans mark *lexical* bias (wording). slant's loaded terms are scored
against them at three levels, micro-averaged over all articles:

- token: word tokens (``\\w+``) positive when they overlap a span;
- sentence: BASIL's own sentences (title included) positive when they hold a span;
- triple: for each event, whether the outlet with the highest loaded-term
  density (per 1,000 words) is one with the most gold lexical spans per 1,000
  words. Triples without gold lexical spans are skipped; when slant's top is
  tied, every tied outlet must be a gold top;
- pairwise ordering: over every pair of outlets within a triple whose gold
  densities differ, the share that slant orders the same way (a tie in slant's
  densities is not the same order), with a 95% percentile bootstrap interval
  that resamples triples (2,000 resamples, seed 0). Chance is 0.5; with three
  pairs per triple it is less noisy than the top-outlet measure.

Reference: Lisa Fan et al. 2019. *In Plain Sight: Media Bias Through the Lens
of Factual Reporting.* EMNLP-IJCNLP.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..errors import SlantError
from .scoring import PRF, micro, score_tokens, score_units, word_tokens

Span = tuple[int, int]


@dataclass(frozen=True)
class BasilArticle:
    """One BASIL article as slant reads it: text built as BASIL's README says, spans shifted into it."""

    id: str
    triplet: str
    source: str
    text: str
    sentences: tuple[Span, ...]
    lexical: tuple[Span, ...]
    informational: tuple[Span, ...]


def literal_field(data: dict, key: str, path: Path):
    """A field that some BASIL files store as a string holding a Python literal (read with ast, never ``eval``)."""
    value = data.get(key)
    if isinstance(value, str) and value.lstrip()[:1] in "[{(":
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            raise SlantError(f"{path}: field {key!r} is neither a list nor a Python literal") from None
    return value


def read_json(path: Path) -> dict:
    """A BASIL JSON file as a dict; a one-line error naming the file when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SlantError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise SlantError(f"{path}: expected a JSON object")
    return data


def build_text(title: str, paragraphs: list[list[str]]) -> tuple[str, list[Span]]:
    """Title, blank line, paragraphs (sentences joined by a space) separated by blank lines."""
    text, sentences = "", []
    pieces = [[title]] + [p for p in paragraphs if p]
    for number, paragraph in enumerate(pieces):
        if number:
            text += "\n\n"
        for index, sentence in enumerate(paragraph):
            if index:
                text += " "
            sentences.append((len(text), len(text) + len(sentence)))
            text += sentence
    return text, sentences


def _place(span: dict, text: str, sentences: list[Span], path: Path) -> Span:
    start, end, words = int(span["start"]), int(span["end"]), span.get("txt", "")
    for s_start, s_end in sentences:
        if text[s_start:s_end][start:end] == words:
            return s_start + start, s_start + end
    raise SlantError(f"{path}: span {span.get('id', '?')} {words!r} fits no sentence of its article")


def load_article(article_path: Path, annotation_path: Path | None) -> BasilArticle:
    data = read_json(article_path)
    paragraphs = literal_field(data, "body-paragraphs", article_path)
    if not isinstance(paragraphs, list):
        raise SlantError(f"{article_path}: 'body-paragraphs' must be a list of paragraphs")
    paragraphs = [[p] if isinstance(p, str) else list(p) for p in paragraphs]
    text, sentences = build_text(str(data.get("title") or ""), paragraphs)
    lexical, informational = [], []
    if annotation_path is not None:
        annotations = literal_field(read_json(annotation_path), "phrase-level-annotations", annotation_path) or []
        for span in annotations:
            placed = _place(span, text, sentences, annotation_path)
            (lexical if span.get("bias") == "lex" else informational).append(placed)
    return BasilArticle(article_path.stem, str(data.get("triplet-uuid") or article_path.stem.rsplit("_", 1)[0]),
                        str(data.get("source") or ""), text, tuple(sentences), tuple(sorted(lexical)),
                        tuple(sorted(informational)))


def load_basil(folder: str | Path) -> list[BasilArticle]:
    """Every article under ``folder/articles`` with its ``folder/annotations`` file, sorted by id."""
    folder = Path(folder)
    articles_dir, annotations_dir = folder / "articles", folder / "annotations"
    if not articles_dir.is_dir():
        raise SlantError(f"{folder}: not a BASIL folder (expected articles/ and annotations/ inside)")
    annotations = {p.name[: -len("_ann.json")]: p for p in annotations_dir.rglob("*_ann.json")}
    paths = sorted(articles_dir.rglob("*.json"), key=lambda p: p.stem)
    if not paths:
        raise SlantError(f"{articles_dir}: no BASIL article files (*.json)")
    return [load_article(p, annotations.get(p.stem)) for p in paths]


def _sentences_hit(sentences: tuple[Span, ...], spans) -> set[int]:
    return {i for i, (s, e) in enumerate(sentences) if any(a < e and s < b for a, b in spans)}


def _top(values: dict[str, float]) -> set[str]:
    best = max(values.values())
    return {k for k, v in values.items() if v == best}


def score(articles: list[BasilArticle], predict: Callable[[str], list[Span]]) -> dict[str, object]:
    """Token and sentence counts (micro) and triple agreement for one predictor ``text -> spans``."""
    token, sentence, by_triplet = [], [], {}
    for article in articles:
        predicted = predict(article.text)
        token.append(score_tokens(article.text, article.lexical, predicted, mode="overlap"))
        sentence.append(score_units(_sentences_hit(article.sentences, article.lexical),
                                    _sentences_hit(article.sentences, predicted)))
        words = max(1, len(word_tokens(article.text)))
        by_triplet.setdefault(article.triplet, {})[article.source] = (
            1000 * len(predicted) / words, 1000 * len(article.lexical) / words)
    agree, ranked = 0, 0
    for outlets in by_triplet.values():
        gold = {k: g for k, (_, g) in outlets.items()}
        if len(outlets) < 2 or max(gold.values()) == 0:
            continue
        ranked += 1
        agree += _top({k: p for k, (p, _) in outlets.items()}) <= _top(gold)
    pairs = [pair_agreement(outlets) for _, outlets in sorted(by_triplet.items())]
    return {"token": micro(token), "sentence": micro(sentence), "triples_agreeing": agree, "triples_ranked": ranked,
            "pairs": [p for p in pairs if p[1]]}


def pair_agreement(outlets: dict[str, tuple[float, float]]) -> tuple[int, int]:
    """(pairs ordered as gold, pairs with different gold densities) among one triple's outlets.

    ``outlets``: outlet → (predicted density, gold density).
    """
    agree = ranked = 0
    names = sorted(outlets)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            (pa, ga), (pb, gb) = outlets[a], outlets[b]
            if ga == gb:
                continue
            ranked += 1
            agree += (pa - pb) * (ga - gb) > 0
    return agree, ranked


BOOTSTRAP_RESAMPLES = 2000


def pairwise_interval(pairs: list[tuple[int, int]], *, resamples: int = BOOTSTRAP_RESAMPLES,
                      seed: int = 0) -> tuple[float, float, float]:
    """Pairwise ordering agreement and its 95% percentile bootstrap interval, resampling triples.

    ``pairs``: per triple, (pairs agreeing, pairs ranked). NaNs when no pair is ranked.
    """
    import numpy as np

    if not pairs:
        return float("nan"), float("nan"), float("nan")
    counts = np.array(pairs, dtype=float)
    value = counts[:, 0].sum() / counts[:, 1].sum()
    draws = np.random.default_rng(seed).integers(0, len(counts), size=(resamples, len(counts)))
    shares = counts[draws, 0].sum(axis=1) / counts[draws, 1].sum(axis=1)
    low, high = np.percentile(shares, [2.5, 97.5])
    return float(value), float(low), float(high)


def results_table(scores: dict[str, dict[str, object]]) -> pd.DataFrame:
    """One row per predictor: token and sentence P/R/F1 and the share of agreeing triples."""
    rows = []
    for name, result in scores.items():
        token: PRF = result["token"]
        sentence: PRF = result["sentence"]
        rows.append({"predictor": name,
                     "token_precision": token.precision, "token_recall": token.recall, "token_f1": token.f1,
                     "sentence_precision": sentence.precision, "sentence_recall": sentence.recall,
                     "sentence_f1": sentence.f1,
                     "triples_top_outlet_agrees": result["triples_agreeing"] / result["triples_ranked"]
                     if result["triples_ranked"] else float("nan"),
                     "triples_ranked": result["triples_ranked"]})
        value, low, high = pairwise_interval(result.get("pairs", []))
        rows[-1].update({"pairwise_agreement": value, "pairwise_ci_low": low, "pairwise_ci_high": high,
                         "pairs_ranked": sum(n for _, n in result.get("pairs", []))})
    return pd.DataFrame(rows)


# Categories that describe wording without being lexical bias in BASIL's sense: shown apart, not scored.
NOT_LEXICAL_BIAS = ("naming", "hedges", "factives", "assertives", "implicatives", "report_verbs", "social_embeds")


def terms_predictor(config, *, exclude: tuple[str, ...] = NOT_LEXICAL_BIAS,
                    only: tuple[str, ...] | None = None,
                    voices: tuple[str, ...] | None = None) -> Callable[[str], list[Span]]:
    """Spans of slant's loaded terms (lexicon matches, scare/partial quotes, the context model's terms).

    A span is given once even when its form is in two categories (one loaded
    term at one place); ``voices=("outlet",)`` keeps the outlet's own voice
    only; ``only`` gives the terms of those categories, loaded or not.
    """
    from ..pipeline import terms_of_text

    def predict(text: str) -> list[Span]:
        return list(dict.fromkeys((t["start"], t["end"]) for t in terms_of_text(text, config)
                                  if (t["category"] in only if only else t["loaded"] and t["category"] not in exclude)
                                  and (voices is None or t["voice"] in voices)))

    return predict


def words_predictor(lexicon) -> Callable[[str], list[Span]]:
    """Spans of bare word-list matches (for the baselines)."""
    from ..lexicon import match_terms

    return lambda text: [(m.start, m.end) for m in match_terms(text, lexicon)]


def vader_words(min_valence: float = 1.5) -> list[str]:
    """VADER lexicon words with |valence| ≥ ``min_valence`` (a sentiment-word baseline)."""
    from ..sentiment import analyzer

    return [w for w, v in analyzer().lexicon.items() if abs(v) >= min_valence and any(c.isalpha() for c in w)]


def validate(folder: str | Path, config=None) -> pd.DataFrame:
    """slant (lexicon and context model), the lexicon alone and two baselines, on the BASIL articles under ``folder``.

    The scored rows count every voice, as BASIL annotates lexical bias inside
    quotations too (47 of basil-dev's 197 lexical spans, about the share of
    words inside quotations); the own-voice row shows the measure slant's
    charts lead with. With ``config.loaded_model`` on, the model's two rows
    come first, then the lexicon's alone.
    """
    import dataclasses

    from ..lexicon import load_lexicon, lexicon_from_words
    from ..pipeline import Config

    config = config or Config.load()
    articles = load_basil(folder)
    lemmas = [e.term for e in load_lexicon(categories=["bias_lemmas"]).entries()]
    off = dataclasses.replace(config, loaded_model=False)
    predictors = {}
    if config.loaded_model:
        predictors |= {"slant (lexicon and context model)": terms_predictor(config),
                       "slant (lexicon and context model), own voice only": terms_predictor(config, voices=("outlet",))}
    predictors |= {
        "slant lexicon (loaded categories)": terms_predictor(off),
        "slant lexicon, own voice only": terms_predictor(off, voices=("outlet",)),
    }
    predictors |= {
        "bare Recasens bias lemmas": words_predictor(lexicon_from_words(lemmas, "bias_lemmas", "baseline")),
        "VADER words with |valence| >= 1.5": words_predictor(lexicon_from_words(vader_words(), "vader", "baseline")),
    }
    return results_table({name: score(articles, predict) for name, predict in predictors.items()})
