import json

import pytest

from slant.corpus import ARTICLE_COLUMNS, load_corpus
from slant.errors import SlantError
from helpers import SEED_000, SEED_002, SEEDS


def test_seeds_folder_loads_two_articles_with_sources_file_metadata():
    articles = load_corpus(SEEDS, SEEDS / "sources.csv")
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert list(articles["id"]) == [SEED_000, SEED_002]
    assert list(articles["source"]) == ["Outlet 000", "Outlet 002"]
    assert list(articles["date"]) == ["2024-05-30", "2024-05-30"]
    assert "not named in the text" in articles["note"].iloc[0]


def test_seed_text_is_the_file_byte_for_byte():
    articles = load_corpus(SEEDS)
    assert articles["text"].iloc[0] == (SEEDS / f"{SEED_000}.txt").read_bytes().decode("utf-8")


def test_folder_without_sources_file_uses_subfolder_names_as_sources(tmp_path):
    for outlet in ("alpha", "beta"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "one.txt").write_text(f"{outlet} wrote this.", encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert list(articles["source"]) == ["alpha", "beta"]
    assert list(articles["id"]) == ["alpha__one", "beta__one"]


def test_jsonl_and_csv_corpora_need_text_and_source(tmp_path):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(json.dumps({"text": "A text.", "source": "S1", "id": "x1"}) + "\n"
                     + json.dumps({"text": "B text.", "source": "S2"}) + "\n", encoding="utf-8")
    articles = load_corpus(jsonl)
    assert list(articles["id"]) == ["x1", "c_000001"]
    assert list(articles["source"]) == ["S1", "S2"]
    table = tmp_path / "c.csv"
    table.write_text("text,source,title\n\"Hello, world.\",S1,T\n", encoding="utf-8")
    assert load_corpus(table)["title"].iloc[0] == "T"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "no source"}) + "\n", encoding="utf-8")
    with pytest.raises(SlantError, match=r"bad.jsonl: line 1 has no 'source'"):
        load_corpus(bad)


def test_utf8_bom_and_crlf_are_normalised(tmp_path):
    (tmp_path / "a.txt").write_bytes("\ufeffKyiv said.\r\nSecond line.\r".encode("utf-8"))
    assert load_corpus(tmp_path)["text"].iloc[0] == "Kyiv said.\nSecond line.\n"


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"  \n\t ", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
    ("caf\u00e9".encode("latin-1"), "not UTF-8 text"),
])
def test_bad_article_files_give_one_line_errors_naming_the_file(tmp_path, content, message):
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(SlantError, match=message) as error:
        load_corpus(tmp_path)
    assert "bad.txt" in str(error.value) and "\n" not in str(error.value)


def test_missing_corpus_and_unlisted_file_are_user_errors(tmp_path):
    with pytest.raises(SlantError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,source\na.txt,S\n", encoding="utf-8")
    with pytest.raises(SlantError, match="b.txt: not listed in the sources file"):
        load_corpus(tmp_path)
    (tmp_path / "sources.csv").write_text("file,source\na.txt,S\na.txt,T\n", encoding="utf-8")
    with pytest.raises(SlantError, match="a.txt is listed twice"):
        load_corpus(tmp_path)
