"""The per-article JSON contract of DESIGN.md and the tables behind it."""

from slant.pipeline import article_records
from helpers import SEED_000, SEED_002, seed_text

RECORD_KEYS = {"id", "source", "title", "date", "url", "n_words", "n_sentences", "loaded_terms", "attributions",
               "sentences", "readability"}
TERM_KEYS = {"start", "end", "text", "category", "in_quote", "voice", "target"}
ATTRIBUTION_KEYS = {"cue", "verb", "source", "content", "speaker", "actor", "kind", "register", "negated", "nested",
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
        assert isinstance(term["in_quote"], bool)
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
    articles = seed_results.articles.set_index("id")
    assert articles.loc[SEED_000, "n_words"] == 475
    assert articles.loc[SEED_002, "n_words"] == 347
    assert articles.loc[SEED_002, "n_embedded_sentences"] == 2
    assert articles.loc[SEED_002, "n_words_own_voice"] < articles.loc[SEED_002, "n_words"]
