"""Every bad input gets a one-line error naming the file; odd but valid inputs are read, offsets intact.

CLI cases run ``slant`` in a subprocess: exit status 2, one line on standard
error, no traceback.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from slant.corpus import MAX_ARTICLE_BYTES, load_corpus, read_sources
from slant.errors import SlantError
from slant.pipeline import Config, analyze_article

SLANT = Path(sys.executable).parent / "slant"
ARTICLE = "Kyiv asked its allies for air defence on Monday. “We need help,” President Zelensky said.\n"


@pytest.fixture(scope="module")
def config():
    return Config.load()


def run_slant(*args, timeout=300):
    return subprocess.run([str(SLANT), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(done, *fragments):
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("slant: error: ")
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def assert_offsets(text: str, rows: dict) -> None:
    for table in ("sentences", "terms", "mentions", "embeds"):
        for row in rows[table]:
            assert 0 <= row["start"] <= row["end"] <= len(text)
            assert text[row["start"]:row["end"]] == row["text"], (table, row)
    for row in rows["attributions"]:
        for part in ("cue", "source", "content"):
            start = row.get(f"{part}_start")
            if start is not None and start == start:
                assert 0 <= int(start) <= int(row[f"{part}_end"]) <= len(text)


# --- files that are not articles --------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\t \r\n ", "the file is empty (only whitespace)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "looks like a binary file (a PNG image)"),
    ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "looks like a binary file (a JPEG image)"),
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a binary file (a PDF document)"),
    ("controls.txt", bytes(range(1, 9)) * 20, "looks like a binary file (control characters)"),
    ("wide.txt", "Kyiv said it would.".encode("utf-16-le"), "without a byte-order mark; give --encoding utf-16-le"),
    ("latin.txt", "Café au lait in Zürich.".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
    ("smart.txt", "“Kyiv” – it’s said.".encode("cp1252"), "give --encoding cp1252"),
])
def test_files_that_are_not_utf8_articles_are_one_line_errors(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(SlantError, match=message.replace("(", r"\(").replace(")", r"\)")) as error:
        load_corpus(tmp_path)
    assert name in str(error.value) and "\n" not in str(error.value)
    done = run_slant("analyze", tmp_path / name)
    assert_one_line_error(done, name, message)


def test_a_file_of_only_a_headline_is_one_sentence_article(tmp_path, config):
    (tmp_path / "headline.txt").write_text("Kyiv begs NATO for more air defence", encoding="utf-8")
    articles = load_corpus(tmp_path)
    rows = analyze_article("h", articles["text"].iloc[0], config)
    assert [(s["start"], s["end"]) for s in rows["sentences"]] == [(0, 35)]
    assert rows["summary"][0]["n_words"] == 7
    assert_offsets(articles["text"].iloc[0], rows)
    done = run_slant("analyze", tmp_path / "headline.txt", "--format", "csv")
    assert done.returncode == 0, done.stderr


# --- encodings and newlines -------------------------------------------------------------------------------

ENCODED = "“Kyiv’s” defence – café, naïve.\nSecond paragraph said: “Yes.”\n"


@pytest.mark.parametrize("data, encoding", [
    (b"\xef\xbb\xbf" + ENCODED.encode("utf-8"), None),
    (ENCODED.encode("utf-16"), None),                       # BOM + UTF-16-LE
    (b"\xfe\xff" + ENCODED.encode("utf-16-be"), None),
    (ENCODED.encode("utf-32"), None),
    (ENCODED.encode("cp1252"), "cp1252"),
    (ENCODED.encode("cp1252"), "auto"),
    (ENCODED.replace("“", '"').replace("”", '"').replace("’", "'").replace("–", "-").encode("latin-1"), "latin-1"),
    (ENCODED.replace("\n", "\r\n").encode("utf-8"), None),
    (ENCODED.replace("\n", "\r").encode("utf-8"), None),
    (ENCODED.encode("utf-16-le"), "utf-16-le"),
])
def test_encodings_are_detected_or_declared_and_offsets_hold_on_the_decoded_text(tmp_path, config, data, encoding):
    (tmp_path / "a.txt").write_bytes(data)
    text = load_corpus(tmp_path, encoding=encoding)["text"].iloc[0]
    expected = ENCODED if encoding != "latin-1" else ENCODED.replace("“", '"').replace("”", '"').replace(
        "’", "'").replace("–", "-")
    assert text == expected
    rows = analyze_article("a", text, config)
    assert len(rows["sentences"]) >= 2
    assert_offsets(text, rows)
    if encoding == "cp1252":
        done = run_slant("analyze", tmp_path / "a.txt", "--encoding", encoding)
        assert done.returncode == 0, done.stderr


def test_unknown_encoding_and_wrong_declared_encoding_are_one_line_errors(tmp_path):
    (tmp_path / "a.txt").write_bytes("café".encode("latin-1"))
    assert_one_line_error(run_slant("analyze", tmp_path / "a.txt", "--encoding", "klingon"),
                          "a.txt", "unknown encoding 'klingon'")
    assert_one_line_error(run_slant("analyze", tmp_path / "a.txt", "--encoding", "utf-8"),
                          "a.txt", "not utf-8 text (byte 0xe9 at offset 3)")


def test_jsonl_and_csv_keep_line_separator_characters_inside_texts(tmp_path):
    import json

    body = "First part\u2028still the same line\x85and this. Kyiv said so."
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": body, "source": "S"}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    assert load_corpus(tmp_path / "c.jsonl")["text"].iloc[0] == body
    (tmp_path / "c.csv").write_text(f'text,source\n"{body}\nsecond line",S\n', encoding="utf-8")
    assert load_corpus(tmp_path / "c.csv")["text"].iloc[0] == body + "\nsecond line"


def test_duplicate_ids_in_a_jsonl_corpus_name_both_lines(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"id": "x", "text": "A.", "source": "S"}\n\n'
                                      '{"id": "x", "text": "B.", "source": "S"}\n', encoding="utf-8")
    assert_one_line_error(run_slant("analyze", tmp_path / "c.jsonl"), "c.jsonl: line 3: id 'x' is used twice (first on line 1)")


@pytest.mark.parametrize("value, shown", [("5", "int 5"), ("[\"Kyiv\"]", "list ['Kyiv']"), ("true", "bool True"),
                                          ("{\"body\": \"x\"}", "dict {'body': 'x'}")])
def test_a_jsonl_text_that_is_not_a_string_is_one_line_naming_file_line_and_field(tmp_path, value, shown):
    (tmp_path / "c.jsonl").write_text('{"text": "Kyiv asked.", "source": "S"}\n'
                                      f'{{"text": {value}, "source": "S"}}\n', encoding="utf-8")
    line = assert_one_line_error(run_slant("analyze", tmp_path / "c.jsonl"))
    assert line == f"slant: error: {tmp_path / 'c.jsonl'}: line 2: field 'text' must be a string (got {shown})"


@pytest.mark.parametrize("field, value, shown", [
    ("source", '["A", "B"]', "list ['A', 'B']"), ("id", "true", "bool True"), ("title", '{"t": 1}', "dict {'t': 1}"),
])
def test_a_jsonl_field_that_is_no_text_or_number_is_a_one_line_error(tmp_path, field, value, shown):
    row = {"text": '"Kyiv asked."', "source": '"S"', field: value}
    (tmp_path / "c.jsonl").write_text("{" + ", ".join(f'"{k}": {v}' for k, v in row.items()) + "}\n", encoding="utf-8")
    line = assert_one_line_error(run_slant("analyze", tmp_path / "c.jsonl"))
    assert line == f"slant: error: {tmp_path / 'c.jsonl'}: line 1: field '{field}' must be text or a number (got {shown})"


def test_a_jsonl_id_may_be_a_number(tmp_path):
    from slant.corpus import load_corpus

    (tmp_path / "c.jsonl").write_text('{"text": "Kyiv asked.", "source": "S", "id": 7, "date": 2024}\n', encoding="utf-8")
    assert list(load_corpus(tmp_path / "c.jsonl")["id"]) == ["7"]


def test_a_streamed_jsonl_text_that_is_not_a_string_is_a_failure_row(tmp_path):
    from slant.scale import iter_articles

    (tmp_path / "c.jsonl").write_text('{"text": "Kyiv asked.", "source": "S"}\n{"text": 5, "source": "S"}\n',
                                      encoding="utf-8")
    batches = list(iter_articles(tmp_path / "c.jsonl"))
    assert list(pd.concat([b.articles for b in batches])["text"]) == ["Kyiv asked."]
    failure = pd.concat([b.failures for b in batches]).iloc[0]
    assert (failure.stage, failure.reason) == ("read", f"{tmp_path / 'c.jsonl'}: line 2: field 'text' must be a "
                                                       "string (got int 5)")


def test_two_files_with_the_same_id_are_named(tmp_path):
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Two.", encoding="utf-8")
    assert_one_line_error(run_slant("analyze", tmp_path), "a.txt: article id 'a' is already used by", "a.md")


# --- HTML -------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kyiv asks for air defence</title>
<style>p { color: red } .secret { content: "STYLE-TEXT" }</style>
<script>document.title = "SCRIPT-RAN"; var secret = "SCRIPT-TEXT";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Kyiv asks for air defence</h1>
<p>Kyiv asked its allies for air defence on Monday, as Russian strikes hit energy sites across the country.</p>
<p>“We need more systems,” President Volodymyr Zelensky said in his nightly address, thanking NATO partners.</p>
<p>An article may quote markup: &lt;script&gt;alert(1)&lt;/script&gt; stays text.</p>
<script>alert("inline")</script><noscript>NOSCRIPT-TEXT</noscript></article>
<footer>Copyright 2024</footer></body></html>"""


def test_html_article_text_is_extracted_without_scripts_or_styles(tmp_path, config):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    articles = load_corpus(tmp_path)
    text = articles["text"].iloc[0]
    assert "Kyiv asked its allies for air defence on Monday" in text
    assert "“We need more systems,” President Volodymyr Zelensky said" in text
    assert "<script>alert(1)</script> stays text" in text  # the article's own words, as text
    for dropped in ("SCRIPT-RAN", "SCRIPT-TEXT", "STYLE-TEXT", "alert(\"inline\")", "Copyright", "color: red"):
        assert dropped not in text
    assert articles["title"].iloc[0] == "Kyiv asks for air defence"
    rows = analyze_article("p", text, config)
    assert any(a["speaker"] == "Volodymyr Zelensky" for a in rows["attributions"])
    assert_offsets(text, rows)


def test_html_in_windows_1252_declared_by_its_meta_tag_is_decoded(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("Monday", "Monday – café")
    (tmp_path / "page.htm").write_bytes(page.encode("cp1252"))
    assert "Monday – café" in load_corpus(tmp_path)["text"].iloc[0]


@pytest.mark.parametrize("content, message", [
    ("<html><head><script>alert(1)</script></head><body></body></html>", "no article text found"),
    ("", "the file is empty"),
])
def test_html_without_article_text_is_a_one_line_error(tmp_path, content, message):
    (tmp_path / "page.html").write_text(content, encoding="utf-8")
    assert_one_line_error(run_slant("analyze", tmp_path / "page.html"), "page.html", message)


def test_sources_title_wins_over_the_page_title(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,source,title\npage.html,Outlet,My title\n", encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert list(articles[["source", "title"]].iloc[0]) == ["Outlet", "My title"]


# --- very large inputs ------------------------------------------------------------------------------------

def test_a_50_mb_article_is_refused_at_once_with_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as out:
        chunk = ("Kyiv asked its allies for help. " * 1000).encode()
        for _ in range(50_000_000 // len(chunk) + 1):
            out.write(chunk)
    began = time.perf_counter()
    done = run_slant("analyze", big)
    assert_one_line_error(done, "big.txt", "MB is too large for one article (limit 5 MB)")
    assert time.perf_counter() - began < 30
    assert big.stat().st_size > 50_000_000  # the input is untouched


def test_a_long_article_under_the_limit_is_analysed_with_offsets_intact(config):
    from helpers import SEED_000, seed_text

    text = "\n".join([seed_text(SEED_000).strip()] * 100) + "\n"  # ~400 KB, one paragraph per line as in the seed
    assert 300_000 < len(text.encode()) < MAX_ARTICLE_BYTES
    rows = analyze_article("long", text, config)
    assert len(rows["sentences"]) == 100 * 15
    assert_offsets(text, rows)


def test_a_200000_character_sentence_without_punctuation_is_one_sentence(config):
    words = "the war in Ukraine drags on while Moscow and Kyiv trade strikes across the front line and NATO watches "
    text = (words * (200_000 // len(words) + 1))[:200_000].rstrip()
    from slant import segment, lexicon

    began = time.perf_counter()
    sentences = segment.sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(0, len(text))]
    mentions = config.actors.mentions(text)
    terms = lexicon.find_loaded_terms(text, sentences, config.lexicon, mentions, segment.quotations(text))
    assert all(text[t["start"]:t["end"]] == t["text"] for t in terms)
    assert len(mentions) > 1000
    assert time.perf_counter() - began < 60


def test_sentiment_of_one_long_sentence_grows_linearly():
    from slant import segment, sentiment

    def seconds(n):
        text = ("war crimes regime in Moscow " * n).strip()
        began = time.perf_counter()
        sentiment.score_sentences(text, segment.sentences(text))
        return time.perf_counter() - began

    seconds(10)
    assert seconds(2400) / seconds(600) < 6  # 4x the text: ~4x the time if linear, ~16x if quadratic


def test_attribution_of_one_sentence_with_many_cues_grows_linearly():
    from slant import attribution, segment
    from slant.actors import load_actors

    actors = load_actors()

    def seconds(n):
        text = ("Putin said Kyiv " * n).strip()
        began = time.perf_counter()
        attribution.find_attributions(text, segment.sentences(text), actors)
        return time.perf_counter() - began

    seconds(5)
    assert seconds(400) / seconds(100) < 6


def test_ten_thousand_files_in_one_folder_load_with_their_sources(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    rows = ["file,source"]
    for i in range(10_000):
        (folder / f"a{i:05d}.txt").write_text(f"Article {i} says Kyiv asked for help.\n", encoding="utf-8")
        rows.append(f"a{i:05d}.txt,Outlet {i % 7}")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    began = time.perf_counter()
    articles = load_corpus(folder)
    assert len(articles) == 10_000 and articles["id"].is_unique
    assert articles["source"].nunique() == 7
    assert time.perf_counter() - began < 30
