"""Paths and readers shared by the tests (importable: tests/ is on pytest's pythonpath)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_000 = "000_8c138e10b898806c"
SEED_002 = "002_fa8e0cc7bfd301de"


def seed_text(article_id: str) -> str:
    return (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
