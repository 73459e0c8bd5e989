"""The Propaganda Techniques Corpus (Da San Martino et al. 2019): load its published layout, score loaded terms.

PTC marks, in news articles, the phrases that use a propaganda technique. Its
*Loaded_Language* and *Name_Calling,Labeling* spans (`LOADED_TECHNIQUES`) are
what slant calls loaded wording. A predictor ``text -> spans`` is scored,
micro-averaged over articles, in 0–1, higher is better:

- token P/R/F1: word tokens (``\\w+``) positive when they overlap a span of the
  loaded techniques;
- span recall: the share of the loaded techniques' gold spans that some
  predicted span overlaps;
- span precision: the share of predicted spans that overlap a gold span of
  *any* technique (PTC's annotation is not exhaustive, and a loaded word inside
  an appeal to fear is not a false alarm).

Layout: ``articles/article<ID>.txt`` and ``labels/article<ID>.task2-TC.labels``
(tab-separated ``<ID> <technique> <start> <end>``). Offsets count a leading
byte-order mark as a character: the mark is dropped and the offsets shifted.

References: Giovanni Da San Martino, Seunghak Yu, Alberto Barrón-Cedeño,
Rostislav Petrov and Preslav Nakov. 2019. *Fine-Grained Analysis of Propaganda
in News Articles.* EMNLP-IJCNLP; Da San Martino et al. 2020. *SemEval-2020
Task 11: Detection of Propaganda Techniques in News Articles.*
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..errors import SlantError
from .scoring import PRF, micro, score_tokens

Span = tuple[int, int]
LOADED_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
ARTICLE_NAME = re.compile(r"article(?P<id>\w+)\.txt")
LABELS_NAME = re.compile(r"article(?P<id>\w+)\.task2-TC\.labels")
PTC_COLUMNS = ["predictor", "token_precision", "token_recall", "token_f1", "span_recall", "span_precision",
               "gold_spans", "predicted_spans"]


@dataclass(frozen=True)
class PtcSpan:
    """One gold span: its technique and ``(start, end)`` in the article's text."""

    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class PtcArticle:
    """One article: its id (the file's ``<ID>``), its text (byte-order mark dropped) and its gold spans, sorted."""

    id: str
    text: str
    spans: tuple[PtcSpan, ...]

    def loaded(self) -> list[Span]:
        """The spans of the loaded techniques (Loaded_Language, Name_Calling,Labeling)."""
        return [(s.start, s.end) for s in self.spans if s.technique in LOADED_TECHNIQUES]


def _read_labels(path: Path, article_id: str, text: str, shift: int) -> tuple[PtcSpan, ...]:
    spans = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        if len(fields) != 4 or not fields[2].isdigit() or not fields[3].isdigit():
            raise SlantError(f"{path}: line {number}: expected '<id> <technique> <start> <end>' separated by tabs")
        if fields[0] != article_id:
            raise SlantError(f"{path}: line {number}: article id {fields[0]!r} is not the file's {article_id!r}")
        start, end = int(fields[2]) - shift, int(fields[3]) - shift
        if not 0 <= start < end <= len(text):
            raise SlantError(f"{path}: line {number}: span {fields[2]}-{fields[3]} outside the text "
                             f"({len(text)} characters)")
        spans.add(PtcSpan(fields[1], start, end))  # the released corpus repeats one line
    return tuple(sorted(spans, key=lambda s: (s.start, s.end, s.technique)))


def load_article(text_path: Path, labels_path: Path) -> PtcArticle:
    """One article and its labels; a leading byte-order mark is dropped and the offsets shifted by one."""
    article_id = ARTICLE_NAME.fullmatch(text_path.name)["id"]
    try:
        text = text_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SlantError(f"{text_path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    shift = 1 if text.startswith("\ufeff") else 0  # the released offsets count the mark
    text = text[shift:]
    return PtcArticle(article_id, text, _read_labels(labels_path, article_id, text, shift))


def load_ptc(folder: str | Path) -> list[PtcArticle]:
    """Every article of ``folder/articles`` that has a labels file in ``folder/labels``, sorted by id.

    Articles without a labels file are skipped (nothing to score); a folder
    where no article has one is a `SlantError`.
    """
    folder = Path(folder)
    articles_dir, labels_dir = folder / "articles", folder / "labels"
    if not articles_dir.is_dir() or not labels_dir.is_dir():
        raise SlantError(f"{folder}: not a PTC folder (expected articles/ and labels/ inside)")
    labels = {m["id"]: p for p in labels_dir.iterdir() if (m := LABELS_NAME.fullmatch(p.name))}
    found = []
    for path in sorted(articles_dir.iterdir()):
        m = ARTICLE_NAME.fullmatch(path.name)
        if m and m["id"] in labels:
            found.append(load_article(path, labels[m["id"]]))
    if not found:
        raise SlantError(f"{folder}: no article<ID>.txt with a labels/article<ID>.task2-TC.labels file")
    return sorted(found, key=lambda a: a.id)


def _overlapping(spans: list[Span], start: int, end: int) -> bool:
    """Some span of ``spans`` (sorted by start) overlaps ``[start, end)``."""
    for s, e in spans[:bisect_left(spans, (end, end))]:
        if start < e and s < end:
            return True
    return False


def score(articles: list[PtcArticle], predict: Callable[[str], list[Span]]) -> dict[str, object]:
    """Token counts (micro), span recall and span precision counts of one predictor ``text -> spans``."""
    tokens, gold_hit, gold_all, predicted_hit, predicted_all = [], 0, 0, 0, 0
    for article in articles:
        predicted = sorted(set(predict(article.text)))
        gold = article.loaded()
        any_technique = sorted({(s.start, s.end) for s in article.spans})
        tokens.append(score_tokens(article.text, gold, predicted, mode="overlap"))
        gold_all += len(gold)
        gold_hit += sum(_overlapping(predicted, s, e) for s, e in gold)
        predicted_all += len(predicted)
        predicted_hit += sum(_overlapping(any_technique, s, e) for s, e in predicted)
    return {"token": micro(tokens), "gold_spans": gold_all, "gold_found": gold_hit,
            "predicted_spans": predicted_all, "predicted_in_any": predicted_hit}


def results_table(scores: dict[str, dict[str, object]]) -> pd.DataFrame:
    """One row per predictor, columns `PTC_COLUMNS`."""
    rows = []
    for name, result in scores.items():
        token: PRF = result["token"]
        rows.append({"predictor": name, "token_precision": token.precision, "token_recall": token.recall,
                     "token_f1": token.f1,
                     "span_recall": result["gold_found"] / result["gold_spans"] if result["gold_spans"] else 0.0,
                     "span_precision": result["predicted_in_any"] / result["predicted_spans"]
                     if result["predicted_spans"] else 0.0,
                     "gold_spans": result["gold_spans"], "predicted_spans": result["predicted_spans"]})
    return pd.DataFrame(rows, columns=PTC_COLUMNS)


def hu_liu_negative_words() -> list[str]:
    """Hu & Liu's negative opinion words (``data/opinion_words.yaml``), the list baseline."""
    from ..lexicon.features import opinion_words

    return sorted(opinion_words()[1])


def validate(folder: str | Path, config=None) -> pd.DataFrame:
    """slant (lexicon and context model), the lexicon alone and three baselines on the PTC articles under ``folder``.

    Every voice is scored (PTC marks loaded language inside quotations too).
    Baselines: the bare list of VADER's words with |valence| ≥ 1.5 and Hu &
    Liu's negative opinion words, each matched as whole words.
    """
    import dataclasses

    from ..lexicon import lexicon_from_words
    from ..pipeline import Config
    from .basil import terms_predictor, vader_words, words_predictor

    config = config or Config.load()
    articles = load_ptc(folder)
    predictors = {}
    if config.loaded_model:
        predictors["slant (lexicon and context model)"] = terms_predictor(config)
    predictors |= {
        "slant lexicon (loaded categories)": terms_predictor(dataclasses.replace(config, loaded_model=False)),
        "VADER words with |valence| >= 1.5": words_predictor(lexicon_from_words(vader_words(), "vader", "baseline")),
        "Hu & Liu negative opinion words": words_predictor(
            lexicon_from_words(hu_liu_negative_words(), "hu_liu_negative", "baseline")),
    }
    return results_table({name: score(articles, predict) for name, predict in predictors.items()})
