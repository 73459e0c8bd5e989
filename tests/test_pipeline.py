"""The per-article JSON contract of DESIGN.md and the tables behind it."""

from slant.pipeline import article_records
from helpers import SEED_000, SEED_002, seed_text

RECORD_KEYS = {"id", "source", "title", "date", "url", "n_words", "n_sentences", "loaded_terms", "attributions",
               "sentences", "readability"}
TERM_KEYS = {"start", "end", "text", "category", "loaded", "basis", "probability", "note", "in_quote", "voice",
             "target"}
DESCRIBED = {"naming", "hedges", "factives", "assertives", "implicatives", "report_verbs", "social_embeds"}
ATTRIBUTION_KEYS = {"cue", "verb", "source", "content", "content_more", "speaker", "actor", "kind", "register", "negated", "nested",
                    "basis", "probability"}


def check_span(text, span, allow_none=False):
    if span is None:
        assert allow_none
        return
    assert set(span) == {"start", "end"}
    assert 0 <= span["start"] < span["end"] <= len(text)


def validate_record(record, text):
    """Assert one record follows the contract; returns nothing, fails loudly."""
    assert RECORD_KEYS <= set(record)
    assert isinstance(record["id"], str) and isinstance(record["source"], str)
    assert isinstance(record["n_words"], int) and isinstance(record["n_sentences"], int)
    for term in record["loaded_terms"]:
        assert TERM_KEYS <= set(term)
        assert text[term["start"]:term["end"]] == term["text"]
        assert isinstance(term["in_quote"], bool) and isinstance(term["loaded"], bool)
        assert term["voice"] in ("outlet", "paraphrase", "quoted", "embed")
        assert term["basis"] in ("lexicon", "model", "rule")
        if term["category"] in DESCRIBED:
            assert term["loaded"] is False
        if term["basis"] == "rule" and term["probability"] is not None:  # a judged quotation of two words or more
            assert term["category"] in ("partial_quote", "scare_quote") and len(term["text"].split()) >= 2
            assert 0 <= term["probability"] <= 1
        elif term["basis"] == "rule":
            assert term["probability"] is None
        else:
            assert isinstance(term["probability"], float) and 0 <= term["probability"] <= 1
        if term["basis"] == "model":
            assert term["loaded"] is True and term["note"].startswith("Not in the lexicon: the context model")
    for item in record["attributions"]:
        assert ATTRIBUTION_KEYS <= set(item)
        check_span(text, item["cue"])
        check_span(text, item["verb"])
        assert item["cue"]["start"] <= item["verb"]["start"] and item["verb"]["end"] <= item["cue"]["end"]
        check_span(text, item["source"], allow_none=True)
        check_span(text, item["content"], allow_none=True)
        assert item["kind"] in ("direct", "indirect", "mixed")
        assert isinstance(item["negated"], bool) and isinstance(item["nested"], bool)
        assert item["basis"] in ("model", "rules") and (item["probability"] is None) == (item["basis"] == "rules")
    assert len(record["sentences"]) == record["n_sentences"]
    for sentence in record["sentences"]:
        assert 0 <= sentence["start"] < sentence["end"] <= len(text)
        assert -1.0 <= sentence["compound"] <= 1.0
    assert set(record["readability"]) >= {"flesch_reading_ease", "flesch_kincaid_grade"}


def test_records_for_the_seeds_follow_the_contract(seed_results):
    records = list(article_records(seed_results))
    assert [r["id"] for r in records] == [SEED_000, SEED_002]
    for record in records:
        validate_record(record, seed_text(record["id"]))
    assert records[0]["n_sentences"] == 15 and records[1]["n_sentences"] == 14


def test_putin_warned_is_an_attribution_with_speaker_vladimir_putin(seed_results):
    record = next(article_records(seed_results))
    text = seed_text(SEED_000)
    warned = [a for a in record["attributions"] if text[a["verb"]["start"]:a["verb"]["end"]] == "warned"
              and a["speaker"] == "Vladimir Putin"]
    assert len(warned) == 1 and warned[0]["actor"] == "Russia"
    # the whole cue as PolNeAR marks it, the reporting word inside it
    assert text[warned[0]["cue"]["start"]:warned[0]["cue"]["end"]] == "has already strongly warned against"


def test_every_table_span_is_exact(seed_results):
    texts = {SEED_000: seed_text(SEED_000), SEED_002: seed_text(SEED_002)}
    for table in ("sentences", "terms", "mentions", "embeds"):
        for row in getattr(seed_results, table).itertuples():
            assert texts[row.article_id][row.start:row.end] == row.text, (table, row)
    for row in seed_results.attributions.itertuples():
        text = texts[row.article_id]
        assert text[row.cue_start:row.cue_end] == row.cue
        assert text[row.cue_phrase_start:row.cue_phrase_end] == row.cue_phrase
        if row.content is not None and row.content == row.content:
            assert text[row.content_start:row.content_end] == row.content


def test_word_and_sentence_counts_of_the_seeds(seed_results):
    import re

    articles = seed_results.articles.set_index("id")
    # regression pins (the engine's counts), each checked by another method: runs between spaces and dashes
    # that hold a letter or digit, URLs, handles and hashtags left out
    assert articles.loc[SEED_000, "n_words"] == 475
    assert articles.loc[SEED_002, "n_words"] == 347
    for article_id in (SEED_000, SEED_002):
        words = [w for w in re.split(r"[\s—–]+", seed_text(article_id)) if re.search(r"[A-Za-z0-9]", w)
                 and not re.match(r"(https?://|pic\.twitter|@|#)", w.strip("(\"“"))]
        assert len(words) == articles.loc[article_id, "n_words"], article_id
    assert articles.loc[SEED_002, "n_embedded_sentences"] == 2
    assert articles.loc[SEED_002, "n_words_own_voice"] < articles.loc[SEED_002, "n_words"]


def test_seed_000_records_say_what_found_each_term_and_whether_it_counts(seed_results):
    record = next(r for r in article_records(seed_results) if r["id"] == SEED_000)
    terms = {(t["start"], t["category"]): t for t in record["loaded_terms"]}
    begging = terms[(118, "emotive")]
    assert (begging["loaded"], begging["basis"], begging["probability"]) == (True, "lexicon", 0.0386)
    assert begging["note"].startswith("Casts a request as a plea")
    assert (terms[(110, "naming")]["loaded"], terms[(110, "naming")]["basis"]) == (False, "lexicon")
    # "escalations" in the officials' paraphrase: loaded, as the hand reading has it (the features-v1 model rejected
    # it at 0.0048; a rejected match keeps its row with loaded False, see test_lexicon_context)
    kept = terms[(1013, "escalation")]
    assert (kept["loaded"], kept["basis"], kept["probability"], kept["voice"]) == (
        True, "lexicon", 0.0123, "paraphrase")
    assert [(t["text"], t["category"], t["probability"]) for t in record["loaded_terms"] if t["basis"] == "model"] == [
        ("hamper", "evaluative", 0.4482), ("hamper", "evaluative", 0.5537),
        ("manpower shortages", "evaluative", 0.5202), ("risking triggering", "sensationalism", 0.2293)]
    # "angry" grown over the neighbours the model rates part of the phrase; its note says which words joined
    angry = terms[(2614, "emotive")]
    assert (angry["text"], angry["basis"], angry["loaded"]) == ("increasingly exhausted and angry", "lexicon", True)
    assert angry["note"].endswith("The context model takes “increasingly exhausted and” into the phrase.")


def test_one_invented_article_gives_the_record_counted_by_hand():
    import pandas as pd
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from slant.pipeline import Config, analyze_corpus

    text = "Putin said the West is reckless. Kiev is begging for missiles."
    results = analyze_corpus(pd.DataFrame([{"id": "x1", "source": "S", "text": text}]), Config.load(), events="none")
    record = next(article_records(results))
    assert (record["n_words"], record["n_sentences"]) == (11, 2)  # 6 + 5 words, by hand
    assert [(s["start"], s["end"]) for s in record["sentences"]] == [(0, 32), (33, 62)]
    vader = SentimentIntensityAnalyzer()  # each sentence's score is VADER's on its text, computed here directly
    assert [s["compound"] for s in record["sentences"]] == [vader.polarity_scores(text[0:32])["compound"],
                                                            vader.polarity_scores(text[33:62])["compound"]]
    loaded = [(t["text"], t["category"], t["voice"], t["target"]) for t in record["loaded_terms"] if t["loaded"]]
    # 'reckless' is Putin's word as the outlet reports it (inside his paraphrased content); 'begging' the outlet's
    assert loaded == [("reckless", "evaluative", "paraphrase", "The West"), ("begging", "emotive", "outlet", "Ukraine")]
    naming = [(t["text"], t["loaded"]) for t in record["loaded_terms"] if t["category"] == "naming"]
    assert naming == [("Kiev", False)]  # a naming choice is described, never counted as loaded
    said = record["attributions"][0]
    assert (text[said["cue"]["start"]:said["cue"]["end"]], said["speaker"], said["actor"], said["kind"],
            said["register"], said["negated"]) == ("said", "Vladimir Putin", "Russia", "indirect", "neutral", False)
    assert text[said["content"]["start"]:said["content"]["end"]] == "the West is reckless"
