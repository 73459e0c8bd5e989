#!/usr/bin/env python3
"""Benchmark the explorer on a 10k-article analysed corpus; prints one table, measured in one run.

    .venv/bin/python benchmarks/bench_explore.py                     # 10,000 synthetic articles
    .venv/bin/python benchmarks/bench_explore.py --articles 2000
    .venv/bin/python benchmarks/bench_explore.py --results DIR       # a Parquet run (slant.scale.load_results)

The synthetic corpus: --analysed articles recombined from the seed sentences
(slant.scale.synthetic, 20 outlets) are analysed once with
pipeline.analyze_corpus, then their result rows are copied under new article
ids until there are --articles articles (concatenated Results: same columns,
same per-article rows, no re-analysis). Measured with time.perf_counter: the
explorer's construction (indexes + widgets + first view), then each kind of
selection change, done through the widgets' own value (as a click does) and
timed until every pane's HTML is set. "first alignment" is a change that
shows an article pair never shown before (its sentences are aligned then and
cached); every other change only reads the precomputed indexes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BUDGET_MS = 300


def synthetic_results(n_articles: int, n_analysed: int):
    """``n_articles`` articles: ``n_analysed`` analysed synthetic articles, their rows repeated under new ids."""
    from slant.pipeline import Results, analyze_corpus
    from slant.scale.synthetic import seed_sentences, synthetic_articles

    pool = seed_sentences(sorted(SEEDS.glob("*.txt")))
    base_articles = pd.DataFrame(list(synthetic_articles(pool, n_analysed, n_sources=20, seed=7)))
    for column in ("url", "note", "path"):
        base_articles[column] = ""
    base = analyze_corpus(base_articles)
    copies = -(-n_articles // n_analysed)
    tables = {}
    for name, frame in base.tables().items():
        frame = base.articles if name == "articles" else frame
        key = "id" if name == "articles" else "article_id"
        parts = []
        for copy in range(copies):
            part = frame.copy()
            part[key] = part[key].astype(str) + f"_{copy:03d}"
            parts.append(part)
        tables[name] = pd.concat(parts, ignore_index=True)
    keep = set(tables["articles"]["id"].iloc[:n_articles])
    for name, frame in tables.items():
        key = "id" if name == "articles" else "article_id"
        frame = frame[frame[key].isin(keep)].reset_index(drop=True)
        frame["source"] = frame["source"].astype(base.articles["source"].dtype)
        tables[name] = frame
    return Results(**tables)


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return 1000 * (time.perf_counter() - began)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--analysed", type=int, default=100, help="distinct articles analysed (synthetic corpus)")
    parser.add_argument("--results", help="a Parquet results folder to load instead (slant.scale.load_results)")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    if args.results:
        from slant.scale import load_results

        results, origin = load_results(args.results), f"Parquet results {args.results}"
    else:
        results = synthetic_results(args.articles, args.analysed)
        origin = f"synthetic: {args.analysed} analysed articles repeated"
    prepare_s = time.perf_counter() - began

    from slant.explore import explore

    holder = {}
    build_ms = timed(lambda: holder.setdefault("e", explore(results)))
    e = holder["e"]
    c = e.controls
    sources, categories = e.index.sources, e.index.loaded_categories

    def set_value(name, value):
        return lambda: setattr(c[name], "value", value)

    def pick_article(i):  # the i-th article listed for the current selection, as a user picks it
        return lambda: setattr(c["article"], "value", c["article"].options[1 + i][1])

    changes = [
        ("category: one", set_value("categories", (categories[0],))),
        ("category: three", set_value("categories", tuple(categories[:3]))),
        ("category: all loaded", set_value("categories", tuple(categories))),
        ("sources: two", set_value("sources", tuple(sources[:2]))),
        ("sources: all", set_value("sources", tuple(sources))),
        ("voice: own voice", set_value("voice", "outlet")),
        ("voice: quoted", set_value("voice", "quoted")),
        ("voice: both", set_value("voice", "(all)")),
        ("actors: one", set_value("actors", (e.index.actor_names[0],))),
        ("actors: all", set_value("actors", ())),
        ("registers: one", set_value("registers", (e.index.registers[0],))),
        ("registers: all", set_value("registers", tuple(e.index.registers))),
        ("sort: by term", set_value("sort", "span")),
        ("sort: corpus order", set_value("sort", "position")),
        *[(f"article (first alignment) #{i}", pick_article(i)) for i in range(3)],
        *[(f"article (aligned before) #{i}", pick_article(i)) for i in range(3)],
        ("article: all", set_value("article", "(all)")),
        ("cell click (drill-down)", lambda: e.cells[(sources[1], categories[1])].click()),
        ("cell click (another)", lambda: e.cells[(sources[2], categories[0])].click()),
    ]
    rows = [(label, timed(action), e.last.n_matching) for label, action in changes]

    spans = len(e.index.spans.spans)
    print(f"# explorer benchmark: {len(results.articles):,} articles, {len(results.sentences):,} sentences, "
          f"{spans:,} spans (terms + attributions), {len(sources)} sources; {origin}")
    print(f"# prepared in {prepare_s:.1f} s; python {sys.version.split()[0]}; one run; budget {BUDGET_MS} ms per change")
    print(f"{'step':<42} {'ms':>7} {'matching spans':>15}  within budget")
    print(f"{'construction (indexes, widgets, 1st view)':<42} {build_ms:>7.0f} {'':>15}  (once)")
    for label, ms, n in rows:
        print(f"{label:<42} {ms:>7.0f} {n:>15,}  {'yes' if ms < BUDGET_MS else 'NO'}")
    times = [ms for _, ms, _ in rows]
    print(f"{'median change':<42} {statistics.median(times):>7.0f}")
    print(f"{'slowest change':<42} {max(times):>7.0f} {'':>15}  {'yes' if max(times) < BUDGET_MS else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
