"""Training the attribution tagger on PolNeAR (``slant train attribution``).

`split` fixes the data: the articles of a PolNeAR folder in sorted file-name
order, the last `DEV_SHARE` of them held out for development (never trained
on), the rest for training. `sequences` turns one article into its paragraphs'
features and gold BIO labels (PolNeAR is univocal: one role per token), the
rule extractor's own output among the features. `train` fits the CRF with
L-BFGS and fixed settings (`SETTINGS`), so the same data gives the same model
file, byte for byte, and writes the settings beside it (``.json``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from .. import segment
from ..actors import Actors, load_actors
from ..errors import SlantError
from .extract import rule_candidates, univocal
from .features import WordFeatures, token_roles
from .model import FEATURE_VERSION, ModelSettings, article_features
from .verbs import ReportingVerbs, default_verbs

DEV_SHARE = 0.2
# chosen on the dev part as a whole: L1 weight (prunes rare features; 1, 2 and 5 did worse), L2 weight (0.5: source
# token F1 +0.007 over 0.01), L-BFGS iterations (300 fit better than 150), and the marginal probabilities from which
# a token is a cue, and an outside token a source
SETTINGS = ModelSettings(feature_version=FEATURE_VERSION, cue_threshold=0.4, src_threshold=0.25, c1=3.0, c2=0.5,
                         max_iterations=300)
ROLE_OF = {"cue": "CUE", "source": "SRC", "content": "CON"}


def split(articles: list) -> tuple[list, list]:
    """(training part, dev part): sorted by name, the last `DEV_SHARE` of the articles are the dev part."""
    ordered = sorted(articles, key=lambda a: a.name)
    cut = len(ordered) - int(len(ordered) * DEV_SHARE)
    return ordered[:cut], ordered[cut:]


def gold_roles(article) -> list[tuple[str, int, int]]:
    """Role spans ``(role, start, end)`` of a `validate.polnear.PolnearArticle`'s attributions."""
    return [(ROLE_OF[role], start, end) for a in article.attributions for role in ROLE_OF
            for start, end in getattr(a, role)]


def sequences(article, actors: Actors, verbs: ReportingVerbs, words: WordFeatures
              ) -> list[tuple[list[list[str]], list[str]]]:
    """(features, gold labels) of each outlet paragraph of a PolNeAR article."""
    text = article.text
    sentences = segment.sentences(text)
    rules = univocal(rule_candidates(text, sentences, actors, verbs))
    gold = gold_roles(article)
    return [(features, token_roles(paragraph, gold))
            for paragraph, features in article_features(text, sentences, rules, words)]


def train(polnear: str | Path, out: str | Path, *, settings: ModelSettings = SETTINGS,
          progress: Callable[[str], None] | None = None) -> dict:
    """Train on the training part of the PolNeAR folder ``polnear``; write the model to ``out`` and its
    settings to ``out`` with suffix ``.json``. Returns the settings and the data used, as written."""
    import pycrfsuite

    from ..validate.polnear import load_polnear

    out = Path(out)
    if out.suffix != ".crfsuite":
        raise SlantError(f"{out}: the model file must end in .crfsuite (its settings go beside it as .json)")
    articles, held_out = split(load_polnear(polnear))
    if not articles:
        raise SlantError(f"{polnear}: no PolNeAR articles to train on")
    actors, verbs = load_actors(), default_verbs()
    words = WordFeatures(verbs)
    trainer = pycrfsuite.Trainer(verbose=False)
    tokens = 0
    for number, article in enumerate(articles, 1):
        for features, labels in sequences(article, actors, verbs, words):
            trainer.append(features, labels)
            tokens += len(labels)
        if progress and number % 100 == 0:
            progress(f"features: {number}/{len(articles)} articles")
    trainer.set_params({"c1": settings.c1, "c2": settings.c2, "max_iterations": settings.max_iterations,
                        "feature.possible_transitions": True})
    if progress:
        progress(f"training on {len(articles)} articles, {tokens} tokens")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    trainer.train(str(partial))
    os.replace(partial, out)
    meta = {**asdict(settings), "training_articles": len(articles), "training_tokens": tokens,
            "held_out_articles": len(held_out),
            "data": "PolNeAR train split, articles in sorted file-name order, all but the last 20%"}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return meta
