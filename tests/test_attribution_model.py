"""Tests for the attribution tagger: training on brat fixtures written here, bit-for-bit retraining, the
shipped model's output on the seeds, grouping of tagged spans, and the command that trains it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from slant import segment
from slant.actors import load_actors
from slant.attribution import find_attributions, load_model, training
from slant.attribution.features import LABELS, TOKEN_RE, paragraphs, token_roles
from slant.attribution.model import FEATURE_VERSION, AttributionModel, ModelSettings, packaged_model_path
from slant.cli import main
from slant.errors import SlantError

SEEDS = Path(__file__).parents[1] / "seeds"

# Invented articles in PolNeAR's brat layout: (text, [(source, cue, content)]) with the spans as words found in
# order in the text.
ARTICLES = {
    "a_01": ("Mary Holt said the bridge would open in May.\n\nThe mayor denied it.",
             [("Mary Holt", "said", "the bridge would open in May"), ("The mayor", "denied", "it")]),
    "a_02": ("Tom Reed said the vote was fair.\n\nThe clerk agreed.",
             [("Tom Reed", "said", "the vote was fair")]),
    "a_03": ("Ana Diaz said the park would close.\n\nNobody came.",
             [("Ana Diaz", "said", "the park would close")]),
    "a_04": ("Lee Park said the school was full.\n\nIt rained.",
             [("Lee Park", "said", "the school was full")]),
    "a_05": ("Bo Chan said the road was shut.\n\nCars waited.",
             [("Bo Chan", "said", "the road was shut")]),
    "b_01": ("Jo Ford said the dam was safe.", [("Jo Ford", "said", "the dam was safe")]),  # the held-out 20%
}
TINY = ModelSettings(feature_version=FEATURE_VERSION, cue_threshold=0.4, src_threshold=0.3, c1=0.0, c2=0.01,
                     max_iterations=60)


def brat(text: str, attributions) -> str:
    lines, n, at = [], 0, 0
    for e, roles in enumerate(attributions, 1):
        ids = {}
        for role, words in zip(("Source", "Cue", "Content"), roles):
            start = text.index(words, at if role != "Source" else 0)
            n += 1
            ids[role] = n
            lines.append(f"T{n}\t{role} {start} {start + len(words)}\t{words}")
        n += 1
        lines.append(f"T{n}\tAttribution {text.index(roles[1])} {text.index(roles[1]) + len(roles[1])}\t{roles[1]}")
        lines.append(f"E{e}\tAttribution:T{n} Cue:T{ids['Cue']} Content:T{ids['Content']} Source:T{ids['Source']}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def polnear_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("polnear")
    (folder / "text").mkdir()
    (folder / "attributions").mkdir()
    for name, (text, attributions) in ARTICLES.items():
        (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / "attributions" / f"{name}_0001.ann").write_text(brat(text, attributions), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny_model(polnear_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("model") / "tiny.crfsuite"
    training.train(polnear_dir, out, settings=TINY)
    return out


def test_split_holds_out_the_last_fifth_in_sorted_name_order():
    class A:
        def __init__(self, name):
            self.name = name

    train, dev = training.split([A(f"x{i:02d}") for i in range(9, -1, -1)])
    assert [a.name for a in train] == [f"x{i:02d}" for i in range(8)]
    assert [a.name for a in dev] == ["x08", "x09"]


def test_gold_labels_are_bio_tags_over_word_and_punctuation_tokens():
    text = "Mary Holt said the bridge would open."
    sentences = segment.sentences(text)
    [paragraph] = paragraphs(text, sentences)
    assert paragraph.words == [m.group() for m in TOKEN_RE.finditer(text)]
    labels = token_roles(paragraph, [("SRC", 0, 9), ("CUE", 10, 14), ("CON", 15, 36)])
    assert labels == ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "O"]
    assert set(labels) <= set(LABELS)


def test_a_tiny_model_learns_its_training_articles(tiny_model):
    model = AttributionModel(tiny_model)
    text = ARTICLES["a_03"][0]
    found = find_attributions(text, segment.sentences(text), load_actors(), model=model)
    spans = [(text[a.source[0]:a.source[1]], text[a.cue_phrase[0]:a.cue_phrase[1]], text[a.content[0]:a.content[1]])
             for a in found]
    assert spans == [("Ana Diaz", "said", "the park would close")]
    assert found[0].basis == "model" and 0.4 <= found[0].probability <= 1


def test_the_held_out_article_is_not_trained_on(tiny_model):
    meta = json.loads(tiny_model.with_suffix(".json").read_text(encoding="utf-8"))
    assert (meta["training_articles"], meta["held_out_articles"]) == (5, 1)


def test_training_twice_gives_the_same_file_byte_for_byte(polnear_dir, tiny_model, tmp_path):
    again = tmp_path / "again.crfsuite"
    training.train(polnear_dir, again, settings=TINY)
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(again) == digest(tiny_model)
    assert again.with_suffix(".json").read_text() == tiny_model.with_suffix(".json").read_text()


def test_slant_train_attribution_writes_the_model_and_its_settings(polnear_dir, tmp_path):
    out = tmp_path / "m.crfsuite"
    result = CliRunner().invoke(main, ["train", "attribution", "--polnear", str(polnear_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and json.loads(out.with_suffix(".json").read_text())["training_articles"] == 5


def test_a_model_file_with_other_features_is_a_slant_error(tiny_model, tmp_path):
    copy = tmp_path / "old.crfsuite"
    copy.write_bytes(tiny_model.read_bytes())
    meta = json.loads(tiny_model.with_suffix(".json").read_text())
    copy.with_suffix(".json").write_text(json.dumps({**meta, "feature_version": 0}))
    with pytest.raises(SlantError, match="retrain it"):
        AttributionModel(copy)


def test_a_missing_model_is_a_slant_error(tmp_path):
    with pytest.raises(SlantError, match="no attribution model"):
        load_model(str(tmp_path / "none.crfsuite"))


def test_the_shipped_model_is_small_and_packaged():
    path = packaged_model_path()
    assert path.is_file() and path.stat().st_size <= 25 * 2**20
    assert ModelSettings.read(path.with_suffix(".json")).feature_version == FEATURE_VERSION


def test_the_model_card_gives_the_shipped_models_sha256_data_and_licence():
    path = packaged_model_path()
    card = path.with_suffix(".md").read_text(encoding="utf-8")
    assert hashlib.sha256(path.read_bytes()).hexdigest() in card  # retrained: update the card's numbers too
    assert f"{path.stat().st_size:,} bytes" in card
    assert "slant train attribution --polnear" in card and "none stated by its authors: research use, cite it" in card


def test_a_quotation_split_by_its_cue_is_one_attribution_with_its_content_in_pieces():
    from slant import actors as actors_mod, segment
    from slant.attribution import attributions_table

    text = "“We will rebuild the bridge,” said Mayor Ruth Alder. “We will do it before winter.”"
    found = find_attributions(text, segment.sentences(text), actors_mod.load_actors(), model=load_model())
    assert len(found) == 1  # one statement, not one per piece
    (said,) = found
    assert [text[s:e] for s, e in said.pieces] == ["“We will rebuild the bridge,”", "“We will do it before winter.”"]
    row = attributions_table("a", text, found, actors_mod.load_actors()).iloc[0]
    assert (row["speaker"], row["kind"]) == ("Ruth Alder", "direct")
    assert row["content"] == "“We will rebuild the bridge,” … “We will do it before winter.”"
    assert text[row["content_more_start"]:row["content_more_end"]] == "“We will do it before winter.”"
