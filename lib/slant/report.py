"""Run the notebook suite with papermill and export one self-contained HTML report.

`run` executes every notebook of ``notebooks/`` in order into a new run folder
(``outputs/<run>/notebooks/``), with the same parameters for all (corpus,
sources, lexicon, actors, output folder, figure formats, plus the user's
``-p NAME VALUE``), then writes ``report.html``: the notebooks' markdown and
outputs, code hidden, figures embedded as PNG data. A failing notebook stops
the run with one line naming the notebook and the cell; papermill has already
written the partially executed copy, which is kept for inspection.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import yaml

from . import __version__
from .errors import SlantError
from .publish import write_atomically

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
COMMON_PARAMETERS = ("corpus", "sources", "lexicon", "actors", "output_dir", "figure_formats")
REPORT_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:62em;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.7em} h2{font-size:1.35em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
nav ul{columns:2} table{display:block;overflow-x:auto;border-collapse:collapse;font-size:.85em;margin:.5em 0} th,td{border-bottom:1px solid #e4e4e4;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4} figure{margin:1.2em 0} figcaption{font-size:.9em;color:#444;margin:.3em 0;font-style:italic}
.meta{color:#555;font-size:.9em} pre{background:#f7f7f7;padding:.5em;overflow-x:auto;font-size:.8em}
.slant-findings{background:#f5f9ff;border-left:4px solid #0072B2;padding:.3em 1em}
a.anchor-link{display:none}
"""


@dataclass(frozen=True)
class RunResult:
    """Where a run put things, and how long it took."""

    run_dir: Path
    report: Path
    notebooks: list[Path]
    seconds: float
    files: list[Path] = field(default_factory=list)


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The suite, in order (``NN_name.ipynb``)."""
    paths = sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise SlantError(f"{folder}: no notebooks (NN_name.ipynb) found")
    return paths


def parse_value(raw: str):
    """A ``-p NAME VALUE`` value as papermill's CLI reads it: YAML scalars, else text."""
    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw
    return value if isinstance(value, (str, int, float, bool, list)) or value is None else raw


def new_run_dir(out: Path, label: str) -> Path:
    """A fresh folder ``out/<date>_<time>_<label>`` (never reusing an old run's folder)."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    base = out / f"{stamp}_{label}"
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    candidate.mkdir(parents=True)
    return candidate


def _check_inputs(corpus: Path, sources: Path | None, parameters: dict, notebooks: list[Path]) -> None:
    if not corpus.exists():
        raise SlantError(f"{corpus}: corpus folder or file not found")
    if sources is not None and not sources.is_file():
        raise SlantError(f"{sources}: sources file not found")
    import papermill

    declared = set()
    for path in notebooks:
        declared |= set(papermill.inspect_notebook(str(path)))
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise SlantError(f"-p {unknown[0]}: no notebook declares this parameter "
                         f"(known: {', '.join(sorted(declared))})")


def run(corpus: str | Path, sources: str | Path | None = None, out: str | Path = "outputs",
        parameters: dict | None = None, *, notebooks_dir: str | Path = NOTEBOOKS_DIR,
        progress: Callable[[str], None] | None = None, progress_bar: bool = False) -> RunResult:
    """Execute the suite on ``corpus`` into a new run folder and export ``report.html``."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    began = time.perf_counter()
    corpus = Path(corpus).resolve()
    sources = Path(sources).resolve() if sources else None
    parameters = dict(parameters or {})
    notebooks = notebook_paths(Path(notebooks_dir))
    _check_inputs(corpus, sources, parameters, notebooks)
    run_dir = new_run_dir(Path(out).resolve(), corpus.stem or "corpus")
    common = {"corpus": str(corpus), "sources": str(sources) if sources else "", "output_dir": str(run_dir)}
    common.update(parameters)
    executed = []
    for number, path in enumerate(notebooks, 1):
        target = run_dir / "notebooks" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if progress:
            progress(f"[{number}/{len(notebooks)}] {path.name} …")
        started = time.perf_counter()
        try:
            papermill.execute_notebook(str(path), str(target), parameters=common, cwd=str(path.parent),
                                       kernel_name="python3", progress_bar=progress_bar, log_output=False,
                                       extra_arguments=["--IPKernelApp.log_level=ERROR"])
        except PapermillExecutionError as exc:
            raise SlantError(f"{path.name}: cell [{exc.exec_count}] raised {exc.ename}: {exc.evalue} "
                             f"(partial notebook kept at {target})") from None
        executed.append(target)
        if progress:
            progress(f"[{number}/{len(notebooks)}] {path.name} done in {time.perf_counter() - started:.1f} s")
    report = run_dir / "report.html"
    write_atomically(report, build_report(executed, corpus=corpus, run_dir=run_dir).encode("utf-8"))
    files = sorted(p for p in run_dir.rglob("*") if p.is_file())
    return RunResult(run_dir, report, executed, time.perf_counter() - began, files)


def _output_html(output) -> str:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return "" if output.get("name") == "stderr" else f"<pre>{html.escape(output.get('text', ''))}</pre>"
    if "text/html" in data:
        return data["text/html"]
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"].strip()}" style="max-width:100%">'
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def build_report(executed: list[Path], *, corpus: Path, run_dir: Path) -> str:
    """One HTML page from executed notebooks: markdown and outputs in order, no code."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    sections, toc = [], []
    for number, path in enumerate(executed):
        nb = nbformat.read(str(path), as_version=4)
        anchor = f"section-{path.stem}"
        title = _title(nb)
        toc.append(f'<li><a href="#{anchor}">{html.escape(title)}</a></li>')
        parts = [f'<section id="{anchor}">']
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                source = cell.source.replace("\n# ", "\n## ", 1) if not cell.source.startswith("# ") else "## " + cell.source[2:]
                parts.append(markdown2html_mistune(source))
            elif cell.cell_type == "code":
                parts.extend(_output_html(output) for output in cell.get("outputs", []))
        parts.append("</section>")
        sections.append("".join(parts))
    created = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>slant report — {html.escape(corpus.name)}</title><style>{REPORT_CSS}</style></head><body>"
            f"<h1>How the sources frame it: slant report on {html.escape(corpus.name)}</h1>"
            f"<p class=\"meta\">Corpus: {html.escape(str(corpus))} · run folder: {html.escape(run_dir.name)} · "
            f"created {created} by slant {__version__}. Figures are in figures/, every table behind them in "
            f"tables/ and figures/ (CSV), the executed notebooks in notebooks/.</p>"
            f"<nav><strong>Contents</strong><ul>{''.join(toc)}</ul></nav>{''.join(sections)}</body></html>")
