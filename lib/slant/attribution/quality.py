"""A check of the speakers a reader sees: how many name no one a reader could quote.

`speaker_problem` says why a speaker is untrustworthy, or None: a ``pronoun``
("he", "they": a pronoun left unresolved), a ``clause word`` (a conjunction,
relative or subordinator opening it: "who", "that", "Despite Trump", "When
asked"), or a ``non-person noun`` (lower case throughout, and the head of it,
or of one of its parts joined by "and", is no noun of persons, organisations
or a quantifier standing for people: "indictment", "promise", "prayers and
good wishes"; "many of them", "officials on the island" are fine). The word
lists are those of ``data/speaker_titles.yaml`` (pronouns, first person,
relatives, not_speaker_openers, people_nouns). `speaker_check` counts them
over a column of speakers; absent speakers (None) are not counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .speakers import WRITER, Speakers, load_speaker_titles

PROBLEMS = ("pronoun", "clause word", "non-person noun")


@lru_cache(maxsize=1)
def _judge() -> Speakers:
    from ..actors import Actors

    return Speakers("", Actors({}, {}, "none"), load_speaker_titles())  # only its word lists are used


def speaker_problem(speaker: str | None) -> str | None:
    """Why ``speaker`` names no one a reader could quote (one of `PROBLEMS`), or None when it does."""
    if not speaker or speaker == WRITER or speaker.startswith("@"):
        return None
    judge = _judge()
    lists = judge.lists
    if speaker in lists["first_person"] or any(speaker in words for words in lists["pronouns"].values()):
        return "pronoun"
    if speaker.split()[0].lower() in judge.clause_words:
        return "clause word"
    if not judge.named(speaker) and not judge.denotes_people(speaker):
        return "non-person noun"
    return None


@dataclass(frozen=True)
class SpeakerCheck:
    """Speakers counted, and how many of them have each problem; ``share`` of them with any (0–1)."""

    speakers: int
    problems: dict[str, int]

    @property
    def share(self) -> float:
        return sum(self.problems.values()) / self.speakers if self.speakers else 0.0


def speaker_check(speakers: Iterable[str | None]) -> SpeakerCheck:
    """Count the speakers (None left out) and their problems (see `speaker_problem`)."""
    counted, problems = 0, Counter()
    for speaker in speakers:
        if speaker is None or speaker != speaker:  # None or NaN: no speaker shown
            continue
        counted += 1
        if problem := speaker_problem(speaker):
            problems[problem] += 1
    return SpeakerCheck(counted, {p: problems.get(p, 0) for p in PROBLEMS})
