"""Outputs are written whole or not at all; a failed run touches no earlier run and no input."""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from slant.errors import SlantError
from slant.publish import check_output_path, write_atomically
from slant.report import new_run_dir, run
from test_robustness_inputs import assert_one_line_error, run_slant
from helpers import SEEDS


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_bytes(b"previous run")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(SlantError, match=r"report.html: cannot write \(No space left on device\)"):
        write_atomically(target, b"new" * 1000)
    assert target.read_bytes() == b"previous run"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_writing_onto_a_folder_or_an_input_is_refused(tmp_path):
    with pytest.raises(SlantError, match="is a folder"):
        write_atomically(tmp_path, b"x")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "A.", "source": "S"}\n', encoding="utf-8")
    with pytest.raises(SlantError, match="is an input file"):
        check_output_path(corpus, [corpus])
    with pytest.raises(SlantError, match="would be read as an article"):
        check_output_path(tmp_path / "out.txt", [tmp_path])
    check_output_path(tmp_path / "out.jsonl", [tmp_path])


def test_run_folders_are_never_reused(tmp_path):
    first = new_run_dir(tmp_path, "seeds")
    (first / "keep.txt").write_text("earlier run", encoding="utf-8")
    others = [new_run_dir(tmp_path, "seeds") for _ in range(3)]
    assert len({first, *others}) == 4 and (first / "keep.txt").read_text(encoding="utf-8") == "earlier run"
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(SlantError, match="--out must be a folder"):
        new_run_dir(tmp_path / "file", "seeds")


def test_a_failing_notebook_keeps_its_partial_copy_and_writes_no_report(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('corpus = ""\nsources = ""\noutput_dir = ""')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Fails"), parameters,
                nbformat.v4.new_code_cell("raise ValueError('broken on purpose')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(suite / "00_fails.ipynb"))
    out = tmp_path / "out"
    earlier = new_run_dir(out, "earlier")
    (earlier / "report.html").write_text("earlier report", encoding="utf-8")
    inputs = {p: p.read_bytes() for p in SEEDS.iterdir() if p.is_file()}
    with pytest.raises(SlantError, match=r"00_fails.ipynb: cell \[\d\] raised ValueError: broken on purpose "
                                         r"\(partial notebook kept at .*00_fails.ipynb\)"):
        run(SEEDS, SEEDS / "sources.csv", out, notebooks_dir=suite)
    runs = sorted(p for p in out.iterdir() if p != earlier)
    assert len(runs) == 1
    assert (runs[0] / "notebooks" / "00_fails.ipynb").is_file()
    assert not list(runs[0].rglob("report.html")) and not list(runs[0].rglob(".*.tmp"))
    assert (earlier / "report.html").read_text(encoding="utf-8") == "earlier report"
    assert {p: p.read_bytes() for p in SEEDS.iterdir() if p.is_file()} == inputs


def test_cli_refuses_an_output_file_that_is_a_folder(tmp_path):
    assert_one_line_error(run_slant("analyze", SEEDS, "--out", tmp_path), str(tmp_path), "is a folder")


def test_report_tables_show_a_line_break_in_text_as_a_space():
    import pandas as pd

    from slant.publish import table_html

    frame = pd.DataFrame({"text": pd.Series(["pic.twitter.com/x\n— NahBabyNah"], dtype="string"),
                          "plain": pd.Series(["a\nb"], dtype=object)})
    html_text = table_html(frame)
    assert "<td>pic.twitter.com/x — NahBabyNah</td>" in html_text and "<td>a b</td>" in html_text
    assert "\\n" not in html_text


def test_report_tables_right_align_numbers_and_numbers_already_formatted_but_not_dates():
    import pandas as pd

    from slant.publish import table_html

    frame = pd.DataFrame({"measure": ["words", "share"], "fox": ["1,077", "35.1"], "score": [0.5, float("nan")],
                          "date": ["2010-01-01", "2010-01-02"]})
    html_text = str(table_html(frame))
    assert '<td class="num">1,077</td>' in html_text and '<td class="num">35.1</td>' in html_text
    assert '<td class="num"></td>' in html_text and "nan" not in html_text.lower()  # a missing number is blank
    assert "<td>2010-01-01</td>" in html_text and "<td>words</td>" in html_text


def test_a_section_with_no_data_leaves_the_report_with_its_heading_and_the_notebook_title_stays(tmp_path):
    import nbformat

    from slant.publish import empty_section
    from slant.report import notebook_section

    def output(shown):
        return nbformat.v4.new_output("execute_result", data={"text/html": shown._repr_html_(),
                                                              "text/plain": "x"}, execution_count=1)

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Loaded wording\n\nHow to read this."),
                nbformat.v4.new_code_cell("corpus = ''", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_markdown_cell("## Naming choices\n\nKiev or Kyiv."),
                nbformat.v4.new_code_cell("table", outputs=[output(empty_section("No contested names here."))]),
                nbformat.v4.new_markdown_cell("## Most frequent terms\n\nThe terms."),
                nbformat.v4.new_code_cell("table", outputs=[nbformat.v4.new_output(
                    "execute_result", data={"text/html": "<table><tr><td>begging</td></tr></table>"},
                    execution_count=2)])]
    path = tmp_path / "01.ipynb"
    nbformat.write(nb, str(path))
    _, html = notebook_section(path, tmp_path)
    assert "Loaded wording" in html and "Most frequent terms" in html and "begging" in html
    assert "Naming choices" not in html and "Kiev or Kyiv" not in html and "No contested names" not in html
