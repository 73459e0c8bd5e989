"""PolNeAR (Newell, Margolin & Ruths 2018, LREC) attribution spans: loader and scorer.

`load_polnear(folder)` reads a folder holding ``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann`` (brat standoff; the first annotator
file in sorted order per article) into `PolnearArticle` records. Relations
without a Cue are not scored and are dropped; ``Content2`` is more content.
`score_polnear(articles, extract)` (default `slant_extract`: slant's attributions
projected onto PolNeAR's univocal scheme, where nested attributions are not
annotated) returns one row per measure in `POLNEAR_MEASURES` with columns
`SCORE_COLUMNS`: token P/R/F1 per role (a
``\\w+`` token is positive when it lies inside a span of the role), attribution
P/R/F1 by cue overlap, and source accuracy among found attributions (in
``f1``; precision and recall NaN). All values are micro-averaged over articles,
in 0–1, higher is better. `baseline_extract` is the naive baseline to compare.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import segment
from ..attribution import Attribution, find_attributions, load_reporting_verbs, register_of
from ..errors import SlantError
from .scoring import word_tokens

Span = tuple[int, int]
POLNEAR_MEASURES = ["cue token", "source token", "content token", "attribution (cue overlap)",
                    "source accuracy among found"]
SCORE_COLUMNS = ["precision", "recall", "f1", "gold", "predicted", "matched_gold", "matched_predicted"]
ROLES = ("cue", "source", "content")
T_LINE = re.compile(r"^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
E_LINE = re.compile(r"^(E\d+)\t(.*)$")
STRUCTURED = re.compile(r"^(?:[TE]\d+\t|#)")
ROLE_ARG = re.compile(r"([\w-]+):(T\d+)")
ANN_NAME = re.compile(r"(?P<name>.+)_(?P<annotator>[0-9A-Za-z]+)\.ann")


@dataclass(frozen=True)
class PolnearAttribution:
    """One gold attribution: its cue, source and content as tuples of ``(start, end)`` spans (source may be empty)."""

    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True)
class PolnearArticle:
    """An article's name (the text file's stem), its text and its scored gold attributions, in file order."""

    name: str
    text: str
    attributions: tuple[PolnearAttribution, ...]


# --- loading ------------------------------------------------------------------

def _parse_ann(path: Path, text: str, name: str) -> PolnearArticle:
    """Parse one brat file; any line that cannot be read is a SlantError naming file and line."""
    spans: dict[str, tuple[Span, ...]] = {}
    relations: list[tuple[int, str]] = []
    last_was_span = False
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not STRUCTURED.match(line):
            if line.strip() and not last_was_span:
                raise SlantError(f"{path}: line {number}: not a T/E/# line and no span words to continue")
            continue  # more words of the previous span (or a blank line)
        last_was_span = False
        if line.startswith("#"):
            continue
        if line.startswith("T"):
            m = T_LINE.match(line)
            if not m:
                raise SlantError(f"{path}: line {number}: malformed span line {line[:60]!r}")
            pieces = tuple(tuple(int(x) for x in piece.split()) for piece in m[3].split(";"))
            if any(not 0 <= s <= e <= len(text) for s, e in pieces):
                raise SlantError(f"{path}: line {number}: span {m[3]} outside the text ({len(text)} characters)")
            spans[m[1]] = pieces
            last_was_span = True
        else:
            relations.append((number, E_LINE.match(line)[2]))
    found = []
    for number, body in relations:
        args = body.split()
        roles: dict[str, list[Span]] = {r: [] for r in ROLES}
        for arg in args:
            m = ROLE_ARG.fullmatch(arg)
            if not m or m[2] not in spans:
                raise SlantError(f"{path}: line {number}: bad or unknown relation argument {arg!r}")
            role = {"Cue": "cue", "Source": "source", "Content": "content", "Content2": "content"}.get(m[1])
            if role:
                roles[role].extend(spans[m[2]])
        if roles["cue"]:  # a relation with no Cue is an anchor only: not scored
            found.append(PolnearAttribution(*(tuple(sorted(roles[r])) for r in ROLES)))
    return PolnearArticle(name, text, tuple(found))


def load_polnear(folder: str | Path) -> list[PolnearArticle]:
    """Articles of a PolNeAR split folder (``text/`` + ``attributions/``), sorted by name.

    An article without any annotation file is skipped; with several, the first
    in sorted order (lowest annotator suffix) is used. Errors are `SlantError`.
    """
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise SlantError(f"{folder}: a PolNeAR folder needs 'text/' and 'attributions/' subfolders")
    first: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        m = ANN_NAME.fullmatch(path.name)
        if not m:
            raise SlantError(f"{path}: annotation file name is not <article>_<annotator>.ann")
        first.setdefault(m["name"], path)
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        if text_path.stem in first:
            text = text_path.read_text(encoding="utf-8")
            articles.append(_parse_ann(first[text_path.stem], text, text_path.stem))
    return articles


# --- extractors -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _default_actors():
    from ..actors import load_actors
    return load_actors()


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution as the scorer reads it: the whole cue, source and content spans."""

    cue: Span
    source: Span | None
    content: Span | None


def univocal(found: list[Attribution]) -> list[Attribution]:
    """PolNeAR's projection: each token belongs to one attribution at most, so a cue nested in the content of
    another attribution ("Sanders said he didn't think…", flagged ``nested``) is dropped; slant keeps both."""
    return [a for a in found if not a.nested]


def slant_extract(text: str, model: bool = False) -> list[Attribution]:
    """slant's extractor on a whole text (`segment.sentences`, default actors), projected by `univocal`;
    ``model=True`` with the shipped tagger, else the rules alone."""
    from ..attribution import load_model

    return univocal(find_attributions(text, segment.sentences(text), _default_actors(),
                                      model=load_model() if model else None))


def model_extract(text: str) -> list[Attribution]:
    """`slant_extract` with the shipped tagger."""
    return slant_extract(text, model=True)


def records_extract(records) -> Callable[[str], list[Predicted]]:
    """An extractor reading the JSON records `slant analyze` writes (`pipeline.article_records`), by article
    text: the whole ``cue``, ``source`` and ``content`` (with ``content_more``) of each attribution not flagged
    ``nested``."""
    by_text: dict[str, list[Predicted]] = {}
    for text, record in records:
        span = lambda d: (d["start"], d["end"]) if d else None  # noqa: E731
        by_text[text] = [Predicted(span(a["cue"]), span(a["source"]), span(piece))
                         for a in record["attributions"] if not a.get("nested")
                         for piece in (a["content"], *([a["content_more"]] if a.get("content_more") else []))]
    return lambda text: by_text.get(text, [])


def analysis_records(articles: list[PolnearArticle], config) -> list[tuple[str, dict]]:
    """(text, record) of each article as `slant analyze` writes it (`pipeline.analyze_corpus`, then
    `pipeline.article_records`), with the given `pipeline.Config`; an article's source is its outlet prefix."""
    import pandas as pd

    from ..corpus import ARTICLE_COLUMNS
    from ..pipeline import analyze_corpus, article_records

    table = pd.DataFrame([{"id": a.name, "source": a.name.split("_")[0], "text": a.text} for a in articles],
                         columns=ARTICLE_COLUMNS)
    texts = {a.name: a.text for a in articles}
    return [(texts[r["id"]], r) for r in article_records(analyze_corpus(table, config))]


@lru_cache(maxsize=1)
def _baseline_verb_re() -> re.Pattern:
    verbs = load_reporting_verbs()
    forms = sorted((f for f in verbs.registers if f not in verbs.phrase_sources and " " not in f), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")


CAPITALISED_RUN = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")


def baseline_extract(text: str) -> list[Attribution]:
    """Naive baseline: each reporting verb is a cue, the nearest capitalised run before it in the
    sentence its source, and the rest of the sentence after it the content."""
    found = []
    for index, sentence in enumerate(segment.sentences(text)):
        for m in _baseline_verb_re().finditer(text, sentence.start, sentence.end):
            names = list(CAPITALISED_RUN.finditer(text, sentence.start, m.start()))
            source = names[-1].span() if names else None
            rest = text[m.end():sentence.end].strip()
            content = (sentence.end - len(text[m.end():sentence.end].lstrip()), sentence.end) if rest else None
            found.append(Attribution(cue=m.span(), source=source, content=content, kind="indirect",
                                     register=register_of(m.group()), sentence_index=index))
    return found


# --- scoring --------------------------------------------------------------------

def _inside(starts: list[int], ends: list[int], spans) -> set[int]:
    """Token indices lying wholly inside one of ``spans``: same result as
    ``scoring.positive_tokens(tokens, spans, mode="inside")``, by bisection."""
    positive = set()
    for s, e in spans:
        positive.update(range(bisect_left(starts, s), bisect_right(ends, e)))
    return positive


def _overlaps(a: tuple[Span, ...], b: tuple[Span, ...]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _ratios(p_num, p_den, r_num, r_den) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _merged(predicted: list[Attribution]) -> list[tuple[tuple[Span, ...], ...]]:
    """(cue, source, content) span tuples; attributions sharing a cue (a quotation continued after
    “…,” X said.) are one attribution with several content pieces, as PolNeAR annotates them."""
    by_cue: dict[Span, list[set[Span]]] = {}
    for a in predicted:
        roles = by_cue.setdefault(getattr(a, "cue_phrase", None) or a.cue, [set(), set()])
        roles[0].update([a.source] if a.source else [])
        roles[1].update(getattr(a, "pieces", None) or ([a.content] if a.content else []))
    return [((cue,), tuple(sorted(src)), tuple(sorted(content))) for cue, (src, content) in by_cue.items()]


def score_polnear(articles: list[PolnearArticle],
                  extract: Callable[[str], list[Attribution]] | None = None) -> pd.DataFrame:
    """Score an extractor (default: slant's) on PolNeAR articles: rows `POLNEAR_MEASURES`, columns `SCORE_COLUMNS`.

    A gold attribution is *found* when a predicted cue overlaps its cue (by at
    least one character); precision counts predicted cues overlapping some gold
    cue. Source accuracy: share of found attributions with a gold source for
    which a predicted attribution with an overlapping cue has an overlapping source.
    """
    extract = extract or slant_extract
    tokens = {r: [0, 0, 0] for r in ROLES}  # gold, predicted, both
    att = [0, 0, 0, 0]  # gold, predicted, matched gold, matched predicted
    src = [0, 0]  # found with a gold source, of which the source overlaps
    for article in articles:
        spans = word_tokens(article.text)
        starts, ends = [s for s, _ in spans], [e for _, e in spans]
        predicted = extract(article.text)
        pred = _merged(predicted)
        for i, role in enumerate(ROLES):
            g = _inside(starts, ends, (s for a in article.attributions for s in getattr(a, role)))
            p = _inside(starts, ends, (s for a in pred for s in a[i]))
            tokens[role] = [tokens[role][0] + len(g), tokens[role][1] + len(p), tokens[role][2] + len(g & p)]
        # each character of a gold cue knows its attribution (cues are univocal): overlap by lookup
        owner: dict[int, int] = {}
        for g, gold in enumerate(article.attributions):
            owner.update((c, g) for s, e in gold.cue for c in range(s, e))
        hits: dict[int, list[int]] = {}
        for k, (cue, _, _) in enumerate(pred):
            for g in {owner[c] for s, e in cue for c in range(s, e) if c in owner}:
                hits.setdefault(g, []).append(k)
        att[0] += len(article.attributions)
        att[1] += len(pred)
        att[2] += len(hits)
        att[3] += len({k for ks in hits.values() for k in ks})
        for g, ks in hits.items():
            gold = article.attributions[g]
            if gold.source:
                src[0] += 1
                src[1] += any(_overlaps(pred[k][1], gold.source) for k in ks)
    rows = []
    for role in ROLES:
        g, p, both = tokens[role]
        rows.append((f"{role} token", *_ratios(both, p, both, g), g, p, both, both))
    rows.append(("attribution (cue overlap)", *_ratios(att[3], att[1], att[2], att[0]), *att))
    accuracy = src[1] / src[0] if src[0] else 0.0
    rows.append(("source accuracy among found", float("nan"), float("nan"), accuracy, src[0], src[0], src[1], src[1]))
    table = pd.DataFrame([r[1:] for r in rows], index=pd.Index([r[0] for r in rows], name="measure"),
                         columns=SCORE_COLUMNS)
    return table
