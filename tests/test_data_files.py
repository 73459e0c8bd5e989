"""Every packaged data file: a citable header, word lists of words (YAML reads a bare no/on/yes as a boolean), no repeats."""

from __future__ import annotations

from pathlib import Path

import pytest

from slant.data_files import HEADER_KEYS, load_data_file, packaged_path

DATA_FILES = sorted(Path(packaged_path(".")).rglob("*.yaml"))


def _lists(value, where=()):
    """Every list in a YAML document, with the keys that lead to it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _lists(item, (*where, str(key)))
    elif isinstance(value, list):
        yield "/".join(where), value
        for index, item in enumerate(value):
            yield from _lists(item, (*where, str(index)))


def test_the_package_ships_its_data_files():
    names = {path.name for path in DATA_FILES}
    assert {"reporting_verbs.yaml", "speaker_titles.yaml", "segmentation.yaml", "irregular_verbs.yaml",
            "characterising.yaml", "doubt.yaml", "default.yaml"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_file_lists_hold_words_each_once(path):
    data = load_data_file(path)
    assert all(data[key] for key in HEADER_KEYS)
    for where, items in _lists(data):
        scalars = [item for item in items if not isinstance(item, (dict, list))]
        not_text = [item for item in scalars if not isinstance(item, str)]
        assert not not_text, f"{path.name} {where}: {not_text} read as non-text (quote it in the YAML)"
        repeated = sorted({item for item in scalars if scalars.count(item) > 1})
        assert not repeated, f"{path.name} {where}: listed twice: {repeated}"


def test_bare_yes_no_on_off_are_words_and_true_false_booleans(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("name: x\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\n"
                    "words: [no, on, yes, off, No]\nflag: true\nother: False\n", encoding="utf-8")
    data = load_data_file(path)
    assert data["words"] == ["no", "on", "yes", "off", "No"]
    assert data["flag"] is True and data["other"] is False
