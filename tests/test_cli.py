import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from slant.cli import main
from helpers import SEED_000, SEED_002, SEEDS, seed_text
from test_pipeline import validate_record

SLANT = Path(sys.executable).parent / "slant"


def test_analyze_jsonl_follows_the_contract(tmp_path):
    out = tmp_path / "seeds.jsonl"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [SEED_000, SEED_002]
    assert [r["source"] for r in records] == ["Outlet 000", "Outlet 002"]  # the folder's sources.csv
    for record in records:
        validate_record(record, seed_text(record["id"]))


def test_analyze_csv_has_one_row_per_article_to_stdout():
    result = CliRunner().invoke(main, ["analyze", str(SEEDS / f"{SEED_000}.txt"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1 and rows[0]["id"] == SEED_000
    assert int(rows[0]["n_sentences"]) == 15
    from slant import segment
    from slant.pipeline import own_voice_text
    from slant.readability import readability_scores

    text = seed_text(SEED_000)  # the same score as the formula on the article without its embedded posts
    own = own_voice_text(text, segment.embedded_posts(text))
    assert float(rows[0]["flesch_reading_ease"]) == pytest.approx(readability_scores(own)["flesch_reading_ease"])


def run_slant(*args):
    return subprocess.run([str(SLANT), *map(str, args)], capture_output=True, text=True, timeout=300)


def test_missing_corpus_folder_is_one_line_and_exit_status_2(tmp_path):
    for command in (["analyze", tmp_path / "nope"], ["report", "--corpus", tmp_path / "nope", "--out", tmp_path]):
        done = run_slant(*command)
        assert done.returncode == 2, done
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "nope" in lines[0] and "Traceback" not in done.stderr
    assert not any(tmp_path.iterdir())


def test_unknown_notebook_parameter_is_refused_before_running(tmp_path):
    done = run_slant("report", "--corpus", SEEDS, "--out", tmp_path, "-p", "colour", "red")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("slant: error: -p colour: no notebook declares this parameter")
    assert not any(tmp_path.iterdir())


def test_bad_format_is_a_usage_error_with_status_2():
    done = run_slant("analyze", SEEDS, "--format", "xml")
    assert done.returncode == 2 and "xml" in done.stderr
