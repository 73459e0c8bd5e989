"""Run the notebook suite with papermill and export one self-contained HTML report.

`run` analyses the corpus once into ``outputs/<run>/results/`` (Parquet, see
`slant.scale.store`; in this process for a small corpus, on Dask for a large
one or with ``-p scheduler``), then executes every notebook of ``notebooks/``
into ``outputs/<run>/notebooks/`` with the same parameters (corpus, sources,
lexicon, actors, output folder, figure formats, ``results`` pointing at the
analysis, plus the user's ``-p NAME VALUE``), as many at a time as there are
cores (they only read the results and write their own figures and tables), and
writes ``report.html``: the notebooks' markdown and outputs in suite order,
code hidden, figures linked to their PNG in figures/. A failing notebook stops the run
with one line naming the notebook and the cell; papermill has already written
the partially executed copy, which is kept for inspection.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

import nbformat
import yaml

from . import __version__
from .errors import SlantError
from .publish import write_atomically


def packaged_notebooks() -> Path:
    """The notebook suite's folder: ``slant/notebooks`` in an installed wheel, else the checkout's ``notebooks/``.

    The repository's top-level ``notebooks/`` is the one copy (the one people
    open in JupyterLab); building a wheel copies it into the package (setup.py),
    and an editable install or a plain checkout reads it in place.
    """
    packaged = resources.files("slant") / "notebooks"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "notebooks"


NOTEBOOKS_DIR = packaged_notebooks()
COMMON_PARAMETERS = ("corpus", "sources", "lexicon", "actors", "output_dir", "figure_formats")
ANALYSIS_PARAMETERS = ("scheduler", "results", "events")  # declared by every notebook that analyses (calls notebook.start)
RESULTS_FOLDER = "results"  # the run's one analysis, as Parquet tables the notebooks load
MAX_PARALLEL_NOTEBOOKS = 4


@dataclass(frozen=True)
class RunResult:
    """Where a run put things, and how long it took."""

    run_dir: Path
    report: Path
    notebooks: list[Path]
    seconds: float
    files: list[Path] = field(default_factory=list)
    notes: tuple[str, ...] = ()  # what the run said about its inputs: labels merged, files skipped, actors chosen
    skipped: str = ""            # "N of M files skipped", or "" when every input was read


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
    """A fresh folder ``out/<date>_<time>_<label>`` (never reusing an old run's folder, even under a race)."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    label = "".join(c if c.isalnum() or c in "-_." else "_" for c in label)[:60] or "corpus"
    base = out / f"{stamp}_{label}"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SlantError(f"{out}: --out must be a folder, but this is a file") from None
    except OSError as exc:
        raise SlantError(f"{out}: cannot create the output folder ({exc.strerror or exc})") from None
    for n in range(1, 1000):
        candidate = base if n == 1 else base.with_name(f"{base.name}-{n}")
        try:
            candidate.mkdir()  # atomic: fails if another run took the name meanwhile
        except FileExistsError:
            continue
        except OSError as exc:
            raise SlantError(f"{out}: cannot create a run folder ({exc.strerror or exc})") from None
        return candidate
    raise SlantError(f"{out}: too many runs named {base.name}")


# Parameters the run sets itself, and the option that sets each.
RUN_PARAMETERS = {"corpus": "--corpus", "sources": "--sources", "output_dir": "--out"}
# Parameters that name files or folders: each comma-separated part must exist ("" means none).
PATH_PARAMETERS = ("corpus", "sources", "lexicon", "actors", "basil", "ptc", "polnear", "results")
PATH_WORDS = {"actors": ("auto",)}  # values that are not paths
# Folders that must hold these subfolders (what the validation notebook reads).
FOLDER_SHAPES = {"basil": ("articles", "annotations"), "polnear": ("text", "attributions")}
TYPE_NAMES = {"str": (str,), "int": (int,), "float": (float, int), "bool": (bool,), "list": (list,)}


def check_parameters(parameters: dict, declared: dict[str, dict]) -> dict:
    """Each ``-p`` value against the notebooks' declared parameters: known name, declared type, existing paths.

    ``declared`` is papermill's ``inspect_notebook`` answer (name → inferred
    type and default), merged over the suite. A `SlantError` names the
    parameter, what it got and what is expected. Returns the parameters with
    relative paths made absolute (notebooks run in their own folder).
    """
    checked = dict(parameters)
    for name, value in parameters.items():
        if name not in declared:
            raise SlantError(f"-p {name}: no notebook declares this parameter "
                             f"(known: {', '.join(sorted(declared))})")
        type_name = str(declared[name].get("inferred_type_name") or "None")
        expected = TYPE_NAMES.get(type_name)
        if expected and (not isinstance(value, expected) or (type_name in ("int", "float") and isinstance(value, bool))):
            hint = " (quote it, e.g. -p NAME \"'2024'\", to pass a number as text)" if type_name == "str" else ""
            raise SlantError(f"-p {name}: expected {type_name} (default {declared[name].get('default')}), "
                             f"got {type(value).__name__} {value!r}{hint}".replace("NAME", name))
        if name in PATH_PARAMETERS and isinstance(value, str):
            parts = []
            for part in filter(None, (p.strip() for p in value.split(","))):
                if part.lower() in PATH_WORDS.get(name, ()):
                    parts.append(part)
                    continue
                if not Path(part).exists():
                    raise SlantError(f"-p {name}: {part} does not exist (expected an existing file or folder)")
                parts.append(str(Path(part).resolve()))
            checked[name] = ",".join(parts)
        if isinstance(value, str):
            _check_value(name, checked[name])
    return checked


def _check_value(name: str, value: str) -> None:
    """What a notebook would refuse in its first cell, refused here, before a run folder exists."""
    from .publish import check_figure_formats

    value = value.strip()
    if name == "figure_formats":
        check_figure_formats(value, "-p figure_formats")
    elif name == "scheduler" and value not in ("", "local", "synchronous"):
        from .scale.run import check_options

        try:
            check_options(value, None)
        except SlantError:
            raise SlantError(f"-p scheduler: expected local or tcp://HOST:PORT of a Dask cluster, "
                             f"got {value!r}") from None
    elif name == "results" and value:
        from .scale.store import MANIFEST, read_manifest

        manifest = read_manifest(Path(value)) if Path(value).is_dir() else None
        if manifest is None:
            raise SlantError(f"-p results: {value} is not a slant results folder (no {MANIFEST}; make one with "
                             "slant analyze INPUT --format parquet --out DIR)")
        if not manifest.get("complete"):
            raise SlantError(f"-p results: {value}: the run is not complete; run it again with the same inputs "
                             "to resume")
    elif name in FOLDER_SHAPES and value:
        missing = [sub for sub in FOLDER_SHAPES[name] if not (Path(value) / sub).is_dir()]
        if missing:
            raise SlantError(f"-p {name}: {value} is not a {name} folder (expected "
                             f"{' and '.join(s + '/' for s in FOLDER_SHAPES[name])} inside; missing {missing[0]}/)")


def declared_parameters(notebooks: list[Path]) -> dict[str, dict]:
    """Every parameter any notebook of the suite declares (papermill's inspection), by name."""
    return _merged([papermill_parameters(path) for path in notebooks])


def _merged(found: list[dict[str, dict]]) -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for parameters in found:
        for name, info in parameters.items():
            merged.setdefault(name, dict(info))
    return merged


def _check_inputs(corpus: Path, sources: Path | None, parameters: dict, notebooks: list[Path], *,
                  strict: bool = False, keep_label_variants: bool = False):
    """Checked parameters, the notebooks' declared parameters, the analysis `Config` and the `corpus.Corpus`
    read; errors are one line."""
    if not corpus.exists():
        raise SlantError(f"{corpus}: corpus folder or file not found")
    if sources is not None and not sources.is_file():
        raise SlantError(f"{sources}: sources file not found")
    own = sorted(set(parameters) & set(RUN_PARAMETERS))
    if own:
        raise SlantError(f"-p {own[0]}: set by the run itself; give {RUN_PARAMETERS[own[0]]} instead")
    declared = {path: papermill_parameters(path) for path in notebooks}
    checked = check_parameters(parameters, _merged(list(declared.values())))
    # Read the corpus (and the lexicon and actors files) once before any kernel starts, so that a bad
    # input is one line naming the file and no run folder is created for it.
    from .corpus import read_corpus
    from .pipeline import Config

    read = read_corpus(corpus, sources, strict=strict, keep_label_variants=keep_label_variants)
    config = Config.load(checked.get("lexicon") or None, checked.get("actors") or None,
                         list(read.articles["text"]))
    return checked, declared, config, read


def papermill_parameters(path: Path) -> dict[str, dict]:
    """The parameters one notebook declares (papermill's inspection); a corrupt file is one line."""
    import papermill

    try:
        return dict(papermill.inspect_notebook(str(path)))
    except Exception as exc:
        raise SlantError(f"{path}: cannot read the notebook's parameters ({type(exc).__name__}: {exc})") from None


def analyse_once(corpus: Path, sources: Path | None, parameters: dict, config, folder: Path,
                 progress: Callable[[str], None] | None = None, *, strict: bool = False,
                 keep_label_variants: bool = False) -> Path:
    """Analyse the corpus into ``folder`` (Parquet) for every notebook of the run to load; return it.

    A small corpus is analysed in this process; a large one (see
    `notebook.is_large`), or any with ``-p scheduler``, on Dask.
    """
    from . import scale
    from .notebook import is_large
    from .scale.run import SYNCHRONOUS

    scheduler = str(parameters.get("scheduler") or "").strip()
    if scheduler in ("", "local"):
        scheduler = None if scheduler == "local" or is_large([str(corpus)]) else SYNCHRONOUS
    if progress:
        progress("analysing the corpus once for all notebooks …")
    lexicon = [p for p in str(parameters.get("lexicon") or "").split(",") if p.strip()]
    summary = scale.run([str(corpus)], folder, sources=sources, scheduler=scheduler, lexicon_files=lexicon,
                        actors_file=parameters.get("actors") or None, config=config, strict=strict,
                        keep_label_variants=keep_label_variants, events=str(parameters.get("events") or "auto"))
    if progress:
        progress(f"analysed: {summary.line()}")
    return folder


def _quiet_kernels(log) -> type:
    """A kernel manager whose kernels write their own standard error (the kernel's logs) to ``log``.

    A cell's output reaches the notebook through the kernel's messages, not
    this stream; what reaches it is the kernel's housekeeping, and jupyter_client
    interrupts every kernel before shutting it down, so a successful run printed
    "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel." (and, in a race
    with the closing sockets, zmq tracebacks) once per notebook.
    """
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["stderr"] = log
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def _last_line(log) -> str:
    log.seek(0)
    lines = [line.strip() for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _execute(path: Path, target: Path, parameters: dict, progress_bar: bool) -> None:
    """One notebook with papermill, its kernel started in the notebook's own folder; errors as one line."""
    import tempfile

    import papermill
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    with tempfile.TemporaryFile() as log:
        try:
            # The kernel's working folder is given to nbclient (resources), not by papermill's cwd=, which
            # changes this whole process's folder and is not safe with notebooks running side by side.
            papermill.execute_notebook(str(path), str(target), parameters=parameters, kernel_name="python3",
                                       progress_bar=progress_bar, log_output=False,
                                       extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                       resources={"metadata": {"path": str(path.parent)}},
                                       kernel_manager_class=_quiet_kernels(log))
        except PapermillExecutionError as exc:
            raise SlantError(f"{path.name}: cell [{exc.exec_count}] raised {exc.ename}: {exc.evalue} "
                             f"(partial notebook kept at {target})") from None
        except DeadKernelError as exc:  # out of memory, or killed: not a bug of slant's code, still one line
            reason = str(exc).splitlines()[0] if str(exc) else "no reason given"
            said = _last_line(log)
            raise SlantError(f"{path.name}: the kernel died ({reason}{f'; it said: {said}' if said else ''}; "
                             f"partial notebook kept at {target})") from None


def run(corpus: str | Path, sources: str | Path | None = None, out: str | Path = "outputs",
        parameters: dict | None = None, *, notebooks_dir: str | Path = NOTEBOOKS_DIR,
        progress: Callable[[str], None] | None = None, progress_bar: bool = False,
        parallel: int | None = None, strict: bool = False, keep_label_variants: bool = False) -> RunResult:
    """Analyse ``corpus`` once, execute the suite into a new run folder and export ``report.html``.

    ``parallel``: notebooks executed at a time (default: one per core, at
    most MAX_PARALLEL_NOTEBOOKS). An article file that cannot be read is
    skipped, said through ``progress`` and listed in ``tables/failures.csv``
    (``strict``: the run stops with it); source labels that differ only by
    case or surrounding whitespace are merged (``keep_label_variants`` keeps
    them apart). `RunResult.notes` has what was said about the inputs.
    """
    began = time.perf_counter()
    corpus = Path(corpus).resolve()
    sources = Path(sources).resolve() if sources else None
    parameters = dict(parameters or {})
    notebooks = notebook_paths(Path(notebooks_dir))
    parameters, declared, config, read = _check_inputs(corpus, sources, parameters, notebooks, strict=strict,
                                                       keep_label_variants=keep_label_variants)
    notes = tuple(read.notes() + list(config.notes))
    if progress:
        for line in notes:
            progress(line)
    run_dir = new_run_dir(Path(out).resolve(), corpus.stem or "corpus")
    common = {"corpus": str(corpus), "sources": str(sources) if sources else "", "output_dir": str(run_dir)}
    common.update(parameters)
    if not common.get("results"):
        common["results"] = str(analyse_once(corpus, sources, parameters, config, run_dir / RESULTS_FOLDER, progress,
                                             strict=strict, keep_label_variants=keep_label_variants))
    (run_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    lock, total = threading.Lock(), len(notebooks)

    def execute(number: int, path: Path) -> Path:
        target = run_dir / "notebooks" / path.name
        own = {name: value for name, value in common.items() if name in declared[path]}
        if progress:
            with lock:
                progress(f"[{number}/{total}] {path.name} …")
        started = time.perf_counter()
        _execute(path, target, own, progress_bar)
        if progress:
            with lock:
                progress(f"[{number}/{total}] {path.name} done in {time.perf_counter() - started:.1f} s")
        return target

    width = max(1, min(parallel or min(os.cpu_count() or 1, MAX_PARALLEL_NOTEBOOKS), total))
    with ThreadPoolExecutor(max_workers=width, thread_name_prefix="slant-notebook") as pool:
        futures = [pool.submit(execute, number, path) for number, path in enumerate(notebooks, 1)]
        failure = None
        for future in futures:  # the first failing notebook in suite order is the one reported
            if future.cancelled():
                continue
            try:
                future.result()
            except SlantError as exc:
                failure = failure or exc
                for later in futures:
                    later.cancel()
    if failure is not None:
        raise failure
    executed = [run_dir / "notebooks" / path.name for path in notebooks]
    write_failures(Path(common["results"]), run_dir / "tables" / FAILURES_TABLE)
    report = run_dir / "report.html"
    facts, notes = run_facts(Path(common["results"]))
    write_atomically(report, build_report(executed, corpus=corpus, run_dir=run_dir, notes=notes,
                                          facts=facts).encode("utf-8"))
    files = sorted(p for p in run_dir.rglob("*") if p.is_file())
    return RunResult(run_dir, report, executed, time.perf_counter() - began, files, notes, read.summary())


FAILURES_TABLE = "failures.csv"
FAILURES_TABLE_COLUMNS = ["article_id", "source", "path", "stage", "error", "reason"]


def write_failures(results: Path, target: Path) -> int:
    """The run's failures (inputs skipped, articles whose analysis failed) as a CSV table; none: no file.

    Returns the number of rows written.
    """
    from .scale import load_failures

    failures = load_failures(results)
    if failures.empty:
        return 0
    data = failures[FAILURES_TABLE_COLUMNS].to_csv(index=False, lineterminator="\n").encode("utf-8")
    write_atomically(target, data)
    return len(failures)


EMBEDDED_FIGURE = re.compile(r'(<figure class="slant-figure" id="fig-(?P<name>[^"]+)"><img src=")data:image/png;base64,[^"]*(")')
REPORT_SKIP = "report-skip"  # a code cell tagged so shows its output in the notebook only (e.g. the live explorer)
NOTEBOOK_ONLY = "notebook-only"  # … and the markdown that introduces it is left out of the report too


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


def _linked_figures(fragment: str, run_dir: Path) -> str:
    """Embedded chart images replaced by their PNG in figures/ when it was saved (keeps the page small)."""
    def link(match):
        name = match.group("name")
        if (run_dir / "figures" / f"{html.unescape(name)}.png").is_file():
            return f"{match.group(1)}figures/{name}.png{match.group(3)}"
        return match.group(0)

    return EMBEDDED_FIGURE.sub(link, fragment)


def notebook_section(path: Path, run_dir: Path) -> tuple[str, str]:
    """(title, HTML) of one executed notebook: markdown and outputs in order, no code.

    A section whose output says it has no data for this corpus
    (`publish.empty_section`) is left out with the markdown that introduces it.
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from .publish import EMPTY_MARK

    nb = nbformat.read(str(path), as_version=4)
    parts, pending = [], []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            source = cell.source.replace("\n# ", "\n## ", 1) if not cell.source.startswith("# ") else "## " + cell.source[2:]
            pending.append(markdown2html_mistune(source))
            continue
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        outputs = [] if REPORT_SKIP in tags or NOTEBOOK_ONLY in tags else [
            _output_html(output) for output in cell.get("outputs", [])]
        outputs = [o for o in outputs if o]
        if NOTEBOOK_ONLY in tags or (outputs and all(EMPTY_MARK in o for o in outputs)):
            title = pending[:1] if not parts else []  # the notebook's own title stays, a section's heading goes
            parts += title
            pending = []
            continue
        parts += pending + [_linked_figures(o, run_dir) for o in outputs]
        pending = []
    parts += pending
    return _title(nb), "".join(parts)


def run_facts(results: Path) -> tuple[str, list[str]]:
    """(what was analysed, in one line; notes on how the run read its inputs) from a results folder."""
    from .event_labels import events_note
    from .scale.store import read_articles, read_events, read_manifest

    manifest = read_manifest(results) or {}
    articles = read_articles(results, ["id", "source"])
    events, _ = read_events(results)
    n_sources = articles["source"].nunique()
    facts = (f"{len(articles):,} article{'s' if len(articles) != 1 else ''} from {n_sources} source"
             f"{'s' if n_sources != 1 else ''}")
    notes = [f"Events: {events_note(events)}."] if events is not None else []
    failures = int(manifest.get("failures") or 0)
    if failures:
        notes.append(f"{failures:,} input{'s' if failures != 1 else ''} could not be analysed and "
                     f"{'are' if failures != 1 else 'is'} listed in tables/failures.csv.")
    return facts, notes + list(manifest.get("notes", []))


def build_report(executed: list[Path], *, corpus: Path, run_dir: Path, notes: list[str] | None = None,
                 facts: str = "") -> str:
    """One HTML page from executed notebooks: markdown and outputs in suite order, no code, figures linked."""
    from markupsafe import Markup

    from .pages import ARTICLES_DIR, EVENTS_DIR
    from .render import render, site_css

    sections = []
    for path in executed:
        title, body = notebook_section(path, run_dir)
        sections.append({"anchor": f"section-{path.stem}", "title": title, "html": Markup(body)})
    nav = [(label, f"{folder}/index.html") for label, folder in (("all events", EVENTS_DIR), ("all articles", ARTICLES_DIR))
           if (run_dir / folder / "index.html").is_file()]
    from .highlight import CSS

    return render("report.html.j2", page_title=f"slant report — {corpus.name}", css=site_css(),
                  highlight_css=Markup(CSS), nav=nav, version=__version__, created=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                  corpus_name=corpus.name, run_name=run_dir.name, facts=facts or f"Corpus: {corpus}",
                  notes=notes or [], sections=sections)
