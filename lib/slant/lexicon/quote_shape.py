"""What a short quotation is doing in its sentence: quoting a sentence, naming a word, or borrowing words.

Only a *fragment* of someone's words set inside the reporter's own syntax is a
partial quote (attributed) or a scare quote (unattributed). Three shapes are
not: a quoted **title or name** (“Fast and Furious”); a **quoted sentence**,
however short (“It was a prank,” Weiner said. / Asked, “Is that you?”), which
is the speaker's whole utterance; and a **mention** of a word rather than a use
of it (he used the word “theology”; groups with the name “tea party” or
“patriot”), where the quotation marks name the word (Quine's use/mention
distinction; Chicago Manual of Style 7.63, "words used as words").

Pure functions of the text and character spans; quotation spans include
their marks.
"""

from __future__ import annotations

import re

SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with"}
# Nouns that introduce a word as a word ("the word “X”", "the slogan “X”").
MENTION_NOUNS = re.compile(
    r"\b(?:words?|terms?|phrases?|names?|labels?|slogans?|expressions?|mottos?|catchphrases?|nicknames?|"
    r"headlines?|hashtags?|acronyms?|monikers?)\W*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.,?!…]['’]?\W{0,2}$")  # a quoted sentence closes on its own punctuation
OPENERS = "([{—–-'‘ \t\n"
COORDINATION = re.compile(r"^\W*(?:and|or|nor|,)?\W*$", re.IGNORECASE)
SPLIT_TAG_WORDS = 6  # “Progressivism,” he declared, “is eating …”: the tag between the pieces is short


def is_title(words: str) -> bool:
    """Every word capitalised: a title or a name in quotes (“Fast and Furious”, “Today” show), not a loaded phrase.

    A single capitalised word opening a sentence is ambiguous (“Today” show /
    “Birthers” have…); it is read as a name, so a count errs towards fewer terms.
    """
    tokens = re.findall(r"[^\W\d_][\w’'-]*", words)
    return bool(tokens) and all(t[0].isupper() or t in SMALL_WORDS for t in tokens) and tokens[0][0].isupper()


def _inner(text: str, quotation: tuple[int, int]) -> str:
    return text[quotation[0] + 1:quotation[1] - 1].strip()


def opens_utterance(text: str, sentence_start: int, quotation: tuple[int, int]) -> bool:
    """The quotation stands where an utterance starts: first in its sentence, or after "said," / ":"."""
    before = text[sentence_start:quotation[0]]
    inner = _inner(text, quotation)
    if not before.strip(OPENERS):
        return True
    # After "asks," or ":", a capital or a question/exclamation mark shows a whole utterance (asks, “who are you?”).
    return (bool(inner[:1].isupper()) or inner.rstrip("'’\"”").endswith(("?", "!"))) and before.rstrip().endswith((",", ":"))


def is_quoted_sentence(text: str, sentence_start: int, quotation: tuple[int, int]) -> bool:
    """A speaker's sentence in quotation marks: it opens an utterance and closes on punctuation inside the marks.

    '“It was a prank,” Weiner said.' and 'Asked, “Is that you?”' are quoted
    sentences; '“Birthers” have demanded proof' (no closing punctuation) and
    'rated it “false,”' (mid-sentence) are fragments.
    """
    inner = _inner(text, quotation)
    return opens_utterance(text, sentence_start, quotation) and bool(SENTENCE_END.search(inner))


def continues_split_quote(text: str, previous: tuple[int, int], quotation: tuple[int, int]) -> bool:
    """The second piece of a quoted sentence split by a short speech tag (“…,” he said, “…”)."""
    between = text[previous[1]:quotation[0]]
    return (_inner(text, previous).endswith(",") and between.rstrip().endswith(",")
            and len(re.findall(r"\w+", between)) <= SPLIT_TAG_WORDS)


def is_mention(text: str, sentence_start: int, quotation: tuple[int, int]) -> bool:
    """The quotation names a word ('the word “theology”', 'the name “tea party”') instead of using it."""
    return bool(MENTION_NOUNS.search(text, max(sentence_start, quotation[0] - 40), quotation[0]))


def is_coordinated(text: str, previous: tuple[int, int], quotation: tuple[int, int]) -> bool:
    """Joined to the previous quotation by 'and', 'or' or a comma ('“tea party” or “patriot”')."""
    return bool(COORDINATION.match(text[previous[1]:quotation[0]]))


def fragment_quotations(text: str, sentence_start: int, quotations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotations of one sentence (in order) that are fragments: neither titles, quoted sentences nor mentions.

    A piece that continues a quoted sentence, or is coordinated with a
    mention, shares its shape.
    """
    fragments, previous, previous_shape = [], None, None
    for quotation in quotations:
        if previous is not None and previous_shape == "sentence" and continues_split_quote(text, previous, quotation):
            shape = "sentence"
        elif previous is not None and previous_shape == "mention" and is_coordinated(text, previous, quotation):
            shape = "mention"
        elif is_quoted_sentence(text, sentence_start, quotation):
            shape = "sentence"
        elif is_mention(text, sentence_start, quotation):
            shape = "mention"
        elif is_title(_inner(text, quotation)):
            shape = "title"
        else:
            shape = "fragment"
            fragments.append(quotation)
        previous, previous_shape = quotation, shape
    return fragments
