"""Loading slant's versioned data files (YAML) from the package or a user path.

Every data file opens with `name`, `version`, `description`, `sources` and
`licence`; `load_data_file` checks that header so that a user's file that lacks
it fails with a one-line error naming the file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import SlantError

HEADER_KEYS = ("name", "version", "description", "sources", "licence")
BOOL_TAG = "tag:yaml.org,2002:bool"


class WordsLoader(yaml.SafeLoader):
    """YAML's safe loader with YAML 1.2 booleans: only true/false are booleans.

    YAML 1.1 also reads bare yes/no/on/off as booleans, which turns the words
    "no" and "on" of a word list into False and True. Data files are word
    lists, so those stay words here.
    """


WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
WordsLoader.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def packaged_path(relative: str) -> Path:
    """Path of a data file shipped inside the package (``slant/data/...``)."""
    return Path(str(resources.files("slant") / "data" / relative))


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float) -> dict[str, Any]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SlantError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise SlantError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        data = yaml.load(text, Loader=WordsLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "somewhere"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SlantError(f"{path}: invalid YAML at {where}: {problem}") from None
    if not isinstance(data, dict):
        raise SlantError(f"{path}: expected a YAML mapping with keys {', '.join(HEADER_KEYS)}")
    missing = [key for key in HEADER_KEYS if key not in data]
    if missing:
        raise SlantError(f"{path}: missing header key(s) {', '.join(missing)}")
    return data


def load_data_file(path: str | Path) -> dict[str, Any]:
    """Read one YAML data file, checking its header; cached until the file changes."""
    path = Path(path)
    if not path.is_file():
        raise SlantError(f"{path}: file not found")
    return _load_cached(str(path), path.stat().st_mtime)
