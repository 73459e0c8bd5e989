"""The loaded-wording context model: decisions of a hand-made model, training a tiny one on invented fixtures,
the model file round trip, `slant train loaded`, and the shipped model on the seeds."""

import gzip
import hashlib
import json
import math

import pytest
from click.testing import CliRunner

from slant import lexicon
from slant.cli import main
from slant.errors import SlantError
from slant.lexicon import training
from slant.lexicon.context import ContextModel, decide, load_model, to_json
from slant.pipeline import Config, terms_of_text

from helpers import SEED_002, seed_text


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


# "scumbags" strongly loaded, "begging" (an emotive lexicon entry) strongly not; everything else below every threshold
HAND = ContextModel({"w=scumbags": 6.0, "w=begging": -3.0, "w=vile": 4.5}, -4.0, seed=0.5, grow=0.3, reject=0.05,
                    categories=("emotive", "labels"), category_weights={"bias": (0.0, 1.0)},
                    category_intercepts=(0.0, 0.0))


def decided(text, config, model=HAND):
    parts = training.prepare(text, config)
    return decide(text, parts["sentences"], [dict(t) for t in parts["terms"]], parts["quotations"],
                  parts["attributions"], parts["mentions"], config.lexicon, model)


@pytest.fixture(scope="module")
def config():
    return Config.load(loaded_model=False)


def test_a_rejected_lexicon_match_stays_unloaded_with_its_probability(config):
    text = "Kiev is begging for help."
    [row] = [t for t in decided(text, config) if t["text"] == "begging" and t["category"] == "emotive"]
    assert (row["loaded"], row["basis"]) == (False, "lexicon")
    assert row["probability"] == round(sigmoid(-7.0), 4) == 0.0009
    assert row["note"]  # the entry's note stays: the researcher sees what the lexicon said


def test_a_word_the_lexicon_misses_becomes_a_model_term_grown_over_its_neighbours(config):
    text = "The vile scumbags marched on the town."
    added = [t for t in decided(text, config) if t["basis"] == "model"]
    assert [(t["text"], t["category"], t["loaded"], t["voice"]) for t in added] == [
        ("vile scumbags", "labels", True, "outlet")]
    assert added[0]["probability"] == round(sigmoid(2.0), 4) == 0.8808  # the run's most probable word
    assert added[0]["note"].startswith("Not in the lexicon: the context model rates this wording loaded here "
                                       "(probability 0.88); nearest lexicon category:")
    assert added[0]["term"] == "vile scumbags"


def test_with_opinion_seeds_only_an_opinion_word_starts_a_model_term(config):
    import dataclasses

    model = dataclasses.replace(HAND, weights={"w=zorgles": 6.0, "w=vile": 4.5}, opinion_seeds=True)
    assert [t["text"] for t in decided("The zorgles marched.", config, model) if t["basis"] == "model"] == []
    assert [t["text"] for t in decided("The vile zorgles marched.", config, model) if t["basis"] == "model"] == [
        "vile zorgles"]  # "vile" (an opinion word) starts the term, the invented word joins it


def test_a_neutral_sentence_gets_no_model_term(config):
    assert [t for t in decided("The council met on Monday to discuss the budget.", config)
            if t["basis"] == "model"] == []


def test_a_user_lexicon_entry_overrules_the_model(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\nloaded: true\n"
                    "terms:\n  - term: begging\n    note: my reading\n", encoding="utf-8")
    config = Config.load([path], loaded_model=False)
    [row] = [t for t in decided("Kiev is begging for help.", config) if t["category"] == "mine"]
    assert (row["category"], row["loaded"], row["basis"], row["probability"]) == ("mine", True, "lexicon", 0.0009)


def test_structural_terms_are_the_rules_without_probability(config):
    text = 'He called the plan "a disgrace" on Monday.'
    rows = [t for t in decided(text, config) if t["category"] == "partial_quote"]
    assert [(t["text"], t["basis"], t["probability"], t["loaded"]) for t in rows] == [
        ("\"a disgrace\"", "rule", None, True)]


def test_the_model_off_gives_lexicon_rows_without_probability_and_no_paraphrase_voice():
    text = "Rubio said that aggressive nations were begging for a fight."
    off = terms_of_text(text, Config.load(loaded_model=False))
    assert {(t["basis"], t["probability"]) for t in off} == {("lexicon", None)}
    assert {t["voice"] for t in off} == {"outlet"}


def test_model_file_round_trip_is_byte_stable_and_a_wrong_version_is_an_error(tmp_path):
    payload = to_json(HAND)
    assert payload == to_json(HAND)  # no time stamp in the gzip header
    path = tmp_path / "m.json.gz"
    path.write_bytes(payload)
    assert load_model(path) == HAND
    data = json.loads(gzip.decompress(payload))
    data["feature_version"] = 0
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    with pytest.raises(SlantError, match="retrain it with slant train loaded"):
        load_model(path)
    with pytest.raises(SlantError, match="model file not found"):
        load_model(tmp_path / "missing.json.gz")


# A tiny invented PTC-format corpus: "scoundrels" and "traitorous" are always labelled loaded, nothing else is.
TINY = [
    "The scoundrels in the capital raised taxes again. The budget passed on Tuesday.",
    "Voters met the mayor on Monday. Those traitorous scoundrels sold the port.",
    "The traitorous council closed the library. The library had opened in 1990.",
    "A new bridge opened on Friday. The scoundrels took credit for the bridge.",
    "The mayor spoke about schools. Traitorous officials cut the school budget.",
    "The river rose after the rain. Residents moved their cars to higher ground.",
]
LOADED = ("scoundrels", "traitorous", "Traitorous")


def write_tiny(root):
    (root / "articles").mkdir(parents=True)
    (root / "labels").mkdir()
    for number, text in enumerate(TINY, start=1):
        (root / "articles" / f"article{number}.txt").write_text(text, encoding="utf-8")
        lines = []
        for word in LOADED:
            start = text.find(word)
            while start >= 0:
                lines.append(f"{number}\tLoaded_Language\t{start}\t{start + len(word)}\n")
                start = text.find(word, start + 1)
        (root / "labels" / f"article{number}.task2-TC.labels").write_text("".join(lines), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return write_tiny(tmp_path_factory.mktemp("ptc"))


def test_a_tiny_model_learns_the_fixture_words_and_training_twice_gives_the_same_bytes(tiny, tmp_path):
    settings = training.Settings(opinion_seeds=False)  # the invented words are in no opinion list
    model, digest = training.train(tiny, None, tmp_path / "a.json.gz", settings)
    _, again = training.train(tiny, None, tmp_path / "b.json.gz", settings)
    assert digest == again == hashlib.sha256((tmp_path / "a.json.gz").read_bytes()).hexdigest()
    assert model.metadata["articles"] == {"ptc": 6, "basil": 0}
    config = Config.load(loaded_model=False)
    text = "Critics called them scoundrels at the meeting on Monday."
    rows = decided(text, config, model)
    probability = {t["text"]: t["probability"] for t in rows}
    assert [t["text"] for t in rows if t["basis"] == "model"] == ["scoundrels"]
    assert probability["scoundrels"] > model.seed
    parts = training.prepare(text, config)
    tokens = lexicon.features.word_tokens(text, parts["sentences"])
    features = lexicon.features.article_features(text, parts["sentences"], tokens, [], [], [])
    scores = dict(zip((t.lower for t in tokens), model.probabilities(features)))
    assert max(p for w, p in scores.items() if w != "scoundrels") < model.seed


def test_cross_validation_holds_out_whole_articles_round_robin(tiny):
    documents = training.load_documents(tiny, None, Config.load(loaded_model=False))
    assert training.folds(documents) == {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 0}


def test_train_command_writes_the_model_and_prints_its_digest(tiny, tmp_path):
    out = tmp_path / "m.json.gz"
    result = CliRunner().invoke(main, ["train", "loaded", "--ptc", str(tiny), "--out", str(out), "--cross-validate"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}")
    assert "fold 5 of 5 trained" in result.output and "ptc        token_f1" in result.output


def test_train_command_without_data_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["train", "loaded", "--out", str(tmp_path / "m.json.gz")])
    assert result.exit_code == 2
    assert "give the training data: --ptc DIR" in result.output


def test_the_shipped_model_loads_and_keeps_its_thresholds():
    model = lexicon.packaged_model()
    assert model.metadata["articles"] == {"ptc": 216, "basil": 120}
    assert 0 < model.reject < model.grow < model.seed < 1
    assert set(model.categories) <= set(Config.load().lexicon.categories)
