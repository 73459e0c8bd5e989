"""Bad sources files, lexicon and actors files, and notebook parameters: one line naming file, line or key.

Each runs the ``slant`` command in a subprocess: exit status 2, one line, no
traceback, and nothing written.
"""

from __future__ import annotations

import pytest

from helpers import SEEDS
from slant.errors import SlantError
from test_robustness_inputs import assert_one_line_error, run_slant

HEADER = 'name: mine\nversion: "1"\ndescription: test\nsources: [me]\nlicence: CC0\n'


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Kyiv asked its allies for air defence.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("sources, fragments", [
    ("file,title\na.txt,T\nb.txt,T\n", ["sources.csv: line 1: missing column(s) source", "found: file, title"]),
    ("name;source\na.txt;S\n", ["sources.csv: line 1: missing column(s) file, source", "found: name;source"]),
    ("file,source\na.txt,S\nb.txt,S\nc.txt,S\n", ["sources.csv: line 4: c.txt does not exist"]),
    ("file,source\na.txt,S\nb.txt,S\na.txt,T\n", ["sources.csv: line 4: a.txt is listed twice (first on line 2)"]),
    ("file,source\na.txt,S\n", ["b.txt: not listed in the sources file", "add a row with file=b.txt"]),
    ("file,source\na.txt,S\nb.txt,\n", ["sources.csv: line 3: b.txt has no 'source'"]),
    ("file,source\n", ["sources.csv: no articles listed"]),
    ("", ["sources.csv: the sources file is empty"]),
])
def test_bad_sources_csv_is_one_line_naming_the_line(corpus, sources, fragments):
    (corpus / "sources.csv").write_text(sources, encoding="utf-8")
    assert_one_line_error(run_slant("analyze", corpus), *fragments)


@pytest.mark.parametrize("sources, fragments", [
    ("articles:\n  - file: a.txt\n    source: S\n  - {file: b.txt, source: S}\n  - file: zz.txt\n    source: S\n",
     ["sources.yaml: line 5: zz.txt does not exist"]),
    ("articles: [\n", ["sources.yaml: invalid YAML at line 2"]),
    ("articles:\n  - file: a.txt\n  - file: b.txt\n    source: S\n", ["sources.yaml: line 2: a.txt has no 'source'"]),
    ("articles: 3\n", ["sources.yaml: expected a list of articles"]),
])
def test_bad_sources_yaml_is_one_line_naming_the_line(corpus, sources, fragments):
    (corpus / "sources.yaml").write_text(sources, encoding="utf-8")
    assert_one_line_error(run_slant("analyze", corpus), *fragments)


@pytest.mark.parametrize("content, fragments", [
    ("terms: [\n  - a", ["invalid YAML at line 2"]),
    ("category: mine\nterms: []\n", ["missing header key(s) name, version, description, sources, licence"]),
    (HEADER + "category: mine\nterms:\n  - term: ''\n", ["line 8: a term needs 'term'"]),
    (HEADER + "category: mine\nterms:\n  - term: fine\n    colour: red\n", ["line 8: unknown key 'colour'"]),
    (HEADER + "category: mine\nterms:\n  - term: fine\n    inflect: noun\n", ["line 8: inflect must be 'verb'"]),
    (HEADER + "category: mine\nterms:\n", ["key 'terms' must be a non-empty list"]),
    ("\x89PNG\r\n\x1a\n\x00\x00", ["not UTF-8 text"]),
])
def test_bad_lexicon_file_is_one_line_naming_file_and_line(tmp_path, content, fragments):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_bytes(content.encode("latin-1") if content.startswith("\x89") else content.encode("utf-8"))
    assert_one_line_error(run_slant("analyze", SEEDS, "--lexicon", lexicon), "mine.yaml", *fragments)


LEXICON_WITH_TARGETS = HEADER + ("category: emotive\nterms:\n  - term: plead\n    inflect: verb\n"
                                 "    refers_to: Ukraine\n  - term: grovel\n    inflect: verb\n    refers_to: Ukrane\n")


def test_a_lexicon_entry_aimed_at_an_unknown_actor_is_one_line_naming_file_line_and_actor(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(LEXICON_WITH_TARGETS, encoding="utf-8")
    line = assert_one_line_error(run_slant("analyze", SEEDS, "--lexicon", lexicon))
    assert line.startswith(f"slant: error: {lexicon}: line 11: 'refers_to' of 'grovel' names 'Ukrane', which is "
                           "not an actor of ")
    assert line.endswith("(known: China, European Union, France, Germany, NATO, Russia, The West, Ukraine, "
                         "United Kingdom, United States)")
    out = tmp_path / "out"
    assert_one_line_error(run_slant("report", "--corpus", SEEDS, "--out", out, "-p", "lexicon", lexicon),
                          "line 11: 'refers_to' of 'grovel' names 'Ukrane'")
    assert not out.exists()


def test_refers_to_is_checked_against_the_actors_in_use(tmp_path):
    from slant.pipeline import Config

    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(LEXICON_WITH_TARGETS.replace("Ukrane", "Ukraine"), encoding="utf-8")
    assert Config.load([lexicon]).lexicon.by_form["groveled"][0].refers_to == "Ukraine"
    actors = tmp_path / "actors.yaml"
    actors.write_text(HEADER + "mode: replace\nactors:\n  Hamas:\n    aliases: [Hamas]\n", encoding="utf-8")
    with pytest.raises(SlantError) as caught:
        Config.load([lexicon], actors)
    assert str(caught.value) == (f"{lexicon}: line 8: 'refers_to' of 'plead' names 'Ukraine', which is not an actor "
                                 f"of {actors} (known: Hamas)")
    Config.load(None, actors)  # the packaged naming entries (refers_to: Ukraine) are not the user's to fix
    # proposed actors are found in the texts: a lexicon cannot name them in advance, so it is not checked
    Config.load([lexicon], "auto", ["Then Acme sued Acme and Acme won."])
    lexicon.write_text(LEXICON_WITH_TARGETS.replace("Ukrane", "[Ukraine]"), encoding="utf-8")
    with pytest.raises(SlantError, match=r"line 11: 'refers_to' of 'grovel' must be an actor's name \(got \['Ukraine'\]\)"):
        Config.load([lexicon])


def test_lexicon_terms_are_literal_text_never_patterns(tmp_path):
    """A term with regex syntax is matched as the characters it is (there is no invalid pattern to give)."""
    from slant.lexicon import load_lexicon, match_terms

    (tmp_path / "mine.yaml").write_text(HEADER + "category: mine\nterms:\n  - term: '(a+)+['\n  - term: 'x.*y'\n",
                                        encoding="utf-8")
    lexicon = load_lexicon(tmp_path / "mine.yaml", extend=False)
    text = "aaaa (a+)+[ then xzzy and x.*y"
    assert [(m.start, m.end) for m in match_terms(text, lexicon)] == [(5, 11), (26, 30)]


def test_unknown_lexicon_category_is_a_one_line_error():
    from slant.errors import SlantError
    from slant.lexicon import load_lexicon

    with pytest.raises(SlantError, match=r"lexicon: unknown category 'nope' \(known: "):
        load_lexicon(categories=["nope"])


@pytest.mark.parametrize("content, fragments", [
    ("actors: {", ["invalid YAML at line 1"]),
    (HEADER + "actors: [a, b]\n", ["key 'actors' must map each actor name"]),
    (HEADER + "actors:\n  Foo:\n    side: x\n", ["actor 'Foo' needs a non-empty list 'aliases'"]),
    (HEADER + "actors:\n  Foo:\n    aliases: ['', x]\n", ["actor 'Foo' has an empty or non-text alias ''"]),
    (HEADER + "mode: replase\nactors:\n  Foo:\n    aliases: [x]\n", ["key 'mode' must be extend or replace (got 'replase')"]),
])
def test_bad_actors_file_is_one_line_naming_file_and_key(tmp_path, content, fragments):
    actors = tmp_path / "actors.yaml"
    actors.write_text(content, encoding="utf-8")
    assert_one_line_error(run_slant("analyze", SEEDS, "--actors", actors), "actors.yaml", *fragments)


@pytest.mark.parametrize("args, fragments", [
    (["-p", "figure_formats", "3"], ["-p figure_formats: expected str", "got int 3"]),
    (["-p", "lexicon", "[a, b]"], ["-p lexicon: expected str", "got list"]),
    (["-p", "lexicon", "/nonexistent/lexicon.yaml"], ["-p lexicon: /nonexistent/lexicon.yaml does not exist"]),
    (["-p", "basil", "/nonexistent/basil"], ["-p basil: /nonexistent/basil does not exist"]),
    (["-p", "output_dir", "/tmp/elsewhere"], ["-p output_dir: set by the run itself; give --out instead"]),
    (["-p", "colour", "red"], ["-p colour: no notebook declares this parameter"]),
])
def test_bad_notebook_parameter_is_refused_before_any_kernel_starts(tmp_path, args, fragments):
    out = tmp_path / "out"
    assert_one_line_error(run_slant("report", "--corpus", SEEDS, "--out", out, *args), *fragments)
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name, value, message", [
    ("figure_formats", "gif", "-p figure_formats: expected a comma-separated subset of png, svg, got 'gif'"),
    ("figure_formats", "png,,svg", "-p figure_formats: expected a comma-separated subset of png, svg, got 'png,,svg'"),
    ("scheduler", "localhost", "-p scheduler: expected local or tcp://HOST:PORT of a Dask cluster, got 'localhost'"),
    ("results", "{tmp}/missing", "-p results: {tmp}/missing does not exist (expected an existing file or folder)"),
    ("results", "{tmp}/plain", "-p results: {tmp}/plain is not a slant results folder (no _run.json; make one with "
                               "slant analyze INPUT --format parquet --out DIR)"),
    ("basil", "{tmp}/plain", "-p basil: {tmp}/plain is not a basil folder (expected articles/ and annotations/ "
                             "inside; missing articles/)"),
    ("polnear", "{tmp}/plain", "-p polnear: {tmp}/plain is not a polnear folder (expected text/ and attributions/ "
                               "inside; missing text/)"),
])
def test_bad_notebook_parameter_value_is_refused_before_any_run_folder_exists(tmp_path, name, value, message):
    (tmp_path / "plain").mkdir()
    out = tmp_path / "out"
    done = run_slant("report", "--corpus", SEEDS, "--out", out, "-p", name, value.format(tmp=tmp_path))
    assert assert_one_line_error(done) == "slant: error: " + message.format(tmp=tmp_path)
    assert not out.exists()


def test_an_unfinished_results_folder_is_refused_before_any_run_folder_exists(tmp_path):
    from slant.report import check_parameters, declared_parameters, notebook_paths

    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "_run.json").write_text('{"slant_run": 1, "complete": false}', encoding="utf-8")
    with pytest.raises(SlantError) as caught:
        check_parameters({"results": str(tmp_path / "run")}, declared_parameters(notebook_paths()))
    assert str(caught.value) == (f"-p results: {tmp_path / 'run'}: the run is not complete; run it again with the "
                                 "same inputs to resume")


def test_bad_corpus_for_a_strict_report_is_refused_before_any_run_folder_exists(tmp_path, corpus):
    (corpus / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert_one_line_error(run_slant("report", "--corpus", corpus, "--out", out, "--strict"), "b.txt: the file is empty")
    assert not out.exists() or not any(out.iterdir())


def test_a_report_on_a_corpus_of_only_bad_files_is_refused_before_any_run_folder_exists(tmp_path, corpus):
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_bytes(b"")
    out = tmp_path / "out"
    assert_one_line_error(run_slant("report", "--corpus", corpus, "--out", out),
                          "no article could be read: all 2 files skipped (the first: ", "a.txt: the file is empty)")
    assert not out.exists() or not any(out.iterdir())


def test_parameter_checks_accept_the_declared_types_and_make_paths_absolute(tmp_path):
    from slant.report import check_parameters, declared_parameters, notebook_paths

    declared = declared_parameters(notebook_paths())
    lexicon = tmp_path / "x.yaml"
    lexicon.write_text("", encoding="utf-8")
    checked = check_parameters({"figure_formats": "png", "actors": "auto", "lexicon": str(lexicon)}, declared)
    assert checked == {"figure_formats": "png", "actors": "auto", "lexicon": str(lexicon.resolve())}


def test_a_missing_optional_package_is_one_line_naming_its_extra(monkeypatch):
    import importlib

    from slant.errors import optional_module

    real_import = importlib.import_module

    def without_trafilatura(name, *args):
        if name == "trafilatura":
            raise ModuleNotFoundError("No module named 'trafilatura'", name="trafilatura")
        return real_import(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_trafilatura)
    with pytest.raises(SlantError) as error:
        optional_module("trafilatura", "html", "corpus/a.html: reading a saved web page")
    assert str(error.value) == ("corpus/a.html: reading a saved web page needs the optional package trafilatura: "
                                "pip install 'slant[html]' (python3 tasks.py setup installs every extra)")
    assert optional_module("json", "core", "anything") is real_import("json")
