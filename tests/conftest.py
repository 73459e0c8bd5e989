"""Shared fixtures: a no-network guard, the analysed seeds, small corpora written on the fly."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from helpers import SEEDS

LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any connection to a non-loopback address fails the test (kernels use loopback)."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and not host.startswith(LOOPBACK) and self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def seed_results():
    from slant.pipeline import analyze

    return analyze(SEEDS, SEEDS / "sources.csv")


@pytest.fixture(scope="session")
def seed_results_rules():
    """The seeds analysed with the rule extractor alone (``Config(attribution_model=False)``): a fixture whose
    attributions are the hand gold without the two the tagger adds (test_attribution's MODEL_GOLD_*), for
    tests that pin the arithmetic of the comparisons and charts on them."""
    from dataclasses import replace

    from slant.corpus import load_corpus
    from slant.pipeline import Config, analyze_corpus

    articles = load_corpus(SEEDS, SEEDS / "sources.csv")
    return analyze_corpus(articles, replace(Config.load(), attribution_model=False))


@pytest.fixture
def three_source_corpus(tmp_path) -> Path:
    """A tiny corpus of three outlets, four articles, with a sources file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    articles = {
        "a1.txt": ("Agency A", "Kyiv asked its allies for air defence on Monday. NATO chief Jens Stoltenberg said "
                   "the alliance would help. Ukraine’s army holds the line near Kharkiv."),
        "a2.txt": ("Agency A", "Officials in Kyiv said the strikes hit energy sites. “We will rebuild,” the mayor said."),
        "b1.txt": ("Daily B", "Kiev is begging the West for more weapons, as the so-called counteroffensive stalls. "
                   "Russian President Vladimir Putin warned of serious consequences."),
        "c1.txt": ("Review C", "The US-led alliance met in Prague. Some experts believe the war could drag "
                   "Europe into direct conflict with Russia. Moscow has repeatedly warned the West."),
    }
    rows = ["file,source,title,date,url,note"]
    for name, (source, text) in articles.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name},{source},Test article {name},2024-05-30,,fixture")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder
