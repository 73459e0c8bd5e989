"""Shapes of short quotations: quoted sentences, mentions, titles and fragments (slant.lexicon.quote_shape)."""

import pytest

from slant import segment
from slant.lexicon import quote_shape


def fragments(text):
    """The fragments among the quotations of a one-sentence text, as printed."""
    return [text[s:e] for s, e in quote_shape.fragment_quotations(text, 0, segment.quotations(text))]


@pytest.mark.parametrize("text, expected", [
    ("Macron said Ukraine should “neutralize” bases.", ["“neutralize”"]),
    ("“It was a prank,” Weiner said.", []),
    ("“Well, which is it?” Scalia asked.", []),
    ("Netanyahu responded, “There is no bus.”", []),
    ("He immediately asks, “who are you?” before leaving.", []),  # a question is a whole utterance
    ("Netanyahu responded, “no bus,” and left.", ["“no bus,”"]),  # lower case: a fragment in his syntax
    ("“Birthers” have demanded proof.", []),  # one capital at a sentence start: read as a name (ambiguous)
    ("But “birthers” have demanded proof.", ["“birthers”"]),
    ("“Legitimate rape” is not a term doctors use.", ["“Legitimate rape”"]),  # opens, but no closing stop
    ("FactCheck.org rated the ad as “false,” noting errors.", ["“false,”"]),
    ("“Progressivism,” he declared, “is eating the Constitution.”", []),
    ("“Progressivism,” he declared on a long winding stage in Iowa, “is eating it.”", ["“is eating it.”"]),
    ("He used the word “theology” and the term “radical.”", []),
    ("Groups with the name “tea party” or “patriot.”", []),
    ("Groups with the name “tea party” called it “rigged.”", ["“rigged.”"]),  # not coordinated with the mention
    ("He praised “Gone With The Wind” and “crazy” ideas.", ["“crazy”"]),
])
def test_fragments_are_quotations_inside_the_reporters_syntax(text, expected):
    assert fragments(text) == expected


def test_a_quotation_opening_a_later_sentence_is_judged_from_that_sentence_start():
    text = "He paused. “Not a proud day,” he said."
    start = text.index("“")
    assert quote_shape.is_quoted_sentence(text, start, (start, text.index("”") + 1))
    assert not quote_shape.is_quoted_sentence(text, 0, (start, text.index("”") + 1))


def test_is_title_needs_every_content_word_capitalised():
    assert quote_shape.is_title("Fast and Furious")
    assert not quote_shape.is_title("Ground Zero mosque")
    assert not quote_shape.is_title("and Furious")
    assert quote_shape.is_title("Today")
