#!/usr/bin/env python3
"""Benchmark attribution with the tagger; prints one table, measured in one run on one core.

    .venv/bin/python benchmarks/bench_attribution.py                       # bench_scale's corpus, 500 articles
    .venv/bin/python benchmarks/bench_attribution.py --polnear DIR          # real news text (a PolNeAR folder)

Measured on the same articles, in one process:
  - tagging + grouping (features, the CRF, grouping its spans: `attribution.learned.combine`), given the
    sentences and the rule candidates it reads: words per second (target: 40,000 per core);
  - attribution whole (rules, tagging, grouping, speakers) with the tagger and with the rules alone;
  - the full analysis (`pipeline.analyze_corpus`) with the tagger and with the rules alone (slant before the
    tagger): the ratio of their times (target: at most 1.5).
Words are `segment.count_words`. Each timing is the best of ``--repeat`` runs after a warm-up; the two full
analyses run in turn, so that a drift in the machine's load slows both.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def articles_table(args):
    import pandas as pd

    from slant.corpus import ARTICLE_COLUMNS

    if args.polnear:
        from slant.validate.polnear import load_polnear

        texts = [a.text for a in load_polnear(args.polnear)[:args.articles]]
    else:
        import gzip
        import json
        import tempfile

        from slant.scale.synthetic import seed_sentences, write_corpus

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "corpus.jsonl.gz"
            write_corpus(path, seed_sentences(sorted(SEEDS.glob("*.txt"))), args.articles, seed=args.articles)
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                texts = [json.loads(line)["text"] for line in lines]
    return pd.DataFrame([{"id": str(i), "source": f"s{i % 5}", "text": t} for i, t in enumerate(texts)],
                        columns=ARTICLE_COLUMNS)


def best(function, repeat: int) -> float:
    function()  # warm-up: caches of word features, regexes, the model
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return min(times)


def best_of_pair(first, second, repeat: int) -> tuple[float, float]:
    """Best times of two functions run in turn (first, second, first, …) after a warm-up of each: a machine
    whose load drifts during the run slows both alike, not one of them."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for function, kept in ((first, times[0]), (second, times[1])):
            began = time.perf_counter()
            function()
            kept.append(time.perf_counter() - began)
    return min(times[0]), min(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--polnear", default="", help="PolNeAR folder: benchmark on its texts instead")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from slant import segment
    from slant.attribution import find_attributions, load_model
    from slant.attribution.extract import rule_candidates
    from slant.attribution.learned import combine
    from slant.attribution.verbs import default_verbs
    from slant.pipeline import Config, analyze_corpus

    table = articles_table(args)
    texts = list(table["text"])
    words = sum(segment.count_words(t) for t in texts)
    config = Config.load()
    model, verbs, actors = load_model(), default_verbs(), config.actors
    sentences = [segment.sentences(t) for t in texts]
    rules = [rule_candidates(t, s, actors, verbs) for t, s in zip(texts, sentences)]

    tag_group = best(lambda: [combine(t, s, r, model, verbs) for t, s, r in zip(texts, sentences, rules)],
                     args.repeat)
    with_model = best(lambda: [find_attributions(t, s, actors, model=model) for t, s in zip(texts, sentences)],
                      args.repeat)
    rules_only = best(lambda: [find_attributions(t, s, actors) for t, s in zip(texts, sentences)], args.repeat)
    full_model, full_rules = best_of_pair(lambda: analyze_corpus(table, config),
                                          lambda: analyze_corpus(table, replace(config, attribution_model=False)),
                                          args.repeat)

    print(f"{len(texts)} articles, {words:,} words ({'PolNeAR' if args.polnear else 'bench_scale corpus'})")
    print(f"{'measure':<46} {'words/s':>10}  target")
    print(f"{'tagging + grouping':<46} {words / tag_group:>10,.0f}  >= 40,000 "
          f"({'met' if words / tag_group >= 40_000 else 'NOT met'})")
    print(f"{'attribution with the tagger (all of it)':<46} {words / with_model:>10,.0f}")
    print(f"{'attribution, rules alone':<46} {words / rules_only:>10,.0f}")
    print(f"{'full analysis with the tagger':<46} {words / full_model:>10,.0f}")
    print(f"{'full analysis, rules alone (before the tagger)':<46} {words / full_rules:>10,.0f}")
    ratio = full_model / full_rules
    print(f"{'full analysis time, tagger / rules alone':<46} {ratio:>10.2f}  <= 1.5 ({'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
