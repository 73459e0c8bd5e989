#!/usr/bin/env python3
"""Benchmark the report at corpus scale: notebooks on precomputed results, and the size of what they write.

    .venv/bin/python benchmarks/bench_report.py                    # 10,002 articles (3 outlets x 3,334 events)
    .venv/bin/python benchmarks/bench_report.py --events 60        # 180 articles, quick
    .venv/bin/python benchmarks/bench_report.py --keep DIR         # keep the corpus, results and report in DIR

The corpus is invented and deterministic (slant.scale.synthetic.event_corpus,
three outlets, one article each per event, labelled events). It is analysed
once with ``slant analyze --format parquet`` (timed, not part of the bound),
then ``slant report -p results RESULTS`` runs the notebooks on it. Printed, in
one run: analysis seconds; report seconds (notebooks and pages: the issue's
bound is 5 minutes for 10,000 articles); the report folder's size (bound:
200 MB), its file count, report.html's size, the largest page and the largest
executed notebook; the number of event and article pages.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000


def _slant(*args: str) -> float:
    began = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("slant")), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3334, help="invented events (three articles each)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    options = parser.parse_args()
    from slant.scale.synthetic import event_corpus, write_event_corpus

    work = options.keep or Path(tempfile.mkdtemp(prefix="slant-bench-report-"))
    corpus = write_event_corpus(work / "corpus", event_corpus(options.events, seed=options.events))
    n_articles = len(list(corpus.glob("*.txt")))
    analysis = _slant("analyze", str(corpus), "--format", "parquet", "--out", str(work / "results"))
    reporting = _slant("report", "--corpus", str(corpus), "--out", str(work / "report"),
                       "-p", "results", str(work / "results"))
    run_dir = next((work / "report").iterdir())
    files = [p for p in run_dir.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    largest_page = max(pages, key=lambda p: p.stat().st_size)
    largest_notebook = max(notebooks, key=lambda p: p.stat().st_size)
    rows = [
        ("articles", f"{n_articles:,}"),
        ("analysis (slant analyze --format parquet)", f"{analysis:.1f} s"),
        ("report on the results (notebooks and pages)", f"{reporting:.1f} s (bound 300 s)"),
        ("report folder", f"{sum(p.stat().st_size for p in files) / MB:.1f} MB in {len(files):,} files (bound 200 MB)"),
        ("report.html", f"{(run_dir / 'report.html').stat().st_size / MB:.2f} MB"),
        ("largest page", f"{largest_page.relative_to(run_dir)}: {largest_page.stat().st_size / MB:.2f} MB"),
        ("largest notebook", f"{largest_notebook.name}: {largest_notebook.stat().st_size / MB:.2f} MB"),
        ("event pages", f"{len(list((run_dir / 'events').glob('*.html'))):,}"),
        ("article pages", f"{len(list((run_dir / 'articles').glob('*.html'))):,}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if options.keep is None:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
