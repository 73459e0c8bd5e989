"""The tables of the validation notebook: slant against BASIL, PTC and PolNeAR, beside baselines.

Each function takes the folder a user gives (empty: not run) and returns a
DataFrame ready to display; an empty folder gives a one-row table saying how
to run it, so the notebook runs top to bottom either way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import basil, polnear, ptc


def _not_run(what: str, parameter: str) -> pd.DataFrame:
    return pd.DataFrame([{"status": f"{what} not run: give its folder with -p {parameter} PATH"}])


def validation_config(lexicon: str = "", actors: str = ""):
    """The configuration to score with, from the notebook's ``lexicon`` and ``actors`` parameters.

    The user's lexicon files are scored as given. ``actors auto`` proposes
    actors from the user's own corpus, which is not the validation corpus, so
    the packaged actors are used instead (actors only decide targets, which
    neither BASIL nor PolNeAR scores).
    """
    from ..actors import load_actors
    from ..lexicon import load_lexicon
    from ..pipeline import Config

    files = [p for p in str(lexicon or "").split(",") if p.strip()]
    if str(actors or "").strip().lower() != "auto":
        return Config.load(files, actors or None)
    # a user lexicon may name proposed actors in refers_to: not checked, as in the analysis itself
    return Config(load_lexicon(files or None), load_actors(None))


def basil_scores(folder: str, config=None) -> pd.DataFrame:
    """Loaded terms vs BASIL lexical-bias spans: token, sentence and triple measures for slant and baselines."""
    if not str(folder or "").strip():
        return _not_run("BASIL validation", "basil")
    return basil.validate(Path(folder), config)


def basil_categories(folder: str, config=None) -> pd.DataFrame:
    """Per category: matches in BASIL's articles and the share overlapping a gold lexical-bias span.

    The described categories (naming, hedges, factives…) are shown here,
    apart from the scored ones, as BASIL does not annotate them as bias.
    """
    if not str(folder or "").strip():
        return _not_run("BASIL validation", "basil")
    from ..pipeline import Config, terms_of_text

    config = config or Config.load()
    rows: dict[str, list[int]] = {}
    for article in basil.load_basil(Path(folder)):
        for term in terms_of_text(article.text, config):
            hit = any(s < term["end"] and term["start"] < e for s, e in article.lexical)
            counts = rows.setdefault(term["category"], [0, 0])
            counts[0] += 1
            counts[1] += hit
    table = pd.DataFrame([{"category": c, "scored": c not in basil.NOT_LEXICAL_BIAS, "matches": n,
                           "share_overlapping_gold": hits / n} for c, (n, hits) in rows.items()])
    return table.sort_values(["scored", "matches"], ascending=[False, False]).reset_index(drop=True)


def basil_pairwise(scores: pd.DataFrame) -> pd.DataFrame:
    """From `basil_scores`' table, per predictor (slant's and the VADER baseline): the triple top-outlet agreement
    and the pairwise ordering agreement with its 95% bootstrap interval over triples."""
    if "predictor" not in scores:
        return scores  # not run: the same one-row table saying how to run it
    table = scores
    keep = table["predictor"].str.startswith("slant") & ~table["predictor"].str.endswith("own voice only")
    keep |= table["predictor"].str.startswith("VADER")
    return table.loc[keep, ["predictor", "triples_top_outlet_agrees", "triples_ranked", "pairwise_agreement",
                            "pairwise_ci_low", "pairwise_ci_high", "pairs_ranked"]].reset_index(drop=True)


def ptc_scores(folder: str, config=None) -> pd.DataFrame:
    """Loaded terms vs PTC's Loaded_Language and Name_Calling,Labeling spans: token P/R/F1, span recall and
    precision for slant (with and without the context model) and the list baselines."""
    if not str(folder or "").strip():
        return _not_run("PTC validation", "ptc")
    return ptc.validate(Path(folder), config)


def polnear_scores(folder: str, config=None) -> pd.DataFrame:
    """Attribution extraction vs PolNeAR: the five measures for the records `slant analyze` writes (with the
    tagger, and with the rules alone) and for the naive baseline. Nested attributions are not scored."""
    if not str(folder or "").strip():
        return _not_run("PolNeAR validation", "polnear")
    from dataclasses import replace

    from ..pipeline import Config

    config = config or Config.load()
    articles = polnear.load_polnear(Path(folder))
    extractors = {
        "slant (tagger)": polnear.records_extract(polnear.analysis_records(articles, config)),
        "slant (rules alone)": polnear.records_extract(
            polnear.analysis_records(articles, replace(config, attribution_model=False))),
        "naive baseline": polnear.baseline_extract,
    }
    frames = []
    for name, extract in extractors.items():
        scored = polnear.score_polnear(articles, extract).reset_index().rename(columns={"index": "measure"})
        frames.append(scored.assign(extractor=name))
    table = pd.concat(frames, ignore_index=True)
    first = ["extractor", "measure"]
    return table[first + [c for c in table.columns if c not in first]]


def basil_events(folder: str) -> pd.DataFrame:
    """Automatic event grouping vs BASIL's triples: per year, all years, all years without dates (see
    `slant.validate.events.basil_event_scores`)."""
    if not str(folder or "").strip():
        return _not_run("BASIL event grouping", "basil")
    from . import events

    return events.basil_event_scores(Path(folder))
