#!/usr/bin/env python3
"""Set up slant's environment and run its jobs, with nothing but Python 3.11 and pip.

    python3 tasks.py report   # set up, then the full report on seeds/ -> outputs/<run>/report.html
    python3 tasks.py test     # set up, then the whole test suite
    python3 tasks.py lab      # set up, then JupyterLab on notebooks/, opening the explorer (07_explore)
    python3 tasks.py setup    # only set up (.venv with pinned requirements, slant, offline data)

The environment is rebuilt when requirements.txt or pyproject.toml change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".slant-installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(*command: str | Path) -> None:
    print("+", " ".join(map(str, command)), flush=True)
    subprocess.run([str(c) for c in command], cwd=ROOT, check=True)


def setup() -> None:
    """Create .venv and install the pinned requirements and slant, unless already done."""
    if STAMP.is_file() and STAMP.read_text().strip() == _fingerprint():
        return
    if not (BIN / "python").exists():
        print(f"Creating the environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = (BIN / "python", "-m", "pip", "--disable-pip-version-check")
    _run(*pip, "install", "--quiet", "-r", ROOT / "requirements.txt")
    _run(*pip, "install", "--quiet", "--no-deps", "-e", ROOT)
    _run(BIN / "slant", "provision")
    STAMP.write_text(_fingerprint())


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
