"""A quiet, honest console: setup says what each step does; kernels keep their housekeeping off the terminal."""

from __future__ import annotations

import importlib.util
import subprocess

import nbformat
import pytest

from helpers import ROOT
from slant.errors import SlantError


@pytest.fixture
def tasks(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("slant_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(module, "BIN", tmp_path / ".venv" / "bin")
    monkeypatch.setattr(module, "STAMP", tmp_path / "stamp")
    return module


def test_setup_prints_one_line_per_step_saying_what_it_does(tasks, monkeypatch, capsys, tmp_path):
    commands = []
    monkeypatch.setattr(tasks.venv, "EnvBuilder", lambda **kw: type("B", (), {"create": lambda self, p: None})())
    monkeypatch.setattr(tasks.subprocess, "run", lambda command, **kw: commands.append((command, kw)))
    monkeypatch.setattr(tasks.time, "monotonic", lambda: 0.0)
    tasks.setup()
    pinned = sum(1 for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                 if "==" in line and not line.startswith("#"))  # counted another way than tasks.pinned_packages
    assert capsys.readouterr().out.splitlines() == [
        f"setup: creating the environment in {tmp_path / '.venv'} …",
        f"setup: installing {pinned} packages pinned in requirements.txt (a few minutes the first time) …",
        "setup: installing slant itself from lib/ …",
        "setup: preparing offline data (the CMU Pronouncing Dictionary for readability) …",
        "setup: ready in 0 s"]
    assert [kw["stdout"] for _, kw in commands] == [subprocess.DEVNULL] * 3
    assert tasks.STAMP.read_text() == tasks._fingerprint()
    tasks.setup()  # done already: silent
    assert capsys.readouterr().out == "" and len(commands) == 3


def notebook_with(tmp_path, source: str):
    path = tmp_path / "00_probe.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


@pytest.mark.notebooks
def test_a_kernels_own_standard_error_stays_off_the_terminal(tmp_path, capfd):
    from slant.report import _execute

    path = notebook_with(tmp_path, "import os\nos.write(2, b'kernel housekeeping\\n')\nprint('cell output')")
    _execute(path, tmp_path / "out.ipynb", {}, progress_bar=False)
    assert "kernel housekeeping" not in capfd.readouterr().err
    outputs = nbformat.read(str(tmp_path / "out.ipynb"), as_version=4).cells[-1].outputs
    assert [o.get("text") for o in outputs] == ["cell output\n"]


@pytest.mark.notebooks
def test_a_dying_kernel_says_its_last_words_in_the_one_line_error(tmp_path, capfd):
    from slant.report import _execute

    path = notebook_with(tmp_path, "import os\nos.write(2, b'out of luck\\n')\nos._exit(3)")
    with pytest.raises(SlantError) as caught:
        _execute(path, tmp_path / "out.ipynb", {}, progress_bar=False)
    assert str(caught.value).startswith("00_probe.ipynb: the kernel died (")
    assert "; it said: out of luck; partial notebook kept at " in str(caught.value)
    assert "out of luck" not in capfd.readouterr().err
