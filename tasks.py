#!/usr/bin/env python3
"""Set up slant's environment and run its jobs, with nothing but Python 3.11 and pip.

    python3 tasks.py report   # set up, then the full report on seeds/ -> outputs/<run>/report.html
    python3 tasks.py test     # set up, then the whole test suite
    python3 tasks.py lab      # set up, then JupyterLab on notebooks/, opening the explorer (07_explore)
    python3 tasks.py setup    # only set up (.venv with pinned requirements, slant, offline data)

The environment is rebuilt when requirements.txt, pyproject.toml or setup.py change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".slant-installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml", "setup.py"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(*command: str | Path) -> None:
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True)


def _step(message: str) -> None:
    """One line per setup step, saying what it does (pip itself runs quietly: minutes without a word otherwise)."""
    print(f"setup: {message}", flush=True)


def _quiet(*command: str | Path) -> None:
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def pinned_packages() -> int:
    """How many packages requirements.txt pins (its lines that are not comments)."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line.strip() and not line.lstrip().startswith("#"))


def setup() -> None:
    """Create .venv and install the pinned requirements and slant, unless already done."""
    if STAMP.is_file() and STAMP.read_text().strip() == _fingerprint():
        return
    began = time.monotonic()
    if not (BIN / "python").exists():
        _step(f"creating the environment in {VENV} …")
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = (BIN / "python", "-m", "pip", "--disable-pip-version-check")
    _step(f"installing {pinned_packages()} packages pinned in requirements.txt (a few minutes the first time) …")
    _quiet(*pip, "install", "--quiet", "-r", ROOT / "requirements.txt")
    _step("installing slant itself from lib/ …")
    _quiet(*pip, "install", "--quiet", "--no-deps", "-e", ROOT)
    _step("preparing offline data (the CMU Pronouncing Dictionary for readability) …")
    _quiet(BIN / "slant", "provision")
    STAMP.write_text(_fingerprint())
    _step(f"ready in {time.monotonic() - began:.0f} s")


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if task in ("help", "-h", "--help"):
        print(__doc__)
        return 0
    if task not in ("setup", "report", "test", "lab"):
        print(f"tasks.py: unknown task {task!r}; one of: setup, report, test, lab", file=sys.stderr)
        return 2
    try:
        setup()
        if task == "report":
            _run(BIN / "slant", "report", "--corpus", "seeds", "--sources", "seeds/sources.csv", "--out", "outputs", *rest)
        elif task == "test":
            _run(BIN / "python", "-m", "pytest", *rest)
        elif task == "lab":
            _run(BIN / "jupyter", "lab", "--notebook-dir", ROOT / "notebooks", "07_explore.ipynb", *rest)
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
