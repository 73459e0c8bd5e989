"""One person, one name per source: "Trump" and "Donald Trump" are one speaker across a source's articles.

Within an article, a surname already resolves to the full name named before
it (`speakers.Speakers.known`). An article that only ever says "Mr. Trump"
leaves the speaker "Trump"; `name_merges` finds, per source, the person
speakers named by a surname alone whose surname ends exactly one full name
of that source ("Trump" → "Donald Trump"; "Clinton" stays apart when the
source quotes both "Hillary Clinton" and "Bill Clinton"), and full names that
differ only in a middle name or initial ("Hillary Rodham Clinton" → the
source's more frequent "Hillary Clinton"). `merge_speakers` applies them, so
that every count and its evidence read one name; the attributions table
keeps each name as the article resolved it, and the merges are listed
(`compare.speaker_merges`). Only full names whose every word may be part of
a person's name take part ("Yet Clinton", "Minnesota Democratic" do not).
"""

from __future__ import annotations

import weakref

import pandas as pd

from .speakers import personal_name

MERGE_COLUMNS = ["source", "as_written", "merged_into", "n_attributions"]


def _merges_of_source(counts: pd.Series) -> dict[str, str]:
    """``name -> full name`` for one source's person speakers (``counts``: attributions per name)."""
    full = {name: name.split() for name in counts.index if len(name.split()) >= 2 and personal_name(name)}
    merges: dict[str, str] = {}
    by_ends: dict[tuple[str, str], list[str]] = {}
    for name, words in full.items():
        by_ends.setdefault((words[0], words[-1]), []).append(name)
    for names in by_ends.values():  # "Hillary Rodham Clinton", "Hillary Clinton": the most frequent form
        if len(names) > 1:
            keep = max(names, key=lambda n: (counts[n], -len(n), n))
            merges.update({n: keep for n in names if n != keep})
    surnames: dict[str, set[str]] = {}
    for name, words in full.items():
        surnames.setdefault(words[-1], set()).add(merges.get(name, name))
    for name in counts.index:
        if " " not in name and len(surnames.get(name, ())) == 1:
            merges[name] = next(iter(surnames[name]))
    return merges


def name_merges(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per source, each person speaker's name that another name of the same person replaces (`MERGE_COLUMNS`)."""
    people = attributions[(attributions["speaker_type"] == "person") & attributions["speaker"].notna()]
    rows = []
    for source, group in people.groupby("source", observed=True):
        counts = group["speaker"].astype(str).value_counts()
        for written, merged in sorted(_merges_of_source(counts).items()):
            rows.append({"source": str(source), "as_written": written, "merged_into": merged,
                         "n_attributions": int(counts[written])})
    return pd.DataFrame(rows, columns=MERGE_COLUMNS)


_MERGED: dict[int, tuple[weakref.ref, pd.DataFrame]] = {}  # id(attributions) -> (that table, its merged copy)


def merge_speakers(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions with each merged name replaced by the name it merges into (a copy; `name_merges`); a merged
    name without an actor takes the one its full name most often has in that source ("Trump": Trump). Computed once
    per table while it lives: every count of a report asks for it."""
    key = id(attributions)
    hit = _MERGED.get(key)
    if hit is not None and hit[0]() is attributions:
        return hit[1]
    merged = _merged(attributions, name_merges(attributions))
    _MERGED[key] = (weakref.ref(attributions, lambda _, key=key, cache=_MERGED: cache.pop(key, None)), merged)
    return merged


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
