"""The notebook suite: committed clean and thin; runs top to bottom under papermill."""

import ast
import re
import shutil

import nbformat
import pandas as pd
import papermill
import pytest

from slant import report
from slant.errors import SlantError
from helpers import ROOT, SEEDS

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["00_overview", "01_loaded_language", "02_sentiment", "03_attribution", "04_readability", "05_comparison",
            "06_validation", "07_explore"]
FORBIDDEN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.For, ast.While, ast.AsyncFor, ast.Lambda)


def test_the_suite_is_the_numbered_notebooks_of_the_design():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_or_execution_counts(path):
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_declares_the_common_parameters_with_types_and_comments(path):
    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    declared = papermill.inspect_notebook(str(path))
    assert set(report.COMMON_PARAMETERS) <= set(declared)
    if any("notebook.start(" in cell.source for cell in nb.cells):
        assert set(report.ANALYSIS_PARAMETERS) <= set(declared)
        assert any("scheduler=scheduler, results=results" in cell.source for cell in nb.cells)
    for name in report.COMMON_PARAMETERS:
        assert declared[name]["inferred_type_name"] == "str" and declared[name]["help"], name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_thin(path):
    nb = nbformat.read(str(path), as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert "How to read this" in nb.cells[0].source and "Limits" in nb.cells[0].source
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        assert not [n for n in ast.walk(tree) if isinstance(n, FORBIDDEN)], cell.source
        assert not re.search(r"\bopen\(", cell.source), cell.source
        if "parameters" not in cell.metadata.get("tags", []):
            assert len(cell.source.splitlines()) <= 6, cell.source


def check_run(result, n_sources):
    run_dir = result.run_dir
    assert result.report == run_dir / "report.html"
    assert sorted(p.name for p in (run_dir / "notebooks").iterdir()) == [f"{name}.ipynb" for name in EXPECTED]
    pngs = sorted((run_dir / "figures").glob("*.png"))
    assert {p.stem for p in pngs} == {p.stem for p in (run_dir / "figures").glob("*.svg")}
    assert {f"chart_{p.stem}" for p in pngs} == {p.stem for p in (run_dir / "tables").glob("chart_*.csv")}
    assert {"loaded_density_own_voice", "sentiment_by_source", "speakers_by_source", "register_by_source",
            "readability_by_source"} <= {p.stem for p in pngs}
    tables = {p.name for p in (run_dir / "tables").iterdir()}
    assert {"source_summary.csv", "loaded_terms.csv", "sentences.csv", "attributions.csv", "readability.csv",
            "findings.json", "articles.json"} <= tables
    page = result.report.read_text(encoding="utf-8")
    for png in pngs:  # every chart is in the page, as a link to its PNG (the page stays small)
        assert f'id="fig-{png.stem}"><img src="figures/{png.stem}.png"' in page, png.stem
    assert 'src="data:image/png;base64,' not in page
    assert "<script" not in page.lower() and "http://" not in page and "https://cdn" not in page
    positions = [page.index(f'<section id="section-{name}">') for name in EXPECTED]
    assert positions == sorted(positions)
    assert positions[0] < page.index('id="table-source_summary"') < positions[1]
    summary = (run_dir / "tables" / "source_summary.csv").read_text(encoding="utf-8").splitlines()[0]
    assert summary.count(",") == n_sources


@pytest.mark.notebooks
def test_report_on_the_seeds_has_every_figure_table_and_notebook(tmp_path):
    lines = []
    result = report.run(SEEDS, SEEDS / "sources.csv", tmp_path, progress=lines.append)
    check_run(result, n_sources=2)
    assert lines[0] == "analysing the corpus once for all notebooks …" and lines[1].startswith("analysed: 2 articles")
    for number, path in enumerate(NOTEBOOKS, 1):  # notebooks run side by side: each starts, then is done
        assert lines.index(f"[{number}/8] {path.name} …") < next(
            i for i, line in enumerate(lines) if line.startswith(f"[{number}/8] {path.name} done in"))
    assert (result.run_dir / "results" / "_run.json").is_file()  # the one analysis every notebook loaded
    for notebook in result.notebooks[:6] + result.notebooks[7:]:
        assert "results" in nbformat.read(str(notebook), as_version=4).metadata["papermill"]["parameters"]
    page = result.report.read_text(encoding="utf-8")
    assert "Outlet 000 uses" in page and "support no statistical inference" in page


@pytest.mark.notebooks
def test_report_on_a_three_source_corpus(tmp_path, three_source_corpus):
    result = report.run(three_source_corpus, three_source_corpus / "sources.csv", tmp_path / "out",
                        {"figure_formats": "png,svg"})
    check_run(result, n_sources=3)
    page = result.report.read_text(encoding="utf-8")
    assert "Agency A" in page and "Daily B" in page and "Review C" in page


@pytest.mark.notebooks
def test_a_failing_notebook_stops_the_run_with_one_line_and_keeps_the_partial_copy(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(NOTEBOOKS[0], suite / "00_overview.ipynb")
    bad = nbformat.read(str(NOTEBOOKS[0]), as_version=4)
    bad.cells.append(nbformat.v4.new_code_cell("results.attributions['speakr']"))
    bad.cells[-1]["id"] = "broken"
    nbformat.write(bad, str(suite / "01_broken.ipynb"))
    with pytest.raises(SlantError) as error:
        report.run(SEEDS, SEEDS / "sources.csv", tmp_path / "out", notebooks_dir=suite)
    message = str(error.value)
    assert re.fullmatch(r"01_broken\.ipynb: cell \[\d+\] raised KeyError: 'speakr' \(partial notebook kept at .+\)", message)
    partial = message.split("partial notebook kept at ")[1].rstrip(")")
    executed = nbformat.read(partial, as_version=4)
    assert executed.cells[-1].outputs[0]["ename"] == "KeyError"
    assert not list((tmp_path / "out").glob("*/report.html"))


@pytest.mark.notebooks
def test_a_bad_parameter_value_fails_in_the_first_cell_with_the_parameter_named(tmp_path):
    # a report refuses it before any run folder exists; a notebook run alone still refuses it in its first cell
    with pytest.raises(SlantError, match=r"^-p figure_formats: expected a comma-separated subset of png, svg, got 'gif'$"):
        report.run(SEEDS, SEEDS / "sources.csv", tmp_path / "out", {"figure_formats": "gif"})
    assert not (tmp_path / "out").exists()
    notebook = report.NOTEBOOKS_DIR / "00_overview.ipynb"
    with pytest.raises(SlantError, match=r"00_overview.ipynb: cell \[\d+\] raised SlantError: parameter figure_formats"):
        report._execute(notebook, tmp_path / "run.ipynb", {"corpus": str(SEEDS), "figure_formats": "gif"}, False)


@pytest.mark.notebooks
def test_validation_notebook_scores_basil_and_polnear_folders_given_as_parameters(tmp_path):
    from test_validate_basil import write_article

    basil_dir = tmp_path / "basil"
    write_article(basil_dir, "t-1_1", "fox", "Senate slams plan", [["The reckless plan passed."]],
                  [{"bias": "lex", "start": 4, "end": 12, "txt": "reckless"}])
    polnear_dir = tmp_path / "polnear"
    (polnear_dir / "text").mkdir(parents=True)
    (polnear_dir / "attributions").mkdir()
    text = "The senator said the plan failed."
    (polnear_dir / "text" / "a.txt").write_text(text, encoding="utf-8")
    (polnear_dir / "attributions" / "a_0001.ann").write_text(
        "T1\tSource 0 11\tThe senator\nT2\tCue 12 16\tsaid\nT3\tContent 17 32\tthe plan failed\n"
        "T4\tAttribution 12 16\tsaid\nE1\tAttribution:T4 Cue:T2 Content:T3 Source:T1\n", encoding="utf-8")
    from test_validate_ptc import TEXT_2, write as write_ptc

    ptc_dir = tmp_path / "ptc"
    write_ptc(ptc_dir, "2", TEXT_2, [("Name_Calling,Labeling", 4, 14)])
    out = tmp_path / "run"
    papermill.execute_notebook(str(ROOT / "notebooks" / "06_validation.ipynb"), str(tmp_path / "v.ipynb"),
                               # actors auto (proposed from the user's corpus) must not stop the validation
                               parameters={"basil": str(basil_dir), "polnear": str(polnear_dir), "output_dir": str(out),
                                           "actors": "auto", "ptc": str(ptc_dir)},
                               cwd=str(ROOT / "notebooks"), progress_bar=False, kernel_name="python3")
    basil_table = (out / "tables" / "validation_basil.csv").read_text(encoding="utf-8")
    assert "slant lexicon (loaded categories)" in basil_table and "bare Recasens bias lemmas" in basil_table
    events_table = pd.read_csv(out / "tables" / "validation_basil_events.csv", dtype={"grouping": str})
    assert list(events_table.columns) == ["grouping", "articles", "ari", "exact_share", "exact", "gold_events",
                                          "predicted_events", "merged", "split"]
    assert events_table[["grouping", "articles", "exact"]].values.tolist() == [["2012", 1, 1],
                                                                            ["all years, no dates", 1, 1]]
    assert "slant (lexicon and context model)" in basil_table
    pairwise = (out / "tables" / "validation_basil_pairwise.csv").read_text(encoding="utf-8").splitlines()
    assert pairwise[0] == ("predictor,triples_top_outlet_agrees,triples_ranked,pairwise_agreement,pairwise_ci_low,"
                           "pairwise_ci_high,pairs_ranked")
    assert [line.split(",")[0] for line in pairwise[1:]] == [
        "slant (lexicon and context model)", "slant lexicon (loaded categories)", "VADER words with |valence| >= 1.5"]
    ptc_table = (out / "tables" / "validation_ptc.csv").read_text(encoding="utf-8").splitlines()
    assert ptc_table[0] == ("predictor,token_precision,token_recall,token_f1,span_recall,span_precision,gold_spans,"
                            "predicted_spans")
    assert [line.split(",")[0] for line in ptc_table[1:]] == [
        "slant (lexicon and context model)", "slant lexicon (loaded categories)", "VADER words with |valence| >= 1.5",
        "Hu & Liu negative opinion words"]
    polnear_table = (out / "tables" / "validation_polnear.csv").read_text(encoding="utf-8").splitlines()
    assert polnear_table[0].startswith("extractor,measure,precision,recall,f1")
    # the records slant analyze writes, with the tagger and with the rules alone (was one row "slant": the rules)
    for extractor in ("slant (tagger)", "slant (rules alone)"):
        assert any(line.startswith(f"{extractor},attribution (cue overlap),1.0,1.0,1.0") for line in polnear_table)
    assert any(line.startswith("naive baseline,attribution (cue overlap),") for line in polnear_table)
