#!/usr/bin/env python3
"""Benchmark corpus-scale runs; prints one table, measured in one run.

    .venv/bin/python benchmarks/bench_scale.py                      # 1k, 10k, 100k articles
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000,10000   # quicker
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 --no-notebooks

Corpora are deterministic: seed sentences (seeds/*.txt) shuffled and recombined
(slant.scale.synthetic), 20 outlets, written as .jsonl.gz. Measured:
  - full analysis in one process (pipeline.analyze_corpus) vs VADER alone on the same sentences, and with
    the loaded-wording context model vs without it (Config(loaded_model=False));
  - slant.scale.run with 2 local Dask workers at every size: articles/s, words/s, and peak resident
    memory of the whole process tree (client, nanny, workers), sampled every 0.2 s with psutil;
  - speedup of 2 workers over 1 (at each --speedup-size, default 1k and 10k articles);
  - the notebook suite on the seeds (slant.report.run) vs papermill running an empty notebook
    (median of three runs after a warm-up).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def corpus_of(size: int, folder: Path) -> Path:
    from slant.scale.synthetic import seed_sentences, write_corpus

    path = folder / f"synthetic_{size}.jsonl.gz"
    if not path.exists():
        write_corpus(path, seed_sentences(sorted(SEEDS.glob("*.txt"))), size, seed=size)
    return path


def measure_run(corpus: Path, out: Path, workers: int, batch_size: int) -> dict:
    """scale.run in a child process; its summary, the peak RSS of its whole process tree (and of the
    client, nannies and workers apart), the CPU seconds the tree used, and the CPU other processes used."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)  # a fresh run: an existing folder would be resumed, not measured
    child = subprocess.Popen([sys.executable, __file__, "_run", str(corpus), str(out), str(workers), str(batch_size)],
                             stdout=subprocess.PIPE, text=True)
    process, peak, roles, cpu = psutil.Process(child.pid), 0, {}, {}
    psutil.cpu_percent()
    busy, began = [], time.perf_counter()
    while child.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            sizes = {p.pid: p.memory_info().rss for p in tree if p.is_running()}
            peak = max(peak, sum(sizes.values()))
            for p in tree:
                # LocalCluster's nannies live in the client process; its children are the worker processes
                role = "client" if p.pid == child.pid else "worker"
                roles[role] = max(roles.get(role, 0), sizes.get(p.pid, 0))
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.2)
        busy.append(psutil.cpu_percent())
    wall = time.perf_counter() - began
    result = json.loads(child.stdout.read().strip().splitlines()[-1])
    result.update(peak_rss_mb=peak / 2**20, roles={k: v / 2**20 for k, v in roles.items()},
                  tree_cpu=sum(cpu.values()) / wall,
                  others_cpu=max(0.0, sum(busy) / max(len(busy), 1) / 100 * (os.cpu_count() or 1)
                                 - sum(cpu.values()) / wall))
    return result


def child_run(corpus: str, out: str, workers: str, batch_size: str) -> None:
    from slant.scale import run

    summary = run(corpus, out, workers=int(workers), batch_size=int(batch_size) or None)
    print(json.dumps({"articles": summary.articles, "words": summary.words, "seconds": summary.seconds,
                      "failures": summary.failures}))


def in_process_vs_vader(corpus: Path, limit: int) -> dict:
    """Full analysis of the first ``limit`` articles in this process, and VADER alone on their sentences."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from slant.pipeline import Config, analyze_corpus
    from slant.scale import iter_articles

    articles = next(iter(iter_articles(corpus, batch_size=limit))).articles
    config = Config.load()
    analyze_corpus(articles.head(5), config)  # warm caches, as a worker would be after its first batch
    began = time.perf_counter()
    results = analyze_corpus(articles, config)
    full = time.perf_counter() - began
    lexicon_only = dataclasses.replace(config, loaded_model=False)
    analyze_corpus(articles.head(5), lexicon_only)
    began = time.perf_counter()
    analyze_corpus(articles, lexicon_only)
    without_model = time.perf_counter() - began
    texts = list(results.sentences["text"])
    analyzer = SentimentIntensityAnalyzer()
    began = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    vader = time.perf_counter() - began
    return {"articles": len(articles), "words": int(results.articles["n_words"].sum()), "sentences": len(texts),
            "full": full, "vader": vader, "without_model": without_model}


def notebook_times(folder: Path) -> dict:
    import nbformat
    import papermill

    from slant import report

    empty = folder / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")]), empty)
    floors = []
    for _ in range(4):  # the first start warms caches; the floor is the median of the next three
        began = time.perf_counter()
        papermill.execute_notebook(str(empty), str(folder / "empty_out.ipynb"), kernel_name="python3",
                                   progress_bar=False, log_output=False)
        floors.append(time.perf_counter() - began)
    floor = sorted(floors[1:])[1]
    result = report.run(SEEDS, SEEDS / "sources.csv", folder / "report")
    return {"floor": floor, "suite": result.seconds, "notebooks": len(result.notebooks)}


def row(name: str, value: str, target: str = "", met: str = "") -> str:
    return f"| {name:<44} | {value:>30} | {target:<26} | {met:<4} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes in articles, comma-separated")
    parser.add_argument("--speedup-size", default="1000,10000", help="corpus sizes for the 1- vs 2-worker speedup, comma-separated")
    parser.add_argument("--batch-size", type=int, default=0, help="0: slant.scale.run's automatic size")
    parser.add_argument("--vader-articles", type=int, default=500, help="articles for the full-vs-VADER comparison")
    parser.add_argument("--no-notebooks", action="store_true", help="skip the notebook suite timing")
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: temporary)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    speedup_sizes = [int(s) for s in args.speedup_size.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="slant-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    lines = [row("measure", "value", "target", "met"), row("-" * 44, "-" * 30, "-" * 26, "-" * 4)]
    cores = os.cpu_count()

    corpora = {size: corpus_of(size, work) for size in sorted(set(sizes + speedup_sizes))}
    base = in_process_vs_vader(corpora[min(corpora)], min(args.vader_articles, min(corpora)))
    ratio = base["full"] / base["vader"]
    lines.append(row(f"in-process full analysis ({base['articles']} articles)",
                     f"{base['articles'] / base['full']:.1f} art/s {base['words'] / base['full']:,.0f} w/s"))
    lines.append(row(f"VADER alone ({base['sentences']} sentences, same)",
                     f"{base['articles'] / base['vader']:.1f} art/s {base['words'] / base['vader']:,.0f} w/s"))
    lines.append(row("full / VADER-alone time", f"{ratio:.1f}x", "<= 1.5x", "yes" if ratio <= 1.5 else "no"))
    model_ratio = base["full"] / base["without_model"]
    lines.append(row("full with / without the context model", f"{base['full']:.1f} s / {base['without_model']:.1f} s"
                     f" = {model_ratio:.2f}x", "<= 1.3x", "yes" if model_ratio <= 1.3 else "no"))

    runs = {}
    for size in sizes:
        runs[size] = measure_run(corpora[size], work / f"out_{size}_w2", 2, args.batch_size)
        r = runs[size]
        lines.append(row(f"scale.run 2 workers, {size:,} articles",
                         f"{r['articles'] / r['seconds']:.1f} art/s {r['words'] / r['seconds']:,.0f} w/s",
                         "", ""))
        lines.append(row(f"  wall time / failures, {size:,}", f"{r['seconds']:.1f} s / {r['failures']}"))
        lines.append(row(f"  CPUs busy: this run / other processes", f"{r['tree_cpu']:.2f} / {r['others_cpu']:.2f}"))
        lines.append(row(f"  peak RSS client+nannies / one worker, {size:,}",
                         " / ".join(f"{r['roles'].get(k, 0):,.0f}" for k in ("client", "worker")) + " MiB"))
        lines.append(row(f"  peak RSS (process tree), {size:,}", f"{r['peak_rss_mb']:,.0f} MiB",
                         "< 1 GiB, flat" if size >= 10000 else "",
                         ("yes" if r["peak_rss_mb"] < 1024 else "no") if size >= 10000 else ""))
    for size in speedup_sizes:
        one = measure_run(corpora[size], work / f"out_{size}_w1", 1, args.batch_size)
        two = runs.get(size) or measure_run(corpora[size], work / f"out_{size}_w2", 2, args.batch_size)
        speedup = one["seconds"] / two["seconds"]
        lines.append(row(f"  CPUs busy 1 worker: run / others, {size:,}", f"{one['tree_cpu']:.2f} / {one['others_cpu']:.2f}"))
        lines.append(row(f"speedup 2 workers / 1 ({size:,} art, {cores} cores)",
                         f"{one['seconds']:.1f} s / {two['seconds']:.1f} s = {speedup:.2f}x", ">= 1.7x",
                         "yes" if speedup >= 1.7 else "no"))
    if not args.no_notebooks:
        nb = notebook_times(work)
        lines.append(row("papermill empty notebook (floor)", f"{nb['floor']:.1f} s"))
        lines.append(row(f"notebook suite on seeds ({nb['notebooks']} notebooks)",
                         f"{nb['suite']:.1f} s = {nb['suite'] / nb['floor']:.1f}x floor", "<= 8x floor",
                         "yes" if nb["suite"] <= 8 * nb["floor"] else "no"))
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_run":
        child_run(*sys.argv[2:6])
    else:
        main()
