from hypothesis import given, settings, strategies as st

from slant import segment
from helpers import SEED_000, SEED_002, seed_text


def sentence_texts(text):
    return [text[s.start:s.end] for s in segment.sentences(text)]


def test_seed_000_has_15_sentences_one_per_paragraph():
    text = seed_text(SEED_000)
    sentences = segment.sentences(text)
    assert len(sentences) == 15
    assert [s.paragraph for s in sentences] == list(range(15))


def test_seed_002_has_14_sentences_two_of_them_in_the_embedded_post():
    sentences = segment.sentences(seed_text(SEED_002))
    assert len(sentences) == 14
    assert [s.voice for s in sentences].count("embed") == 2


def test_no_split_inside_us_initials_or_urls():
    texts = sentence_texts(seed_text(SEED_002))
    assert "This comes after both France and the U.S. hinted that the current policy prohibiting such attacks should be reconsidered." in texts
    assert any(t.startswith("Seth G. Jones, a former U.S. military official") for t in texts)
    assert any(t.endswith("#Trump2024 #NahBabyNah pic.twitter.com/GGkKlwy4uy") for t in texts)


def test_a_quotation_of_three_sentences_stays_one_sentence():
    texts = sentence_texts(seed_text(SEED_000))
    assert texts[10].startswith("“They can fire any weapons")
    assert texts[10].endswith("with Western weapons,” he said earlier this month.")


def test_splits_after_closing_quote_and_before_opening_quote():
    text = "He said “no.” She said “yes.” “Maybe,” they said."
    assert sentence_texts(text) == ["He said “no.”", "She said “yes.”", "“Maybe,” they said."]


def test_dotted_acronym_ends_a_sentence_when_a_sentence_opener_follows():
    assert sentence_texts("He flew to the U.S. The trip was short.") == ["He flew to the U.S.", "The trip was short."]
    assert sentence_texts("Mr. Smith met Gen. Jones.") == ["Mr. Smith met Gen. Jones."]


def test_tokens_have_exact_offsets_and_kinds():
    text = "The U.S. said #Ukraine @NATO https://t.co/abc 10,000 can’t"
    tokens = segment.tokenize(text)
    assert [(t.text, t.kind) for t in tokens] == [
        ("The", "word"), ("U.S.", "acronym"), ("said", "word"), ("#Ukraine", "hashtag"), ("@NATO", "handle"),
        ("https://t.co/abc", "url"), ("10,000", "number"), ("can’t", "word")]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert segment.count_words(text) == 5


def test_embedded_tweet_in_seed_002_is_found_with_its_handle():
    text = seed_text(SEED_002)
    posts = segment.embedded_posts(text)
    assert len(posts) == 1
    post = posts[0]
    assert post.handle == "@NahBabyNah" and post.date == "May 30, 2024"
    assert text[post.start:post.end].startswith("Report: NATO Meeting to Discuss")
    assert text[post.start:post.end].endswith("(@NahBabyNah) May 30, 2024")


def test_seed_000_has_no_embedded_post_and_two_quotations_of_a_few_words():
    text = seed_text(SEED_000)
    assert segment.embedded_posts(text) == []
    quoted = [text[s:e] for s, e in segment.quotations(text)]
    assert quoted[:2] == ["“neutralize”", "“serious consequences”"]
    assert len(quoted) == 3


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_sentences_and_tokens_are_exact_spans_of_any_text(text):
    for sentence in segment.sentences(text):
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start:sentence.end].strip() == text[sentence.start:sentence.end]
    for token in segment.tokenize(text):
        assert text[token.start:token.end] == token.text


def test_no_is_an_abbreviation_only_before_a_number():
    assert sentence_texts("He ranked No. 5 in the poll. Then he left.") == [
        "He ranked No. 5 in the poll.", "Then he left."]
    assert sentence_texts("The answer was no. Then he left.") == ["The answer was no.", "Then he left."]


def test_on_after_a_dotted_acronym_opens_a_sentence():
    assert sentence_texts("They met in the U.S. On Tuesday they flew home.") == [
        "They met in the U.S.", "On Tuesday they flew home."]


def test_abbreviations_are_the_stops_that_end_no_sentence():
    text = ("Both the U.S. and Germany agreed. Seth G. Jones met Gov. Smith at 5 p.m. on Jan. 5 in the U.S., "
            "then flew home to the U.S. The answer was no. Then No. 5 spoke.")
    assert [text[s:e] for s, e in segment.abbreviations(text)] == ["U.S.", "G.", "Gov.", "p.m.", "Jan.", "U.S.",
                                                                    "No."]
    # consistent with the sentence splitter: every stop it breaks at is outside these spans
    breaks = [s.end for s in segment.sentences(text)]
    assert not any(s < b <= e for s, e in segment.abbreviations(text) for b in breaks)


def test_doubled_apostrophes_quote_and_open_a_sentence():
    text = "He called it ''absurd,'' and left. ''We will win,'' he said. “Yes,” she said."
    assert [text[s:e] for s, e in segment.quotations(text)] == ["''absurd,''", "''We will win,''", "“Yes,”"]
    assert sentence_texts(text) == ["He called it ''absurd,'' and left.", "''We will win,'' he said.",
                                    "“Yes,” she said."]


def test_a_post_kept_as_tweet_markup_is_an_embed_with_its_handle_and_date():
    text = ('Sanders told the crowd.\n\n<tweet id="1" author="@MissDBunker" datetime="2015-12-02">Scanner: a name. '
            'Shooting began</tweet>\n\nThe outlet goes on.\n\n<tweet id="2" tweet-author="@hardball" '
            'tweet-date="February 8, 2016">Sanders leads<tweet/>.')  # West Journal's closing, and its full stop
    posts = segment.embedded_posts(text)
    assert [(p.handle, p.date, text[p.start:p.end][-8:]) for p in posts] == [
        ("@MissDBunker", "2015-12-02", "</tweet>"), ("@hardball", "February 8, 2016", "tweet/>.")]
    assert [s.voice for s in segment.sentences(text)] == ["outlet", "embed", "embed", "outlet", "embed"]
    [post] = segment.embedded_posts('<tweet pic="" author="realDonaldTrump" timestamp="1470067200">Mr. Khan</tweet>')
    assert (post.handle, post.date) == ("@realDonaldTrump", "2016-08-01")  # HuffPost's form: a Unix time stamp

