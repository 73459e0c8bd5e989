"""Deterministic synthetic corpora built from real sentences, for benchmarks and tests.

Each article is 8–20 sentences (by default) drawn (with a seeded `random.Random`) from the
sentences of the given seed articles, shuffled and grouped into paragraphs of
one to three; sources are ``Outlet 01``…``Outlet NN`` in turn. The same
arguments always give the same bytes.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Iterator

from ..segment import sentences


def seed_sentences(seed_files) -> list[str]:
    """The sentences of the seed articles, in file order."""
    found = []
    for path in sorted(map(Path, seed_files)):
        text = path.read_text(encoding="utf-8")
        found += [text[s.start:s.end].strip() for s in sentences(text)]
    return [s for s in found if s]


def synthetic_articles(pool: list[str], n: int, *, n_sources: int = 20, seed: int = 0,
                       sentences_per_article: tuple[int, int] = (8, 20)) -> Iterator[dict]:
    """``n`` records (id, source, title, date, text) recombined from ``pool``."""
    rng = random.Random(seed)
    for i in range(n):
        chosen = rng.sample(pool, min(len(pool), rng.randint(*sentences_per_article)))
        paragraphs, position = [], 0
        while position < len(chosen):
            size = rng.randint(1, 3)
            paragraphs.append(" ".join(chosen[position:position + size]))
            position += size
        yield {"id": f"syn_{i:07d}", "source": f"Outlet {i % n_sources + 1:02d}", "title": chosen[0][:80],
               "date": f"2024-05-{i % 28 + 1:02d}", "text": "\n\n".join(paragraphs) + "\n"}


def write_corpus(path: str | Path, pool: list[str], n: int, *, n_sources: int = 20, seed: int = 0,
                 sentences_per_article: tuple[int, int] = (8, 20)) -> Path:
    """Write ``n`` synthetic articles as JSON lines (gzip when ``path`` ends in .gz), streaming."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        for record in synthetic_articles(pool, n, n_sources=n_sources, seed=seed,
                                         sentences_per_article=sentences_per_article):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
