"""Tests for slant.validate.polnear: brat loader on hand-written fixtures, exact scorer numbers."""

from __future__ import annotations

import math

import pytest

from slant import attribution, segment
from slant.attribution import Attribution
from slant.errors import SlantError
from slant.validate import polnear, scoring

TEXT_A = "Smith said the plan\nwould fail. It was late. Jones wants a recount, sources say."
ANN_A_FIRST = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 30\tthe plan\n"           # multi-line words field: the span crosses the line break
    "would fail\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tSource 45 50\tJones\n"
    "T6\tCue 51 56;76 79\twants say\n"         # discontinuous cue
    "T7\tContent 57 58\ta\n"
    "T8\tContent 58 66\t recount\n"
    "T9\tAttribution 51 56\twants\n"
    "E2\tAttribution:T9 Source:T5 Cue:T6 Content:T7 Content2:T8\n"
    "T10\tCue 35 38\twas\n"
    "T11\tAttribution-no-source 35 38\twas\n"
    "T12\tContent 39 43\tlate\n"
    "E3\tAttribution-no-source:T11 Cue:T10 Content:T12\n"
    "T13\tAttribution-no-source 32 34\tIt\n"
    "E4\tAttribution-no-source:T13 \n"          # no cue: an anchor only, not scored
    "# a note\n"
)
ANN_A_SECOND = "T1\tCue 0 5\tSmith\nT2\tAttribution 0 5\tSmith\nE1\tAttribution:T2 Cue:T1\n"


def write(folder, files):
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path):
    return write(tmp_path, {
        "text/a.txt": TEXT_A,
        "attributions/a_1b2c.ann": ANN_A_FIRST,
        "attributions/a_9f00.ann": ANN_A_SECOND,  # second annotator: ignored
        "text/b.txt": "Nothing attributed here.",
        "attributions/b_0a0a.ann": "",            # the empty file: an article without attributions
        "text/c.txt": "No annotation file at all.",
    })


def test_loader_reads_multiline_discontinuous_no_source_and_content2(corpus):
    articles = polnear.load_polnear(corpus)
    assert [a.name for a in articles] == ["a", "b"]
    a = articles[0]
    assert a.text == TEXT_A
    assert a.attributions == (
        polnear.PolnearAttribution(cue=((6, 10),), source=((0, 5),), content=((11, 30),)),
        polnear.PolnearAttribution(cue=((51, 56), (76, 79)), source=((45, 50),), content=((57, 58), (58, 66))),
        polnear.PolnearAttribution(cue=((35, 38),), source=(), content=((39, 43),)),
    )
    assert TEXT_A[11:30] == "the plan\nwould fail"
    assert articles[1].attributions == ()


def test_first_annotator_file_in_sorted_order_is_used(corpus):
    (corpus / "attributions" / "a_0000.ann").write_text(ANN_A_SECOND, encoding="utf-8")
    a = polnear.load_polnear(corpus)[0]
    assert a.attributions == (polnear.PolnearAttribution(cue=((0, 5),), source=(), content=()),)


@pytest.mark.parametrize("bad, line", [
    ("T1\tCue six 10\tsaid\n", 1),
    ("T1\tCue 6 10\tsaid\nE1\tAttribution:T1 Cue:T9\n", 2),
    ("T1\tCue 6 999\tsaid\n", 1),
    ("E1\tAttribution:T1\nstray words\n", 2),
])
def test_malformed_file_is_a_slant_error_naming_file_and_line(tmp_path, bad, line):
    write(tmp_path, {"text/a.txt": TEXT_A, "attributions/a_0001.ann": bad})
    with pytest.raises(SlantError, match=rf"a_0001\.ann: line {line}:"):
        polnear.load_polnear(tmp_path)


def test_folder_without_text_and_attributions_is_a_slant_error(tmp_path):
    with pytest.raises(SlantError, match="text/"):
        polnear.load_polnear(tmp_path)


def att(cue, source=None, content=None):
    return Attribution(cue=cue, source=source, content=content, kind="indirect", register="neutral", sentence_index=0)


def test_scorer_numbers_on_a_hand_computed_case(corpus):
    articles = polnear.load_polnear(corpus)
    # "Smith said" found with the right source; "wants" found with a wrong source; a false cue "late"
    predicted = {TEXT_A: [att((6, 10), (0, 5), (11, 19)), att((51, 56), (57, 66), None), att((39, 43), None, None)]}
    table = polnear.score_polnear(articles, lambda text: predicted.get(text, []))
    assert list(table.index) == polnear.POLNEAR_MEASURES
    assert list(table.columns) == polnear.SCORE_COLUMNS
    # cue tokens: gold said, wants, say, was (4); predicted said, wants, late (3); both 2
    cue = table.loc["cue token"]
    assert (cue.gold, cue.predicted, cue.matched_gold) == (4, 3, 2)
    assert cue.precision == pytest.approx(2 / 3) and cue.recall == pytest.approx(1 / 2)
    assert cue.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    # source tokens: gold Smith, Jones; predicted Smith, a, recount
    src = table.loc["source token"]
    assert (src.gold, src.predicted, src.matched_gold) == (2, 3, 1)
    # content tokens: gold the plan would fail a recount late (7); predicted the plan (2)
    content = table.loc["content token"]
    assert (content.gold, content.predicted, content.matched_gold) == (7, 2, 2)
    assert content.precision == 1.0 and content.recall == pytest.approx(2 / 7)
    # attributions: 3 gold, 3 predicted; 2 gold found; 2 predicted overlap a gold cue
    a = table.loc["attribution (cue overlap)"]
    assert (a.gold, a.predicted, a.matched_gold, a.matched_predicted) == (3, 3, 2, 2)
    assert a.precision == pytest.approx(2 / 3) and a.recall == pytest.approx(2 / 3)
    # source accuracy: both found attributions have a gold source; one predicted source overlaps
    acc = table.loc["source accuracy among found"]
    assert acc.f1 == 0.5 and (acc.gold, acc.matched_gold) == (2, 1)
    assert math.isnan(acc.precision) and math.isnan(acc.recall)


def test_perfect_extractor_scores_one_everywhere(corpus):
    articles = polnear.load_polnear(corpus)
    gold = {a.text: [att(g.cue[0], g.source[0] if g.source else None, g.content[0]) for g in a.attributions]
            for a in articles}
    table = polnear.score_polnear(articles, lambda text: gold[text])
    assert table.loc["attribution (cue overlap)", "f1"] == 1.0
    assert table.loc["source accuracy among found", "f1"] == 1.0
    assert table.loc["source token", "f1"] == 1.0


def test_bisect_positive_tokens_equal_scoring_positive_tokens_inside():
    text = "Ab cd, ef gh ij. Kl mn op"
    tokens = scoring.word_tokens(text)
    spans = [(0, 4), (3, 5), (7, 12), (13, 25), (20, 21)]
    starts, ends = [s for s, _ in tokens], [e for _, e in tokens]
    assert polnear._inside(starts, ends, spans) == scoring.positive_tokens(tokens, spans, mode="inside")


def test_baseline_takes_verb_nearest_capitalised_name_and_rest_of_sentence():
    text = "Yesterday Mary Jones said the vote was rigged. Nothing else."
    found = polnear.baseline_extract(text)
    assert len(found) == 1
    a = found[0]
    assert text[a.cue[0]:a.cue[1]] == "said"
    assert text[a.source[0]:a.source[1]] == "Yesterday Mary Jones"
    assert text[a.content[0]:a.content[1]] == "the vote was rigged."


def test_default_extractor_is_slants_own():
    text = "Mary Jones said the vote was rigged."
    [a] = polnear.slant_extract(text)
    assert text[a.source[0]:a.source[1]] == "Mary Jones" and a.speaker.name == "Mary Jones"


def test_attributions_sharing_a_cue_are_scored_as_one_with_several_content_pieces(corpus):
    articles = polnear.load_polnear(corpus)
    # "said" twice (a quotation continued in the next sentence): one predicted attribution, content both pieces
    predicted = {TEXT_A: [att((6, 10), (0, 5), (11, 19)), att((6, 10), (0, 5), (20, 30))]}
    table = polnear.score_polnear(articles, lambda text: predicted.get(text, []))
    a = table.loc["attribution (cue overlap)"]
    assert (a.predicted, a.matched_gold, a.matched_predicted) == (1, 1, 1)
    assert table.loc["content token", "matched_gold"] == 4  # the plan / would fail


def test_univocal_projection_drops_a_cue_nested_in_another_content():
    text = "Sanders said he didn't think the accord went far enough."
    found = polnear.slant_extract(text)
    assert [text[a.cue[0]:a.cue[1]] for a in found] == ["said"]
    kept = attribution.find_attributions(text, segment.sentences(text), polnear._default_actors())
    assert [text[a.cue[0]:a.cue[1]] for a in kept] == ["said", "think"]  # slant itself keeps both
    assert [a.nested for a in kept] == [False, True]


def test_scoring_the_analyze_records_agrees_with_scoring_the_extractor(corpus, tmp_path):
    """The JSON lines `slant analyze` writes, scored, give the same table as slant's extractor scored in memory."""
    import json

    from click.testing import CliRunner

    from slant.cli import main

    out = tmp_path / "records.jsonl"
    result = CliRunner().invoke(main, ["analyze", str(corpus / "text"), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    articles = polnear.load_polnear(corpus)
    texts = {a.name: a.text for a in articles}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == ["a", "b", "c"]  # c.txt has no annotation file: not scored
    records = [r for r in records if r["id"] in texts]
    from_records = polnear.score_polnear(articles, polnear.records_extract([(texts[r["id"]], r) for r in records]))
    in_memory = polnear.score_polnear(articles, polnear.model_extract)
    assert from_records.equals(in_memory)
    assert from_records.loc["attribution (cue overlap)", "predicted"] > 0


def test_nested_records_are_not_scored():
    text = "Sanders said he didn't think the accord went far enough."
    record = {"attributions": [
        {"cue": {"start": 8, "end": 12}, "source": {"start": 0, "end": 7}, "content": {"start": 13, "end": 55},
         "nested": False},
        {"cue": {"start": 23, "end": 28}, "source": {"start": 13, "end": 15}, "content": {"start": 29, "end": 55},
         "nested": True}]}
    [only] = polnear.records_extract([(text, record)])(text)
    assert (only.cue, only.source, only.content) == ((8, 12), (0, 7), (13, 55))
