"""The one call at the top of every notebook: check parameters, analyse, prepare publishing.

Notebooks pass their papermill parameters here unchanged; a wrong type or a
missing path is a `SlantError` naming the parameter, raised before any work.
Small corpora are analysed in the kernel; a large one (over SCALE_THRESHOLD
articles, or a .parquet/.jsonl.gz corpus), or any corpus when ``scheduler``
is given, runs through `slant.scale` on Dask into Parquet (under
``output_dir/parquet`` when there is an output folder, so the next notebook
of the suite finds the run complete and only loads it), with a progress bar.
``results`` names such a Parquet folder to load instead of analysing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compare import category_labels
from .errors import SlantError
from .event_labels import check_mode as check_event_mode, events_note
from .pipeline import Config, Results, analyze_corpus
from .corpus import read_corpus
from .publish import Publisher, check_figure_formats

SCALE_THRESHOLD = 2000
STREAM_ONLY = (".parquet", ".pq", ".jsonl.gz")


@dataclass(frozen=True)
class Session:
    """What a notebook works with: the results, the configuration, where to publish.

    ``notes``: what slant says about the inputs, one line each (source labels
    merged, each input skipped and how many, the actors chosen), for the
    notebook to show.
    """

    results: Results
    config: Config
    publish: Publisher
    labels: dict[str, str]
    events_note: str = ""  # how the articles' events were found, in a few words (for captions and pages)
    notes: tuple[str, ...] = ()  # what the run says about its inputs (skipped files, merged labels, actors)


def _text(name: str, value) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, Path)):
        raise SlantError(f"parameter {name}: expected a path or text, got {type(value).__name__} {value!r}")
    return str(value).strip()


def _existing(name: str, value: str) -> str:
    for part in filter(None, (p.strip() for p in value.split(","))):
        if not Path(part).exists():
            raise SlantError(f"parameter {name}: {part} does not exist")
    return value


class _ProgressDisplay:
    """Progress of a corpus run as one updating line in the notebook (plain text: renders in any front end)."""

    def __init__(self):
        from IPython import get_ipython
        from IPython.display import Pretty, display

        self.text = Pretty
        self.handle = display(Pretty("analysing …"), display_id=True) if get_ipython() is not None else None

    def __call__(self, state) -> None:
        if self.handle is None:  # not in a kernel: nowhere to draw
            return
        share = state.done / state.total if state.total else 0
        bar = "█" * int(30 * share) + "·" * (30 - int(30 * share))
        self.handle.update(self.text(f"{bar} {state.done:,}/{state.total:,} articles, {state.rate:.1f} articles/s, "
                                     f"{state.failures} failed, {state.seconds:.0f} s"))

    def finish(self, line: str) -> None:
        if self.handle is not None:
            self.handle.update(self.text(line))


def _scale_results(inputs: list[str], sources: str, lexicon: list[str], actors: str, output_dir: str,
                   scheduler: str, events: str = "auto"):
    import tempfile

    from . import scale

    folder = Path(output_dir) / "parquet" if output_dir else Path(tempfile.mkdtemp(prefix="slant-run-"))
    drawer = _ProgressDisplay()
    summary = scale.run(inputs, folder, sources=sources or None, scheduler=None if scheduler == "local" else scheduler,
                        lexicon_files=lexicon, actors_file=actors or None, progress=drawer, events=events)
    drawer.finish(summary.line())
    results = scale.load_results(folder)
    notes = _run_notes(folder)
    if not output_dir:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return results, notes


def _run_notes(folder) -> tuple[str, ...]:
    """A results folder's notes, each skipped input's line first (as `corpus.Corpus.notes` orders them)."""
    from .corpus import skip_line
    from .scale import load_failures, load_notes

    notes = load_notes(folder)
    failures = load_failures(folder)
    skipped = [skip_line(p) for p in failures[failures["stage"] == "read"].itertuples(index=False)]
    merged = [line for line in notes if line.startswith("merged source labels: ")]
    return tuple(merged + skipped + [line for line in notes if line not in merged])


def is_large(inputs: list[str]) -> bool:
    from .scale import count_articles

    return any(p.lower().endswith(STREAM_ONLY) for p in inputs) or count_articles(inputs) > SCALE_THRESHOLD


def start(corpus, sources="", lexicon="", actors="", output_dir="", figure_formats="png,svg", scheduler="",
          results="", events="auto") -> Session:
    """Validate the notebook parameters, load and analyse the corpus (or load ``results``), return a `Session`.

    ``scheduler``: "" (in the kernel for small corpora, a local Dask cluster
    for large ones), "local", or ``tcp://HOST:PORT`` of a Dask cluster.
    ``results``: a Parquet results folder of ``slant analyze --format parquet``.
    ``events``: "auto" (given event labels, else grouped) or "none" (one event); see `slant.event_labels`.
    """
    results = _existing("results", _text("results", results))
    events = check_event_mode(_text("events", events))
    scheduler = _text("scheduler", scheduler)
    if scheduler and scheduler not in ("local", "synchronous") and "://" not in scheduler:
        raise SlantError(f"parameter scheduler: expected tcp://HOST:PORT or local, got {scheduler!r}")
    corpus = _existing("corpus", _text("corpus", corpus))
    if not corpus and not results:
        raise SlantError("parameter corpus: give a folder of articles or a .jsonl/.csv corpus")
    sources = _existing("sources", _text("sources", sources))
    lexicon = _existing("lexicon", _text("lexicon", lexicon))
    actors = _text("actors", actors)
    actors = actors if actors.lower() == "auto" else _existing("actors", actors)
    formats = check_figure_formats(figure_formats, "parameter figure_formats")
    inputs = [p.strip() for p in corpus.split(",") if p.strip()]
    lexicon_files = [p for p in lexicon.split(",") if p.strip()]
    output_dir = _text("output_dir", output_dir)
    if results:
        from .scale import load_results

        analysed = load_results(results)
        config = Config.load(lexicon_files, actors or None, list(analysed.articles["text"]))
        notes = _run_notes(results)
    elif scheduler or is_large(inputs):
        analysed, notes = _scale_results(inputs, sources, lexicon_files, actors, output_dir, scheduler, events)
        config = Config.load(lexicon_files, actors or None, list(analysed.articles["text"][:5000]))
    else:
        corpus_read = read_corpus(inputs, sources or None)
        config = Config.load(lexicon_files, actors or None, list(corpus_read.articles["text"]))
        analysed = analyze_corpus(corpus_read.articles, config, events=events)
        notes = tuple(corpus_read.notes() + list(config.notes))
    return Session(analysed, config, Publisher(output_dir or None, formats), category_labels(config.lexicon),
                   events_note(analysed.events), notes)
