"""The one call at the top of every notebook: check parameters, analyse, prepare publishing.

Notebooks pass their papermill parameters here unchanged; a wrong type or a
missing path is a `SlantError` naming the parameter, raised before any work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compare import category_labels
from .errors import SlantError
from .pipeline import Config, Results, analyze_corpus
from .corpus import load_corpus
from .publish import FORMATS, Publisher


@dataclass(frozen=True)
class Session:
    """What a notebook works with: the results, the configuration, where to publish."""

    results: Results
    config: Config
    publish: Publisher
    labels: dict[str, str]


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


def start(corpus, sources="", lexicon="", actors="", output_dir="", figure_formats="png,svg") -> Session:
    """Validate the notebook parameters, load and analyse the corpus, return a `Session`."""
    corpus = _existing("corpus", _text("corpus", corpus))
    if not corpus:
        raise SlantError("parameter corpus: give a folder of articles or a .jsonl/.csv corpus")
    sources = _existing("sources", _text("sources", sources))
    lexicon = _existing("lexicon", _text("lexicon", lexicon))
    actors = _text("actors", actors)
    actors = actors if actors.lower() == "auto" else _existing("actors", actors)
    formats = figure_formats.split(",") if isinstance(figure_formats, str) else figure_formats
    if not isinstance(formats, (list, tuple)) or any(str(f).strip().lower() not in FORMATS for f in formats):
        raise SlantError(f"parameter figure_formats: expected a comma-separated subset of {', '.join(FORMATS)}, "
                         f"got {figure_formats!r}")
    articles = load_corpus([p for p in corpus.split(",") if p.strip()], sources or None)
    config = Config.load([p for p in lexicon.split(",") if p.strip()], actors or None, list(articles["text"]))
    results = analyze_corpus(articles, config)
    return Session(results, config, Publisher(_text("output_dir", output_dir) or None, formats),
                   category_labels(config.lexicon))
