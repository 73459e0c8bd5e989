#!/usr/bin/env python3
"""Benchmark automatic event grouping; prints one table, measured in one run.

    .venv/bin/python benchmarks/bench_events.py                        # 10k and 100k articles
    .venv/bin/python benchmarks/bench_events.py --sizes 10000          # quicker
    .venv/bin/python benchmarks/bench_events.py --sizes 10000 --undated

Corpora are invented and deterministic (slant.scale.synthetic.event_corpus:
three outlets, one article each per event, events spread over about n/9 days,
a tenth of them follow-ups of an earlier event). Each size runs in a child
process of its own, which reports: seconds to build the vectors
(prepare_events), the similarity graph and the groups (group_prepared), and to
describe the events (describe_events); peak resident memory of the child
(sampled every 0.05 s) and its increase over the memory held before grouping
(the corpus itself), up to the end of grouping and up to the end of describing; the number of events found and the adjusted Rand index
against the invented events. ``--undated`` also groups every corpus with its
dates removed (every article compared with every other: the slow case).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time


def child(size: int, undated: bool) -> dict:
    import pandas as pd
    import psutil

    from slant.events import EventSettings, describe_events, group_prepared, prepare_events, similarity_graph
    from slant.scale.synthetic import event_corpus
    from slant.validate.events import score_grouping

    articles = pd.DataFrame(event_corpus(size // 3, seed=size))
    if undated:
        articles["date"] = ""
    process, peak, done = psutil.Process(), [0], threading.Event()
    before = process.memory_info().rss

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    settings = EventSettings.load()
    began = time.perf_counter()
    inputs = prepare_events(articles, settings.weights)
    vectors = time.perf_counter()
    graph = similarity_graph(inputs, settings)
    graphed = time.perf_counter()
    events = group_prepared(inputs, settings, graph)
    grouped = time.perf_counter()
    time.sleep(0.1)
    grouping_peak = peak[0]
    table = describe_events(articles, events)
    described = time.perf_counter()
    done.set()
    sampler.join()
    return {"articles": len(articles), "undated": undated, "vectors_s": vectors - began, "graph_s": graphed - vectors,
            "groups_s": grouped - graphed, "total_s": grouped - began, "describe_s": described - grouped,
            "peak_mb": peak[0] / 2**20, "increase_mb": (grouping_peak - before) / 2**20,
            "describe_increase_mb": (peak[0] - before) / 2**20, "edges": graph.nnz // 2,
            "events": len(table), "gold_events": articles["event"].nunique(),
            "ari": score_grouping(articles["event"], events).ari}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated numbers of articles")
    parser.add_argument("--undated", action="store_true", help="also group each corpus without its dates")
    args = parser.parse_args()
    print(f"{'articles':>9} {'dates':>6} {'vectors':>8} {'graph':>7} {'groups':>7} {'total':>7} {'describe':>9} "
          f"{'peak MB':>8} {'+MB group':>10} {'+MB desc.':>10} {'edges':>9} {'events':>8} {'gold':>7} {'ARI':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        for undated in ((False, True) if args.undated else (False,)):
            out = subprocess.run([sys.executable, __file__, "_child", str(size), str(int(undated))],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{r['articles']:>9,} {'no' if r['undated'] else 'yes':>6} {r['vectors_s']:>7.1f}s "
                  f"{r['graph_s']:>6.1f}s {r['groups_s']:>6.1f}s {r['total_s']:>6.1f}s {r['describe_s']:>8.1f}s "
                  f"{r['peak_mb']:>8.0f} {r['increase_mb']:>10.0f} {r['describe_increase_mb']:>10.0f} "
                  f"{r['edges']:>9,} {r['events']:>8,} "
                  f"{r['gold_events']:>7,} {r['ari']:>6.3f}", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        print(json.dumps(child(int(sys.argv[2]), bool(int(sys.argv[3])))))
    else:
        main()
