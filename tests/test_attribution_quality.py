"""Tests for the speaker-quality check (attribution.quality): invented speakers, each problem and its negatives."""

from __future__ import annotations

import pytest

from slant.attribution.quality import PROBLEMS, speaker_check, speaker_problem


@pytest.mark.parametrize("speaker, problem", [
    ("he", "pronoun"), ("They", "pronoun"), ("we", "pronoun"),
    ("who", "clause word"), ("that", "clause word"), ("Despite Marta Quill", "clause word"),
    ("When asked", "clause word"),
    ("indictment", "non-person noun"), ("the promise", "non-person noun"), ("prayers and good wishes", "non-person noun"),
])
def test_each_problem_is_named(speaker, problem):
    assert speaker_problem(speaker) == problem


@pytest.mark.parametrize("speaker", [
    "Marta Quill", "Quill", "officials", "many officials on the island", "two aides", "the administration",
    "the writer", "@quillreports", "", None,
])
def test_speakers_a_reader_can_quote_have_no_problem(speaker):
    assert speaker_problem(speaker) is None


def test_the_check_counts_speakers_and_leaves_out_absent_ones():
    check = speaker_check(["Marta Quill", "he", None, float("nan"), "indictment", "officials", "who"])
    assert check.speakers == 5
    assert check.problems == {"pronoun": 1, "clause word": 1, "non-person noun": 1}
    assert check.share == 3 / 5
    assert tuple(check.problems) == PROBLEMS


def test_no_speakers_is_a_share_of_zero():
    assert speaker_check([None]).share == 0.0 and speaker_check([]).speakers == 0
