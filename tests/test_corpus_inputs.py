"""Corpus inputs: one reader for memory and stream, event labels, merged source labels, bad files skipped,
actors that fit the corpus. Fixtures are invented sentences written on the fly."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from helpers import SEEDS
from slant import corpus
from slant.cli import main
from slant.corpus import ARTICLE_COLUMNS, load_corpus, read_corpus
from slant.errors import SlantError
from slant.pipeline import Config
from slant.scale import iter_articles, load_failures, load_notes, load_results, run

ARTICLE = "Kyiv asked its allies for air defence on Monday. “We need help,” President Zelensky said.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01"


def streamed(inputs, sources=None, **options):
    batches = list(iter_articles(inputs, sources, batch_size=2, **options))
    return (pd.concat([b.articles for b in batches], ignore_index=True),
            pd.concat([b.failures for b in batches], ignore_index=True))


# --- one reader -------------------------------------------------------------------------------------------

def test_the_stream_has_no_reader_of_its_own():
    source = (Path(corpus.__file__).parents[1] / "scale" / "stream.py").read_text(encoding="utf-8")
    names = {node.id if isinstance(node, ast.Name) else node.attr
             for node in ast.walk(ast.parse(source)) if isinstance(node, (ast.Name, ast.Attribute))}
    assert "iter_items" in names
    assert not names & {"read_article_file", "read_sources", "decode_bytes", "loads", "rglob", "DictReader"}


def test_read_text_file_is_gone():
    assert not hasattr(corpus, "read_text_file")


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "mixed"
    (folder / "alpha").mkdir(parents=True)
    (folder / "beta").mkdir()
    (folder / "alpha" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "alpha" / "two.txt").write_bytes(b"")
    (folder / "beta" / "one.md").write_text("Moscow said no.\n", encoding="utf-8")
    (folder / "beta" / "pic.txt").write_bytes(PNG)
    (folder / "beta" / "three.txt").write_text("Kyiv said yes.\n", encoding="utf-8")
    return folder


def test_memory_and_stream_read_the_same_articles_and_skip_the_same_files(mixed_folder):
    read = read_corpus(mixed_folder)
    articles, failures = streamed(mixed_folder)
    pd.testing.assert_frame_equal(read.articles, articles)
    assert list(read.articles["id"]) == ["alpha__one", "beta__one", "beta__three"]
    assert [(p.article_id, p.source, p.reason) for p in read.skipped] == [
        (row.article_id, row.source, row.reason) for row in failures.itertuples()] == [
        ("alpha__two", "alpha", f"{mixed_folder / 'alpha' / 'two.txt'}: the file is empty"),
        ("beta__pic", "beta", f"{mixed_folder / 'beta' / 'pic.txt'}: looks like a binary file (a PNG image), not text")]
    assert list(failures["batch"]) == [0, 1]


def test_a_folder_with_an_empty_and_a_binary_file_reports_the_others_and_lists_both(mixed_folder):
    read = read_corpus(mixed_folder)
    assert (read.total, read.unit, read.summary()) == (5, "files", "2 of 5 files skipped")
    assert read.notes() == [f"skipped {mixed_folder / 'alpha' / 'two.txt'}: the file is empty",
                            f"skipped {mixed_folder / 'beta' / 'pic.txt'}: looks like a binary file (a PNG image), "
                            "not text",
                            "2 of 5 files skipped"]
    assert list(load_corpus(mixed_folder)["id"]) == list(read.articles["id"])


def test_strict_makes_the_first_bad_file_an_error(mixed_folder):
    with pytest.raises(SlantError) as caught:
        read_corpus(mixed_folder, strict=True)
    assert str(caught.value) == f"{mixed_folder / 'alpha' / 'two.txt'}: the file is empty"
    with pytest.raises(SlantError, match="two.txt: the file is empty"):
        streamed(mixed_folder, strict=True)


def test_a_corpus_of_only_bad_files_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(PNG)
    expected = (f"no article could be read: all 2 files skipped (the first: {tmp_path / 'a.txt'}: the file is "
                "empty)")
    with pytest.raises(SlantError) as caught:
        read_corpus(tmp_path)
    assert str(caught.value) == expected
    with pytest.raises(SlantError) as caught:
        streamed(tmp_path)
    assert str(caught.value) == expected


def test_a_bad_row_stops_an_in_memory_read_but_is_a_failure_in_a_stream(tmp_path):
    table = tmp_path / "c.jsonl"
    table.write_text('{"text": "Kyiv asked.", "source": "S"}\n{"text": "", "source": "S"}\n'
                     '{"text": "Moscow said.", "source": "S"}\n', encoding="utf-8")
    with pytest.raises(SlantError, match=r"c.jsonl: line 2 has no 'text'"):
        read_corpus(table)
    articles, failures = streamed(table)
    assert list(articles["id"]) == ["c_000000", "c_000001"]
    assert list(failures["reason"]) == [f"{table}: line 2 has no 'text'"]


def test_a_table_line_outside_its_encoding_names_line_and_byte(tmp_path):
    table = tmp_path / "c.jsonl"
    table.write_bytes(b'{"text": "Kyiv asked.", "source": "S"}\n{"text": "Caf\xe9 talk.", "source": "S"}\n')
    articles, failures = streamed(table)
    assert list(articles["text"]) == ["Kyiv asked."]
    assert list(failures["reason"]) == [f"{table}:2: not text in the file's encoding (byte 0xe9 in 'text'); give "
                                        "the right encoding with --encoding"]
    assert list(load_corpus(table, encoding="cp1252")["text"]) == ["Kyiv asked.", "Café talk."]


def test_a_csv_record_spanning_lines_is_named_by_its_first_line(tmp_path):
    table = tmp_path / "c.csv"
    table.write_text('text,source\n"One.\n\nTwo.",S\n"",S\n', encoding="utf-8")
    with pytest.raises(SlantError) as caught:
        read_corpus(table)
    assert str(caught.value) == f"{table}: line 5 has no 'text'"
    assert list(streamed(table)[0]["path"]) == [f"{table}:2"]


def test_a_jsonl_gz_corpus_reads_in_memory_as_in_a_stream(tmp_path):
    import gzip

    table = tmp_path / "c.jsonl.gz"
    with gzip.open(table, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "x", "text": ARTICLE, "source": "S", "event": 7}) + "\n")
    pd.testing.assert_frame_equal(load_corpus(table), streamed(table)[0])
    assert list(load_corpus(table)[["id", "event"]].iloc[0]) == ["x", "7"]


# --- events -----------------------------------------------------------------------------------------------

def test_articles_table_has_an_event_column_empty_when_not_given():
    assert ARTICLE_COLUMNS == ["id", "source", "title", "date", "url", "event", "note", "path", "text"]
    assert list(load_corpus(SEEDS)["event"]) == ["", ""]


def test_event_is_read_from_a_sources_csv(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,source,event\na.txt,S,summit 2024\nb.txt,S,\n", encoding="utf-8")
    assert list(load_corpus(tmp_path)["event"]) == ["summit 2024", ""]
    assert list(streamed(tmp_path)[0]["event"]) == ["summit 2024", ""]


def test_event_is_read_from_a_sources_yaml_as_text_whatever_its_type(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("articles:\n  - {file: a.txt, source: S, event: 12}\n"
                                           "  - {file: b.txt, source: S, event: 2024-05-30}\n"
                                           "  - {file: c.txt, source: S, event: Summit}\n", encoding="utf-8")
    assert list(load_corpus(tmp_path)["event"]) == ["12", "2024-05-30", "Summit"]


def test_an_event_that_is_no_label_is_a_one_line_error_naming_the_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("articles:\n  - {file: a.txt, source: S, event: yes}\n", encoding="utf-8")
    with pytest.raises(SlantError) as caught:
        load_corpus(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'sources.yaml'}: line 2: a.txt: field 'event' must be text or a "
                                 "number (got bool True)")


def test_event_is_read_from_jsonl_and_csv_corpora(tmp_path):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in [
        {"text": "A.", "source": "S", "event": "e1"}, {"text": "B.", "source": "S", "event": 3},
        {"text": "C.", "source": "S", "event": 2.5}, {"text": "D.", "source": "S"}]), encoding="utf-8")
    assert list(load_corpus(jsonl)["event"]) == ["e1", "3", "2.5", ""]
    assert list(streamed(jsonl)[0]["event"]) == ["e1", "3", "2.5", ""]
    table = tmp_path / "c.csv"
    table.write_text("text,source,event\nA.,S,e1\nB.,S,\n", encoding="utf-8")
    assert list(load_corpus(table)["event"]) == ["e1", ""]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "A.", "source": "S", "event": ["e1"]}) + "\n", encoding="utf-8")
    with pytest.raises(SlantError) as caught:
        load_corpus(bad)
    assert str(caught.value) == f"{bad}: line 1: field 'event' must be text or a number (got list ['e1'])"


def test_event_is_kept_in_the_parquet_results(tmp_path):
    (tmp_path / "c").mkdir()
    for name, event in (("a", "e1"), ("b", "")):
        (tmp_path / "c" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c" / "sources.csv").write_text("file,source,event\na.txt,S,e1\nb.txt,T,\n", encoding="utf-8")
    run(tmp_path / "c", tmp_path / "out", scheduler="synchronous")
    articles = load_results(tmp_path / "out").articles
    assert list(articles["event"]) == ["e1", "auto-e001"]  # the given label kept, the unlabelled article grouped
    assert list(articles.columns[:7]) == ["id", "source", "title", "date", "url", "event", "note"]
    run(tmp_path / "c", tmp_path / "out-as-given", scheduler="synchronous", events=None)
    assert list(load_results(tmp_path / "out-as-given").articles["event"]) == ["e1", ""]


# --- source labels ----------------------------------------------------------------------------------------

@pytest.fixture
def variant_labels(tmp_path):
    folder = tmp_path / "labels"
    folder.mkdir()
    rows = ["file,source"]
    for i, label in enumerate(["fox", "fox", "FOX", "nyt", "NYT", "Nyt ", "hpo", "HPO"]):
        (folder / f"a{i}.txt").write_text(f"Article {i}: Kyiv asked.\n", encoding="utf-8")
        rows.append(f"a{i}.txt,{label}")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_labels_differing_by_case_are_one_source_the_most_frequent_spelling(variant_labels):
    read = read_corpus(variant_labels)
    assert list(read.articles["source"]) == ["fox", "fox", "fox", "NYT", "NYT", "NYT", "HPO", "HPO"]
    # "Nyt " is stripped by the sources file; "NYT" and "nyt" tie at one, "Nyt" at one: the first in sorted order
    assert read.notes() == ["merged source labels: FOX → fox (1 article), hpo → HPO (1 article), "
                            "Nyt → NYT (1 article), nyt → NYT (1 article)"]
    assert list(streamed(variant_labels)[0]["source"]) == list(read.articles["source"])


def test_keep_label_variants_keeps_them_apart(variant_labels):
    read = read_corpus(variant_labels, keep_label_variants=True)
    assert list(read.articles["source"]) == ["fox", "fox", "FOX", "nyt", "NYT", "Nyt", "hpo", "HPO"]
    assert read.notes() == []
    assert list(load_corpus(variant_labels, keep_label_variants=True)["source"]) == list(read.articles["source"])
    assert list(streamed(variant_labels, keep_label_variants=True)[0]["source"]) == list(read.articles["source"])


def test_a_label_with_surrounding_whitespace_in_a_table_is_merged_and_quoted(tmp_path):
    table = tmp_path / "c.jsonl"
    table.write_text("".join(json.dumps({"text": f"Text {i}.", "source": s}) + "\n"
                             for i, s in enumerate(["Fox", "Fox", " fox ", "Other"])), encoding="utf-8")
    read = read_corpus(table)
    assert list(read.articles["source"]) == ["Fox", "Fox", "Fox", "Other"]
    assert read.notes() == ["merged source labels: ' fox ' → Fox (1 article)"]


def test_merged_labels_reach_the_parquet_results_and_their_notes(variant_labels, tmp_path):
    (variant_labels / "a1.txt").write_bytes(b"")
    summary = run(variant_labels, tmp_path / "out", scheduler="synchronous")
    assert sorted(load_results(tmp_path / "out").sources) == ["HPO", "NYT", "fox"]
    assert list(load_failures(tmp_path / "out")["source"]) == ["fox"]
    notes = ["merged source labels: FOX → fox (1 article), hpo → HPO (1 article), Nyt → NYT (1 article), "
             "nyt → NYT (1 article)", "1 of 8 files skipped"]
    assert load_notes(tmp_path / "out") == list(summary.notes) == notes
    manifest = json.loads((tmp_path / "out" / "_run.json").read_text(encoding="utf-8"))
    assert manifest["label_merges"][0] == {"variant": "FOX", "label": "fox", "articles": 1}
    assert (manifest["inputs_read"], manifest["inputs_skipped"]) == (8, 1)
    from slant.notebook import start

    session = start("", results=str(tmp_path / "out"))  # what a notebook of the report shows
    assert session.notes == (notes[0], f"skipped {variant_labels / 'a1.txt'}: the file is empty", notes[1])
    assert session.notes == tuple(read_corpus(variant_labels).notes())  # as the in-memory read says it


def test_a_parquet_corpus_with_labels_and_events_reads_as_a_jsonl_one(tmp_path):
    rows = [{"id": "p1", "text": "Kyiv asked.", "source": "Fox", "event": 1},
            {"id": "p2", "text": "Moscow said.", "source": "FOX", "event": None},
            {"id": "p3", "text": "NATO met.", "source": "Fox", "title": "T"}]
    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet")
    read = read_corpus(tmp_path / "c.parquet")
    assert read.articles[["id", "source", "event", "title"]].values.tolist() == [
        ["p1", "Fox", "1", ""], ["p2", "Fox", "", ""], ["p3", "Fox", "", "T"]]  # the column held 1.0, NaN, NaN
    assert read.notes() == ["merged source labels: FOX → Fox (1 article)"] and read.unit == "rows"
    pd.testing.assert_frame_equal(read.articles, streamed(tmp_path / "c.parquet")[0])


def test_cli_analyze_skips_bad_files_merges_labels_and_says_so(variant_labels, tmp_path):
    (variant_labels / "a1.txt").write_bytes(PNG)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["analyze", str(variant_labels), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "merged source labels: FOX → fox (1 article), hpo → HPO (1 article), Nyt → NYT (1 article), "
        "nyt → NYT (1 article)",
        f"skipped {variant_labels / 'a1.txt'}: looks like a binary file (a PNG image), not text",
        "7 articles written to " + str(out),
        "1 of 8 files skipped"]
    assert [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "fox", "fox", "NYT", "NYT", "NYT", "HPO", "HPO"]
    kept = CliRunner().invoke(main, ["analyze", str(variant_labels), "--keep-label-variants", "--format", "csv"])
    assert kept.exit_code == 0 and "merged" not in kept.stderr
    strict = CliRunner().invoke(main, ["analyze", str(variant_labels), "--strict"])
    assert strict.exit_code == 2
    assert strict.stderr == f"slant: error: {variant_labels / 'a1.txt'}: looks like a binary file (a PNG image), not text\n"


def test_cli_parquet_run_lists_what_it_skipped(variant_labels, tmp_path):
    (variant_labels / "a1.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["analyze", str(variant_labels), "--format", "parquet", "--out",
                                       str(tmp_path / "out"), "--scheduler", "synchronous"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[-4:] == [f"skipped {variant_labels / 'a1.txt'}: the file is empty",
                          "merged source labels: FOX → fox (1 article), hpo → HPO (1 article), Nyt → NYT "
                          "(1 article), nyt → NYT (1 article)",
                          lines[-2], "1 of 8 files skipped"]
    assert lines[-2].startswith("7 articles, ") and lines[-2].endswith(f"1 failures -> {tmp_path / 'out'}")
    strict = CliRunner().invoke(main, ["analyze", str(variant_labels), "--format", "parquet", "--out",
                                       str(tmp_path / "out2"), "--scheduler", "synchronous", "--strict"])
    assert strict.exit_code == 2 and strict.stderr.endswith("a1.txt: the file is empty\n")


# --- actors that fit the corpus ---------------------------------------------------------------------------

OFF_TOPIC = ["Governor Jane Doe met Senator Bob Roe in Springfield on Tuesday. Doe said the budget was fair. "
             "Roe disagreed with Doe. The Acme Corp plant will close, Roe said.",
             "Critics of Acme Corp wrote to Jane Doe. Later, Bob Roe told reporters the plant mattered. "
             "Doe did not reply."]


def test_actors_fall_back_to_proposed_ones_on_an_off_topic_corpus():
    config = Config.load(texts=OFF_TOPIC)
    assert sorted(config.actors.sides) == ["Acme Corp", "Bob Roe", "Jane Doe"]
    assert config.notes == ("actors: the packaged actors (Russia, Ukraine, NATO, …) are named in 0% of the corpus's "
                            "sentences (under 20%), so slant proposed 3 from its proper names instead: Bob Roe, "
                            "Acme Corp, Jane Doe; give your own actors file to choose them",)


def test_actors_stay_packaged_on_the_seeds():
    texts = list(load_corpus(SEEDS)["text"])
    config = Config.load(texts=texts)
    assert config.notes == () and config.actors.actor_of("Putin") == "Russia"


def test_a_users_actors_file_always_wins(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: t\nversion: 1\ndescription: d\nsources: [s]\nlicence: l\n"
                    "actors:\n  Hamas:\n    side: Hamas\n    aliases: [Hamas]\n", encoding="utf-8")
    config = Config.load(actors_file=path, texts=OFF_TOPIC)
    assert config.notes == () and config.actors.actor_of("Hamas") == "Hamas"
    assert Config.load(actors_file="auto", texts=OFF_TOPIC).notes == ()
    assert Config.load().notes == ()  # no texts: nothing to check the actors on


def test_the_share_of_sentences_naming_an_actor():
    from slant.actors import load_actors, mention_share

    packaged = load_actors()
    assert mention_share(packaged, ["Putin spoke. Nobody listened. The Kremlin agreed. It rained."]) == 0.5
    assert mention_share(packaged, []) == 0.0


def test_report_and_notebooks_use_the_fitted_actors(tmp_path):
    from slant.notebook import start
    from slant.report import _check_inputs, notebook_paths

    folder = tmp_path / "c"
    folder.mkdir()
    for i, text in enumerate(OFF_TOPIC):
        (folder / f"a{i}.txt").write_text(text + "\n", encoding="utf-8")
    *_, config, read = _check_inputs(folder, None, {}, notebook_paths())
    assert config.notes[0].startswith("actors: the packaged actors") and read.notes() == []
    session = start(str(folder))
    assert session.config.actors == config.actors and session.notes == config.notes


# --- a whole report run -----------------------------------------------------------------------------------

@pytest.mark.notebooks
def test_a_report_skips_a_bad_file_merges_a_label_and_says_so_quietly(three_source_corpus, tmp_path):
    import subprocess
    import sys

    (three_source_corpus / "d1.txt").write_bytes(b"")
    with (three_source_corpus / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("d1.txt,daily b,Empty,2024-05-30,,\n")
    slant = Path(sys.executable).parent / "slant"
    done = subprocess.run([str(slant), "report", "--corpus", str(three_source_corpus), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[:3] == ["merged source labels: daily b → Daily B (1 article)",
                         f"skipped {three_source_corpus / 'd1.txt'}: the file is empty", "1 of 5 files skipped"]
    assert lines[-1] == "1 of 5 files skipped"
    assert not [line for line in lines if "IPKernelApp" in line or "Traceback" in line or "ERROR" in line]
    run_dir = next((tmp_path / "out").iterdir())
    failures = pd.read_csv(run_dir / "tables" / "failures.csv", keep_default_na=False)
    assert failures.to_dict("records") == [{"article_id": "d1", "source": "Daily B",
                                           "path": str(three_source_corpus / "d1.txt"), "stage": "read",
                                           "error": "unreadable",
                                           "reason": f"{three_source_corpus / 'd1.txt'}: the file is empty"}]
    assert load_notes(run_dir / "results") == ["merged source labels: daily b → Daily B (1 article)",
                                               "1 of 5 files skipped"]
    assert sorted(load_results(run_dir / "results").sources) == ["Agency A", "Daily B", "Review C"]


def test_text_encoded_twice_is_read_as_written_and_named_in_one_note(tmp_path):
    from slant.corpus import read_corpus
    from slant.encodings import double_encoded

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The president met PeÃ±a Nieto on Monday.", encoding="utf-8")
    (folder / "b.txt").write_text("The president met Pen\u0303a Nieto.", encoding="utf-8")  # ñ decomposed: fine
    (folder / "c.txt").write_text("They donâ€™t agree.", encoding="utf-8")
    corpus = read_corpus([folder])
    assert "PeÃ±a" in corpus.articles.set_index("id").loc["a", "text"]  # offsets stay the file's
    assert corpus.notes() == ['2 articles hold text encoded twice ("PeÃ±a" for "Peña" in a): slant reads it as '
                              "written; re-save those files as UTF-8 to count those words right"]
    assert double_encoded("A plain “quoted” text, café and Peña.") is None
