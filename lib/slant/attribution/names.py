"""One person, one name per source: "Trump" and "Donald Trump" are one speaker across a source's articles.

Within an article, a surname already resolves to the full name named before
it (`speakers.Speakers.known`). An article that only ever says "Mr. Trump"
leaves the speaker "Trump"; `name_merges` finds, per source, the person
speakers named by a surname alone and merges each into the full name that
holds most (`DOMINANT_SHARE`) of the corpus's attributions to full names with
that surname ("Trump" → "Donald Trump" beside a few "Eric Trump"; "Cruz" →
"Ted Cruz", not the "Carla Cruz" a source quoted once), unless that source
quotes another person of that surname; and full names that differ only in a
middle name or initial ("Hillary Rodham Clinton" → the source's more frequent
"Hillary Clinton"). `merge_speakers` applies them, so
that every count and its evidence read one name; the attributions table
keeps each name as the article resolved it, and the merges are listed
(`compare.speaker_merges`). Only full names whose every word may be part of
a person's name take part ("Yet Clinton", "Minnesota Democratic" do not).
"""

from __future__ import annotations

import pandas as pd

from ..memo import per_results
from .speakers import personal_name

MERGE_COLUMNS = ["source", "as_written", "merged_into", "n_attributions"]


DOMINANT_SHARE = 0.8  # a surname alone stands for the full name with this share of the corpus's attributions
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})  # "Harry B. Harris Jr.": the surname is Harris


def _surname(words: list[str]) -> str:
    return words[-2] if words[-1] in SUFFIXES and len(words) > 2 else words[-1]


def _variants(counts: pd.Series) -> dict[str, str]:
    """Full names that differ only inside ("Hillary Rodham Clinton", "Hillary Clinton") → the most frequent form."""
    by_ends: dict[tuple[str, str], list[str]] = {}
    for name in counts.index:
        words = name.split()
        if len(words) >= 2 and personal_name(name):
            by_ends.setdefault((words[0], words[-1]), []).append(name)
    merges = {}
    for names in by_ends.values():
        if len(names) > 1:
            keep = max(names, key=lambda n: (counts[n], -len(n), n))
            merges.update({n: keep for n in names if n != keep})
    return merges


def _dominant_full_names(counts: pd.Series) -> dict[str, str]:
    """Surname → the full name that holds `DOMINANT_SHARE` of the attributions of the full names ending in it
    ("Cruz" → "Ted Cruz" in a corpus that also quotes a "Carla Cruz" once); no entry when none does."""
    variants = _variants(counts)
    totals: dict[str, dict[str, int]] = {}
    for name, n in counts.items():
        words = name.split()
        if len(words) >= 2 and personal_name(name):
            full = variants.get(name, name)
            totals.setdefault(_surname(words), {}).setdefault(full, 0)
            totals[_surname(words)][full] += int(n)
    dominant = {}
    for surname, fulls in totals.items():
        best = max(fulls, key=lambda f: (fulls[f], f))
        if fulls[best] >= DOMINANT_SHARE * sum(fulls.values()):
            dominant[surname] = best
    return dominant


def _merges_of_source(counts: pd.Series, dominant: dict[str, str]) -> dict[str, str]:
    """``name -> full name`` for one source's person speakers (``counts``: attributions per name): variants of a
    full name into its most frequent form; a surname alone into the corpus's dominant full name with it, unless
    the source quotes another person of that surname ("Alder" stays apart beside "Ruth Alder" and "Tom Alder")."""
    merges = _variants(counts)
    surnames: dict[str, set[str]] = {}
    for name in counts.index:
        words = name.split()
        if len(words) >= 2 and personal_name(name):
            surnames.setdefault(_surname(words), set()).add(merges.get(name, name))
    for name in counts.index:
        target = dominant.get(name) if " " not in name and name not in SUFFIXES else None
        if target is not None and surnames.get(name, set()) <= {target}:
            merges[name] = target
    return merges


def name_merges(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per source, each person speaker's name that another name of the same person replaces (`MERGE_COLUMNS`)."""
    people = attributions[(attributions["speaker_type"] == "person") & attributions["speaker"].notna()]
    dominant = _dominant_full_names(people["speaker"].astype(str).value_counts())
    rows = []
    for source, group in people.groupby("source", observed=True):
        counts = group["speaker"].astype(str).value_counts()
        for written, merged in sorted(_merges_of_source(counts, dominant).items()):
            rows.append({"source": str(source), "as_written": written, "merged_into": merged,
                         "n_attributions": int(counts[written])})
    return pd.DataFrame(rows, columns=MERGE_COLUMNS)


@per_results(copy=False)
def merge_speakers(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions with each merged name replaced by the name it merges into (a copy; `name_merges`); a merged
    name without an actor takes the one its full name most often has in that source ("Trump": Trump). Computed once
    per table while it lives (`memo.per_results`): every count of a report asks for it, and only reads it."""
    return _merged(attributions, name_merges(attributions))


def _merged(attributions: pd.DataFrame, merges: pd.DataFrame) -> pd.DataFrame:
    if merges.empty:
        return attributions
    people = (attributions["speaker_type"] == "person").to_numpy()
    sources = attributions["source"].astype(str)
    keys = sources + "\x00" + attributions["speaker"].astype(str)
    lookup = dict(zip(merges["source"] + "\x00" + merges["as_written"], merges["merged_into"]))
    replaced = keys.map(lookup).where(people)
    merged = replaced.fillna(attributions["speaker"]).astype(object).where(attributions["speaker"].notna() | replaced.notna())
    actor = attributions["actor"].astype(object)
    targets = set(merges["merged_into"])
    known = pd.DataFrame({"source": sources, "speaker": merged, "actor": actor})[people & merged.isin(targets).to_numpy()]
    known = known.dropna(subset=["actor"])
    if len(known):
        best = (known.value_counts(["source", "speaker", "actor"]).reset_index()
                .drop_duplicates(["source", "speaker"]))  # value_counts sorts the most frequent first
        best_of = dict(zip(best["source"] + "\x00" + best["speaker"], best["actor"]))
        fill = (sources + "\x00" + merged.astype(str)).map(best_of).where(replaced.notna() & actor.isna())
        actor = actor.where(fill.isna(), fill)
    return attributions.assign(speaker=merged, actor=actor)
