"""PTC loader and scorer, on tiny invented fixtures in the Propaganda Techniques Corpus' published layout."""

import pytest

from slant.errors import SlantError
from slant.validate import ptc
from slant.validate.scoring import PRF

TEXT_1 = "The corrupt elite wants war.\nVoters said they fear it."
TEXT_2 = "The vile thugs marched."


def write(root, article_id, text, lines, *, bom=False):
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "labels").mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"article{article_id}.txt").write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    (root / "labels" / f"article{article_id}.task2-TC.labels").write_text(
        "".join(f"{article_id}\t{t}\t{s}\t{e}\n" for t, s, e in lines), encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    # article 1 has a byte-order mark: its offsets count it (as the released files do)
    write(tmp_path, "1", TEXT_1, [("Loaded_Language", 5, 12), ("Name_Calling,Labeling", 13, 18),
                                  ("Appeal_to_fear-prejudice", 47, 54), ("Loaded_Language", 5, 12)], bom=True)
    write(tmp_path, "2", TEXT_2, [("Name_Calling,Labeling", 4, 14)])
    (tmp_path / "articles" / "article3.txt").write_text("No labels file: skipped.", encoding="utf-8")
    return tmp_path


def test_loader_drops_the_byte_order_mark_shifts_offsets_and_drops_repeated_lines(folder):
    articles = ptc.load_ptc(folder)
    assert [a.id for a in articles] == ["1", "2"]
    first = articles[0]
    assert first.text == TEXT_1
    assert [(s.technique, first.text[s.start:s.end]) for s in first.spans] == [
        ("Loaded_Language", "corrupt"), ("Name_Calling,Labeling", "elite"), ("Appeal_to_fear-prejudice", "fear it")]
    assert [first.text[s:e] for s, e in first.loaded()] == ["corrupt", "elite"]
    assert [articles[1].text[s:e] for s, e in articles[1].loaded()] == ["vile thugs"]


def test_scores_tokens_span_recall_and_span_precision_against_any_technique(folder):
    articles = ptc.load_ptc(folder)
    predicted = {TEXT_1: [(4, 11), (18, 23), (46, 50)], TEXT_2: [(9, 14)]}
    assert [TEXT_1[s:e] for s, e in predicted[TEXT_1]] == ["corrupt", "wants", "fear"]
    result = ptc.score(articles, predicted.__getitem__)
    # tokens: corrupt right, elite missed, wants wrong, fear wrong (not a loaded technique); thugs right, vile missed
    assert result["token"] == PRF(tp=2, fp=2, fn=2)
    # gold loaded spans: corrupt (found), elite (missed), vile thugs (found)
    assert (result["gold_found"], result["gold_spans"]) == (2, 3)
    # predicted spans in any technique: corrupt, fear (appeal to fear), thugs; wants is in none
    assert (result["predicted_in_any"], result["predicted_spans"]) == (3, 4)
    row = ptc.results_table({"stub": result}).iloc[0]
    assert list(row.index) == ptc.PTC_COLUMNS
    assert (row["token_f1"], row["span_recall"], row["span_precision"]) == (0.5, 2 / 3, 0.75)


def test_a_predictor_finding_nothing_scores_zero_not_an_error(folder):
    row = ptc.results_table({"none": ptc.score(ptc.load_ptc(folder), lambda text: [])}).iloc[0]
    assert (row["token_f1"], row["span_recall"], row["span_precision"], row["predicted_spans"]) == (0.0, 0.0, 0.0, 0)


@pytest.mark.parametrize("line, message", [
    ("1\tLoaded_Language\t5\n", "expected '<id> <technique> <start> <end>'"),
    ("9\tLoaded_Language\t5\t12\n", "article id '9' is not the file's '1'"),
    ("1\tLoaded_Language\t5\t999\n", "outside the text"),
])
def test_malformed_labels_are_one_line_errors(tmp_path, line, message):
    write(tmp_path, "1", TEXT_1, [])
    (tmp_path / "labels" / "article1.task2-TC.labels").write_text(line, encoding="utf-8")
    with pytest.raises(SlantError, match=message):
        ptc.load_ptc(tmp_path)


def test_a_folder_without_the_layout_or_without_labels_is_an_error(tmp_path):
    with pytest.raises(SlantError, match="not a PTC folder"):
        ptc.load_ptc(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "articles" / "article1.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(SlantError, match="no article<ID>.txt with a labels"):
        ptc.load_ptc(tmp_path)
