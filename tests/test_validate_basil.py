"""BASIL loader and the validation scorer, on tiny fixtures in BASIL's published format."""

import json

import pytest

from slant.errors import SlantError
from slant.validate import basil
from slant.validate.scoring import PRF, positive_tokens, score_tokens, word_tokens

TRIPLE = "t-1"


def write_article(root, stem, source, title, paragraphs, spans, *, literal=False):
    (root / "articles" / "2012").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / "2012").mkdir(parents=True, exist_ok=True)
    body = repr(paragraphs) if literal else paragraphs
    (root / "articles" / "2012" / f"{stem}.json").write_text(json.dumps(
        {"title": title, "source": source, "triplet-uuid": TRIPLE, "body-paragraphs": body}), encoding="utf-8")
    (root / "annotations" / "2012" / f"{stem}_ann.json").write_text(json.dumps(
        {"phrase-level-annotations": spans}), encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    write_article(tmp_path, f"{TRIPLE}_1", "fox", "Senate slams plan",
                  [["The plan is reckless.", "Critics said so."], ["It passed."]],
                  [{"bias": "lex", "start": 12, "end": 20, "txt": "reckless"},
                   {"bias": "lex", "start": 7, "end": 12, "txt": "slams"},
                   {"bias": "inf", "start": 0, "end": 16, "txt": "Critics said so."}], literal=True)
    write_article(tmp_path, f"{TRIPLE}_2", "nyt", "Senate passes plan", [["The plan passed on Monday."]], [])
    write_article(tmp_path, f"{TRIPLE}_3", "hpo", "Plan passes", [["A bold plan passed."]],
                  [{"bias": "lex", "start": 2, "end": 6, "txt": "bold"}])
    return tmp_path


def test_text_is_title_blank_line_then_paragraphs_and_spans_are_shifted_into_it(folder):
    articles = basil.load_basil(folder)
    assert [a.id for a in articles] == [f"{TRIPLE}_1", f"{TRIPLE}_2", f"{TRIPLE}_3"]
    first = articles[0]
    assert first.text == "Senate slams plan\n\nThe plan is reckless. Critics said so.\n\nIt passed."
    assert [first.text[s:e] for s, e in first.lexical] == ["slams", "reckless"]
    assert [first.text[s:e] for s, e in first.informational] == ["Critics said so."]
    assert [first.text[s:e] for s, e in first.sentences] == [
        "Senate slams plan", "The plan is reckless.", "Critics said so.", "It passed."]
    assert (first.source, first.triplet) == ("fox", TRIPLE)


def test_scores_count_tokens_sentences_and_triples(folder):
    articles = basil.load_basil(folder)
    predicted = {articles[0].text: [(7, 12)], articles[1].text: [(14, 18)], articles[2].text: []}
    assert articles[1].text[14:18] == "plan"
    result = basil.score(articles, lambda text: predicted[text])
    # tokens: "slams" right; "plan" (nyt) wrong; "reckless" and "bold" missed
    assert result["token"] == PRF(tp=1, fp=1, fn=2)
    # sentences: fox title right; nyt title wrong; fox sentence 2 and hpo sentence 2 missed
    assert result["sentence"] == PRF(tp=1, fp=1, fn=2)
    # slant's top outlet is fox (1 term in 14 words) but gold's top is hpo (1 span in 6 words)
    assert (result["triples_agreeing"], result["triples_ranked"]) == (0, 1)
    table = basil.results_table({"stub": result})
    assert table.loc[0, "token_f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_a_tie_at_the_top_agrees_only_when_every_tied_outlet_is_a_gold_top(folder):
    articles = basil.load_basil(folder)
    nothing = basil.score(articles, lambda text: [])
    assert nothing["triples_agreeing"] == 0  # all three tied at zero; only hpo is a gold top


def test_a_span_that_fits_no_sentence_is_a_one_line_error(tmp_path):
    write_article(tmp_path, "x_1", "fox", "Title", [["One sentence."]],
                  [{"bias": "lex", "start": 0, "end": 5, "txt": "Other", "id": "s1"}])
    with pytest.raises(SlantError, match=r"x_1_ann.json: span s1 'Other' fits no sentence"):
        basil.load_basil(tmp_path)


def test_not_a_basil_folder(tmp_path):
    with pytest.raises(SlantError, match="not a BASIL folder"):
        basil.load_basil(tmp_path)


def test_token_positivity_overlap_versus_inside():
    tokens = word_tokens("Kiev's plea")  # Kiev, s, plea
    assert tokens == [(0, 4), (5, 6), (7, 11)]
    assert positive_tokens(tokens, [(3, 8)], "overlap") == {0, 1, 2}
    assert positive_tokens(tokens, [(3, 8)], "inside") == {1}
    assert score_tokens("a b c", [(0, 1)], [(0, 3)]) == PRF(1, 1, 0)


def test_predictors_on_slant_terms_skip_described_categories():
    from slant.pipeline import Config

    predict = basil.terms_predictor(Config.load(loaded_model=False))  # the lexicon's categories; the model below
    text = "Kiev said the reckless plan is so-called reform."
    assert [text[s:e] for s, e in predict(text)] == ["reckless", "so-called"]


def test_terms_predictor_gives_a_span_once_and_can_keep_the_outlets_voice_only():
    from slant.pipeline import Config

    config = Config.load(loaded_model=False)  # the lexicon's terms; the model's are tested below
    text = "The reckless plan, he said, was “a reckless gamble” and a “reckless” one. It changed radically."
    spans = basil.terms_predictor(config)(text)
    assert len(spans) == len(set(spans))
    assert [text[s:e] for s, e in spans].count("radically") == 1  # intensifier and label: one term at one place
    own = basil.terms_predictor(config, voices=("outlet",))(text)
    assert [text[s:e] for s, e in own] == ["reckless", "radically"]


def test_terms_predictor_keeps_the_models_loaded_terms_and_drops_the_matches_it_rejects(monkeypatch):
    import dataclasses

    from slant import lexicon
    from slant.pipeline import Config

    hand = dataclasses.replace(lexicon.packaged_model(), weights={"w=scoundrels": 9.0, "w=reckless": -9.0},
                               intercept=-5.0, opinion_seeds=False)
    monkeypatch.setattr(lexicon, "packaged_model", lambda: hand)
    text = "The reckless plan of the scoundrels passed."
    assert [text[s:e] for s, e in basil.terms_predictor(Config.load())(text)] == ["scoundrels"]
    assert [text[s:e] for s, e in basil.terms_predictor(Config.load(loaded_model=False))(text)] == ["reckless"]


def test_pairwise_agreement_counts_pairs_ordered_as_gold_and_leaves_gold_ties_out():
    # outlet -> (predicted density, gold density)
    assert basil.pair_agreement({"a": (3.0, 2.0), "b": (1.0, 1.0), "c": (2.0, 1.0)}) == (2, 2)  # b-c tie in gold
    assert basil.pair_agreement({"a": (1.0, 2.0), "b": (1.0, 1.0), "c": (0.0, 0.0)}) == (2, 3)  # a-b tie in slant
    assert basil.pair_agreement({"a": (0.0, 1.0), "b": (0.0, 1.0)}) == (0, 0)


def test_pairwise_interval_resamples_triples_with_a_fixed_seed():
    value, low, high = basil.pairwise_interval([(3, 3), (0, 3), (2, 3), (1, 2)])
    assert value == 6 / 11
    assert (low, high) == basil.pairwise_interval([(3, 3), (0, 3), (2, 3), (1, 2)])[1:]
    assert 0 <= low < value < high <= 1
    assert basil.pairwise_interval([(2, 2)]) == (1.0, 1.0, 1.0)
    assert all(v != v for v in basil.pairwise_interval([]))  # NaN: no pair ranked


def test_validation_scores_with_the_packaged_actors_when_actors_are_proposed(tmp_path):
    from slant.actors import load_actors
    from slant.validate.run import validation_config

    user = tmp_path / "mine.yaml"
    user.write_text("name: mine\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms:\n"
                    "  - term: cabal\n    note: conspiracy label\n    refers_to: Trump\n", encoding="utf-8")
    config = validation_config(str(user), "auto")  # Trump would be a proposed actor: not checked here
    assert set(config.actors.sides) == set(load_actors().sides)
    assert "cabal" in config.lexicon.by_form
    with pytest.raises(SlantError, match="'refers_to' of 'cabal' names 'Trump'"):
        validation_config(str(user), "")  # with the packaged actors file, the unknown actor is refused
