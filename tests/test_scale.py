"""Corpus-scale runs (slant.scale): a Dask cluster gives the in-process tables; failures isolated; resume."""

from __future__ import annotations

import csv
import dataclasses
import json
import time

import pandas as pd
import pytest
from click.testing import CliRunner
from pandas.testing import assert_frame_equal

from helpers import SEEDS
from slant.actors import Actors
from slant.cli import main
from slant.corpus import load_corpus
from slant.errors import SlantError
from slant.pipeline import Config, analyze_corpus
from slant.scale import iter_articles, load_failures, load_results, run
from slant.scale.isolate import ChildError, TimeLimit, run_with_heartbeat
from slant.scale.synthetic import seed_sentences, synthetic_articles

TABLES = ("articles", "sentences", "terms", "attributions", "mentions", "embeds", "readability")


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def assert_same_results(expected, got, *, except_paths=False):
    for name in TABLES:
        left, right = getattr(expected, name), getattr(got, name)
        if except_paths and name == "articles":  # line numbers of another file
            left, right = left.drop(columns="path"), right.drop(columns="path")
        assert_frame_equal(left, right, obj=name)


@pytest.fixture(scope="module")
def records():
    """200 short articles of four outlets, recombined from the seeds' sentences."""
    pool = seed_sentences(sorted(SEEDS.glob("*.txt")))
    return list(synthetic_articles(pool, 200, n_sources=4, seed=7, sentences_per_article=(2, 6)))


@pytest.fixture(scope="module")
def config():
    return Config.load()


@pytest.fixture(scope="module")
def corpus(records, tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", records)


@pytest.fixture(scope="module")
def in_process(corpus, config):
    return analyze_corpus(load_corpus(corpus), config)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local.scheduler_address


def test_dask_cluster_run_gives_the_in_process_tables_in_order(corpus, in_process, cluster, tmp_path):
    seen = []
    summary = run(corpus, tmp_path / "out", scheduler=cluster, batch_size=37, progress=seen.append)
    assert_same_results(in_process, load_results(tmp_path / "out"))
    assert (summary.articles, summary.failures, summary.batches, summary.skipped_batches) == (200, 0, 6, 0)
    assert summary.words == int(in_process.articles["n_words"].sum())
    assert [p.done for p in seen] == sorted(p.done for p in seen) and seen[-1].done == seen[-1].total == 200
    assert len(load_failures(tmp_path / "out")) == 0
    labels = sorted(p.name for p in (tmp_path / "out" / "sentences").iterdir())
    assert labels == ["source=Outlet%2001", "source=Outlet%2002", "source=Outlet%2003", "source=Outlet%2004"]
    assert (tmp_path / "out" / "terms" / "source=Outlet%2001" / "part-000000.parquet").is_file()


def test_interrupted_run_resumes_and_skips_completed_batches(corpus, in_process, cluster, tmp_path):
    out = tmp_path / "out"

    def interrupt(state):
        if state.done >= 50:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(corpus, out, scheduler=cluster, batch_size=25, progress=interrupt)
    done_before = len(list((out / "_done").glob("batch-*.json")))
    assert 2 <= done_before < 8
    with pytest.raises(SlantError, match="not complete"):
        load_results(out)
    summary = run(corpus, out, scheduler=cluster, batch_size=25)
    assert summary.skipped_batches == done_before and summary.analysed_articles == 200 - 25 * done_before
    assert summary.articles == 200
    assert_same_results(in_process, load_results(out))
    again = run(corpus, out, scheduler=cluster, batch_size=25)
    assert again.skipped_batches == 8 and again.analysed_articles == 0


def test_resuming_with_other_options_is_refused(corpus, tmp_path):
    run(corpus, tmp_path / "out", scheduler="synchronous", batch_size=100, timeout=None)
    with pytest.raises(SlantError, match="other inputs or options"):
        run(corpus, tmp_path / "out", scheduler="synchronous", batch_size=50)


def test_results_written_by_an_older_slant_are_a_one_line_error(corpus, tmp_path):
    from slant.scale.store import MANIFEST

    out = tmp_path / "out"
    run(corpus, out, scheduler="synchronous", batch_size=100, timeout=None)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["columns"]["mentions"].remove("voice")  # as written before mentions had a voice
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(SlantError) as error:
        load_results(out)
    assert str(error.value) == (f"{out}: written by an older slant (its mentions table has no 'voice'); analyse the "
                                "corpus again: slant analyze INPUT --format parquet --out NEW_DIR")


class PoisonedActors(Actors):
    """The packaged actors, except that one text raises and another never ends."""

    def mentions(self, text):
        if "POISONED" in text:
            raise ValueError("poisoned article")
        if "ENDLESS" in text:
            while True:
                pass
        return super().mentions(text)


def test_poisoned_articles_are_failures_and_nothing_else_is_lost(records, config, tmp_path):
    good = records[:30]
    clean = write_jsonl(tmp_path / "clean.jsonl", good)
    expected = analyze_corpus(load_corpus(clean), config)
    poisoned = [*good[:10], {**good[0], "id": "poisoned", "text": "Kyiv said POISONED things."},
                *good[10:20], {**good[0], "id": "endless", "text": "Moscow ENDLESS."}, *good[20:]]
    lines = [json.dumps(r) for r in poisoned]
    lines.insert(5, "{not json")
    lines.insert(15, json.dumps({"id": "surrogate", "source": "Outlet 01", "text": "broken \ud800 text"}))
    lines.insert(25, json.dumps({"id": "empty", "source": "Outlet 01", "text": "  "}))
    corpus = tmp_path / "poisoned.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    actors = PoisonedActors(**{f.name: getattr(config.actors, f.name) for f in dataclasses.fields(config.actors)})
    started = time.perf_counter()
    summary = run(corpus, tmp_path / "out", scheduler="synchronous", batch_size=8, timeout=0.5,
                  config=Config(config.lexicon, actors))
    assert time.perf_counter() - started < 30
    assert (summary.articles, summary.failures) == (30, 5)
    assert_same_results(expected, load_results(tmp_path / "out"), except_paths=True)
    failures = load_failures(tmp_path / "out").set_index("path")
    assert list(failures.columns) == ["article_id", "source", "stage", "error", "reason", "batch"]
    by_reason = {path.rsplit(":", 1)[1]: (row.stage, row.error, row.article_id) for path, row in failures.iterrows()}
    assert by_reason == {"6": ("read", "unreadable", ""), "12": ("analyze", "ValueError", "poisoned"),
                         "16": ("read", "unreadable", "surrogate"), "26": ("read", "unreadable", ""),
                         "24": ("analyze", "ArticleTimeout", "endless")}
    assert "not valid JSON" in failures.loc[f"{corpus}:6", "reason"]
    assert "poisoned article" in failures.loc[f"{corpus}:12", "reason"]
    assert "not valid Unicode" in failures.loc[f"{corpus}:16", "reason"]
    assert "longer than 0.5 s" in failures.loc[f"{corpus}:24", "reason"]


def _endless_after_two(beat):
    beat()
    beat()
    while True:
        pass


def _raises_after_one(beat):
    beat()
    raise ValueError("bad article")


def test_a_child_stuck_in_a_pure_python_loop_is_stopped_and_says_how_far_it_got():
    started = time.perf_counter()
    with pytest.raises(TimeLimit) as stopped:
        run_with_heartbeat(_endless_after_two, 0.3)
    assert stopped.value.beats == 2 and str(stopped.value) == "took longer than 0.3 s"
    assert time.perf_counter() - started < 5


def test_a_child_returns_its_result_or_its_error_by_name():
    assert run_with_heartbeat(lambda beat: {"rows": [1, 2, 3]}, 5) == {"rows": [1, 2, 3]}
    with pytest.raises(ChildError) as failed:
        run_with_heartbeat(_raises_after_one, 5)
    assert (failed.value.kind, str(failed.value), failed.value.beats) == ("ValueError", "bad article", 1)


def test_a_slow_child_that_keeps_beating_is_not_stopped():
    def steady(beat):
        for _ in range(6):
            time.sleep(0.2)
            beat()
        return "done"

    assert run_with_heartbeat(steady, 1.0) == "done"  # 1.2 s in all, never 1 s without a beat


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "source", "title", "text"], *rows])
    return path


def test_stream_reads_folders_and_csv_as_load_corpus_does(three_source_corpus, tmp_path):
    table = write_csv(tmp_path / "corpus.csv", [["x1", "Agency A", "One", "Kyiv said “no”."],
                                               ["", "Daily B", "", "Kyiv asked for help."]])
    for inputs in ([three_source_corpus], [table]):
        batches = list(iter_articles(inputs, batch_size=3))
        streamed = pd.concat([b.articles for b in batches], ignore_index=True)
        assert_frame_equal(load_corpus(inputs), streamed)
        assert all(b.failures.empty for b in batches)


def test_stream_keeps_paragraph_breaks_inside_quoted_csv_fields(tmp_path):
    table = write_csv(tmp_path / "corpus.csv", [["x1", "Agency A", "Two", "First paragraph.\r\n\r\nSecond one."]])
    streamed = next(iter(iter_articles(table))).articles
    assert streamed["text"].tolist() == ["First paragraph.\n\nSecond one."]


def test_load_corpus_keeps_paragraph_breaks_inside_quoted_csv_fields(tmp_path):
    table = write_csv(tmp_path / "corpus.csv", [["x1", "Agency A", "Two", "First paragraph.\r\n\r\nSecond one."]])
    assert load_corpus(table)["text"].tolist() == ["First paragraph.\n\nSecond one."]


def test_stream_keeps_going_after_an_undecodable_file(three_source_corpus):
    (three_source_corpus / "b2.txt").write_bytes(b"Caf\xe9 in Kyiv.\n")
    with (three_source_corpus / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("b2.txt,Daily B,Latin-1,2024-05-30,,\n")
    batches = list(iter_articles(three_source_corpus, batch_size=2))
    assert [len(b) for b in batches] == [2, 2, 1]
    assert list(pd.concat([b.articles for b in batches])["id"]) == ["a1", "a2", "b1", "c1"]
    failure = pd.concat([b.failures for b in batches]).iloc[0]
    assert (failure.article_id, failure.source, failure.stage) == ("b2", "Daily B", "read")
    assert "not UTF-8" in failure.reason


def test_cli_parquet_needs_out_and_a_valid_scheduler(corpus, tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "parquet"])
    assert result.exit_code == 2 and "--out" in result.output
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "parquet", "--out", str(tmp_path / "o"),
                                       "--scheduler", "localhost"])
    assert result.exit_code == 2 and result.output.strip().count("\n") == 0 and "tcp://" in result.output


def test_cli_parquet_out_that_is_a_file_or_under_a_file_is_one_line_naming_it(corpus, tmp_path):
    a_file = tmp_path / "results.parquet"
    a_file.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "parquet", "--out", str(a_file)])
    assert result.exit_code == 2
    assert result.output == (f"slant: error: {a_file}: is a file; --out with --format parquet names a folder "
                             "for the Parquet tables\n")
    under = a_file / "sub" / "run"
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "parquet", "--out", str(under)])
    assert result.exit_code == 2
    assert result.output == f"slant: error: {under}: cannot create this folder: {a_file} is a file\n"
    assert a_file.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.parquet"]


def test_run_refuses_an_out_that_is_a_file_before_writing(corpus, tmp_path):
    a_file = tmp_path / "taken"
    a_file.write_text("", encoding="utf-8")
    with pytest.raises(SlantError, match=r"^.*taken: is a file; --out with --format parquet names a folder"):
        run(corpus, a_file, scheduler="synchronous")


def test_cli_parquet_run_on_a_cluster_prints_a_summary(corpus, in_process, cluster, tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "parquet", "--out", str(tmp_path / "o"),
                                       "--scheduler", cluster, "--batch-size", "100"])
    assert result.exit_code == 0, result.output
    assert "200 articles" in result.stderr and "0 failures" in result.stderr
    assert_same_results(in_process, load_results(tmp_path / "o"))


def test_html_articles_stream_like_load_corpus_reads_them(tmp_path):
    page = ("<html><head><title>Kyiv asks for air defence</title><script>alert(1)</script></head><body>"
            "<article><h1>Kyiv asks for air defence</h1><p>Kyiv asked its allies for more air defence on Monday, "
            "officials said, as strikes on energy sites continued across the country.</p>"
            "<p>NATO chief Jens Stoltenberg said the alliance would help Ukraine.</p></article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "note.txt").write_text("A plain article about the same meeting.", encoding="utf-8")
    streamed = pd.concat([batch.articles for batch in iter_articles([tmp_path])]).to_dict("records")
    loaded = load_corpus(tmp_path)
    assert [r["id"] for r in streamed] == list(loaded["id"]) == ["note", "page"]
    html = next(r for r in streamed if r["id"] == "page")
    assert html["text"] == loaded.set_index("id").loc["page", "text"] and "alert" not in html["text"]
    assert "Kyiv asked its allies" in html["text"] and html["title"] == loaded.set_index("id").loc["page", "title"]


def test_report_analyses_once_on_the_scheduler_it_is_given(corpus, in_process, cluster, config, tmp_path):
    """`slant report -p scheduler tcp://…` analyses on that cluster; the notebooks then only load the folder."""
    from slant.report import analyse_once

    lines = []
    folder = analyse_once(corpus, None, {"scheduler": cluster}, config, tmp_path / "results", lines.append)
    assert_same_results(in_process, load_results(folder))
    assert lines[0] == "analysing the corpus once for all notebooks …" and lines[1].startswith("analysed: 200 articles")


def test_report_analyses_a_small_corpus_in_process(corpus, in_process, config, tmp_path, monkeypatch):
    import importlib

    from slant import report

    run_module = importlib.import_module("slant.scale.run")  # the module (slant.scale.run is also the function)

    def no_cluster(*args, **kwargs):
        raise AssertionError("a small corpus must not start a Dask cluster")

    monkeypatch.setattr(run_module, "_Dask", no_cluster)
    folder = report.analyse_once(corpus, None, {}, config, tmp_path / "results")
    assert_same_results(in_process, load_results(folder))
