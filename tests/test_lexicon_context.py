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


def test_a_judged_quote_carries_its_probability_and_is_unloaded_below_quote_reject(config):
    import dataclasses

    text = 'He called the plan "a disgrace" on Monday, "a zorgly plan" the next day, and "zorgly" on Friday.'
    model = dataclasses.replace(HAND, weights={"w=disgrace": 4.0}, quote_reject=0.05)
    rows = {t["text"]: t for t in decided(text, config, model) if t["category"] == "partial_quote"}
    assert (rows['"a disgrace"']["loaded"], rows['"a disgrace"']["probability"]) == (True, 0.5)
    assert rows['"a zorgly plan"']["probability"] == round(sigmoid(-4.0), 4) == 0.018  # below 0.05: kept, unloaded
    assert (rows['"a zorgly plan"']["loaded"], rows['"a zorgly plan"']["basis"]) == (False, "rule")
    # a one-word quotation is the writer's marked choice: not judged
    assert (rows['"zorgly"']["loaded"], rows['"zorgly"']["probability"]) == (True, None)


def test_reject_known_rejects_only_the_words_the_model_has_learned(config):
    import dataclasses

    # "begging" has a weight (p 0.029), "implored" none (p 0.018, the intercept alone): both below reject_known
    model = dataclasses.replace(HAND, weights={"w=begging": 0.5}, reject=0.002, reject_known=0.05)
    rows = {t["text"]: t for t in decided("Kiev is begging for help. Kyiv implored its allies.", config, model)
            if t["category"] == "emotive"}
    assert (rows["begging"]["loaded"], rows["begging"]["probability"]) == (False, 0.0293)
    assert (rows["implored"]["loaded"], rows["implored"]["probability"]) == (True, 0.018)


def test_a_category_that_says_model_judges_false_is_not_rejected_for_a_learned_word(config):
    import dataclasses

    assert config.lexicon.categories["escalation"].model_judges is False  # data/lexicon/escalation.yaml
    model = dataclasses.replace(HAND, weights={"w=retaliation": 0.5}, reject=0.002, reject_known=0.05)
    [row] = [t for t in decided("Moscow promised retaliation.", config, model) if t["category"] == "escalation"]
    assert (row["loaded"], row["probability"]) == (True, 0.0293)
    assert [t["loaded"] for t in decided("Moscow promised retaliation.", config,
                                         dataclasses.replace(model, reject=0.05))
            if t["category"] == "escalation"] == [False]  # the all-but-certain threshold still applies


def test_a_loaded_lexicon_match_grows_over_the_neighbours_the_model_takes_in(config):
    import dataclasses

    model = dataclasses.replace(HAND, weights={"w=begging": 3.0, "w=zorgly": 4.0}, grow_lexicon=True)
    [row] = [t for t in decided("Kiev is zorgly begging for help.", config, model) if t["category"] == "emotive"]
    assert (row["text"], row["term"], row["loaded"], row["basis"]) == ("zorgly begging", "beg", True, "lexicon")
    assert row["note"].endswith("The context model takes “zorgly” into the phrase.")
    assert [t for t in decided("Kiev is zorgly begging for help.", config, model) if t["basis"] == "model"] == []
    unchanged = dataclasses.replace(model, grow_lexicon=False)
    [row] = [t for t in decided("Kiev is zorgly begging for help.", config, unchanged) if t["category"] == "emotive"]
    assert row["text"] == "begging"


def test_a_grown_phrase_neither_ends_in_a_function_word_nor_takes_in_an_actors_name(config):
    import dataclasses

    # every word rates 0.5 (≥ grow 0.3): the phrase would run over the whole sentence
    model = dataclasses.replace(HAND, weights={"bias": 4.0}, grow_lexicon=True, seed=0.9)
    [row] = [t for t in decided("The town met the zorgly begging of Ukraine today.", config, model)
             if t["category"] == "emotive"]
    assert row["text"] == "town met the zorgly begging"  # "The" and "of" left off the edges; "Ukraine" is the actor
    assert row["target"] == "Ukraine"


def test_a_phrase_grows_across_spaces_and_commas_but_not_across_other_punctuation(config):
    import dataclasses

    model = dataclasses.replace(HAND, weights={"bias": 4.0}, grow_lexicon=True, seed=0.9)  # every word rates 0.5
    [row] = [t for t in decided("Aid: zorgly, blorfing begging (for weapons) continues.", config, model)
             if t["category"] == "emotive"]
    assert row["text"] == "zorgly, blorfing begging"
    [row] = [t for t in decided('Kiev is begging. <script>alert(1)</script>', config, model)
             if t["category"] == "emotive"]
    assert row["text"] == "begging"  # "is" is trimmed off the edge; "<script" lies beyond a full stop
    [row] = [t for t in decided('He said Kiev is "begging" the zorgly West.', config, model)
             if t["category"] == "emotive"]
    assert row["text"] == "begging"  # a phrase does not grow out of its quotation


def test_a_model_term_is_trimmed_of_function_words_at_its_edges(config):
    import dataclasses

    model = dataclasses.replace(HAND, weights={"w=vile": 4.5, "w=and": 4.0, "w=the": 4.0, "w=zorgly": 3.5})
    assert [t["text"] for t in decided("They met the vile and the zorgly.", config, model)
            if t["basis"] == "model"] == ["vile and the zorgly"]  # inside the phrase function words stay
    assert [t["text"] for t in decided("They met the vile and then left.", config, model)
            if t["basis"] == "model"] == ["vile"]


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
