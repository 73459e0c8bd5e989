"""Attribution per source: who speaks, through which verbs, with what share of voice.

An embedded social post is one attribution (speaker type ``embed``: the post
spoken by its @handle) in the attributions table, but it is its author's
words reproduced, not the outlet's sourcing; a negated speech act ("Trump has
never asked Mexico for payment", ``negated`` true) is a statement that was not
made. Both stay in the attributions table, and every per-source aggregate here
leaves them out (`outlet_sourcing`); `embedded_attributions` and
`negated_attributions` count what was left out so that charts can say so. A
person's names merge per source ("Trump" and "Donald Trump": `speaker_merges`).
"""

from __future__ import annotations

import pandas as pd

from ..attribution.names import merge_speakers, name_merges
from ..pipeline import Results
from .wording import words_by_source


EMBED = "embed"  # the speaker type of an embedded social post


def _negated(attributions: pd.DataFrame) -> pd.Series:
    """True for a negated speech act (a results table written before the column existed has none)."""
    if "negated" not in attributions.columns:
        return pd.Series(False, index=attributions.index)
    return attributions["negated"].fillna(False).astype(bool)


def outlet_sourcing(attributions: pd.DataFrame) -> pd.DataFrame:
    """The attributions that are the outlet's sourcing: all but embedded social posts and negated speech acts,
    one name per person in each source ("Trump" → "Donald Trump": `speaker_merges`)."""
    keep = (attributions["speaker_type"] != EMBED) & ~_negated(attributions)
    return merge_speakers(attributions)[keep]


def speaker_merges(results: Results) -> pd.DataFrame:
    """The names merged in each source's counts: a surname alone into the one full name it ends, a full name into
    its more frequent form (``source``, ``as_written``, ``merged_into``, ``n_attributions``)."""
    return name_merges(results.attributions)


def embedded_attributions(results: Results) -> dict[str, int]:
    """Per source: embedded social posts among its attributions (left out of the aggregates), sources with none omitted."""
    counts = results.attributions[results.attributions["speaker_type"] == EMBED].groupby("source", observed=True).size()
    return {str(source): int(n) for source, n in counts.items() if n}


def negated_attributions(results: Results) -> dict[str, int]:
    """Per source: negated speech acts ("did not say") among its attributions (left out of the aggregates), none omitted."""
    said = results.attributions
    counts = said[_negated(said) & (said["speaker_type"] != EMBED)].groupby("source", observed=True).size()
    return {str(source): int(n) for source, n in counts.items() if n}


def speaker_counts(results: Results) -> pd.DataFrame:
    """Per source and speaker: attributions and words of attributed content (embedded posts, negated acts left out)."""
    said = outlet_sourcing(results.attributions)
    table = said.assign(speaker=said["speaker"].fillna("(unnamed)"), actor=said["actor"].fillna("(no actor)"),
                        content_words=said["content"].fillna("").str.count(r"\w+"))
    return (table.groupby(["source", "speaker", "actor", "speaker_type"], observed=True)
            .agg(n_attributions=("cue", "size"), content_words=("content_words", "sum"))
            .reset_index().sort_values(["source", "n_attributions"], ascending=[True, False]).reset_index(drop=True))


def register_counts(results: Results) -> pd.DataFrame:
    """Per source and reporting-verb register: attributions and share of the source's (embedded posts, negated acts left out)."""
    counts = outlet_sourcing(results.attributions).groupby(["source", "register"], observed=True).size().rename("n_attributions")
    table = counts.reset_index()
    table["share"] = table["n_attributions"] / table.groupby("source", observed=True)["n_attributions"].transform("sum")
    return table


def attribution_summary(results: Results) -> pd.DataFrame:
    """Per source: attributions, per 1,000 words, and shares direct / indirect / mixed / vague."""
    words = words_by_source(results)
    rows = []
    for source in results.sources:
        own = outlet_sourcing(results.attributions)
        own = own[own["source"] == source]
        n = len(own)
        share = (lambda mask: float(mask.mean()) if n else float("nan"))
        rows.append({"source": source, "n_attributions": n,
                     "attributions_per_1000_words": 1000 * n / words[source] if words[source] else float("nan"),
                     "share_direct": share(own["kind"] == "direct"), "share_indirect": share(own["kind"] == "indirect"),
                     "share_mixed": share(own["kind"] == "mixed"), "share_vague": share(own["speaker_type"] == "vague"),
                     "n_speakers": own["speaker"].nunique()})
    return pd.DataFrame(rows)


def register_by_actor(results: Results) -> pd.DataFrame:
    """Per source, actor and register: how many of the actor's speakers' statements use that register."""
    known = outlet_sourcing(results.attributions)
    known = known.assign(actor=known["actor"].fillna("(no actor)"))
    return (known.groupby(["source", "actor", "register"], observed=True).size().rename("n_attributions")
            .reset_index())


def share_of_voice(results: Results) -> pd.DataFrame:
    """Per source and actor: attributions and words of attributed content, and their shares of the source's."""
    table = outlet_sourcing(results.attributions)
    table = table.assign(actor=table["actor"].fillna("(no actor)"),
                         content_words=table["content"].fillna("").str.count(r"\w+"))
    grouped = (table.groupby(["source", "actor"], observed=True)
               .agg(n_attributions=("cue", "size"), content_words=("content_words", "sum")).reset_index())
    totals = grouped.groupby("source", observed=True)[["n_attributions", "content_words"]].transform("sum")
    grouped["share_of_attributions"] = grouped["n_attributions"] / totals["n_attributions"]
    grouped["share_of_content_words"] = grouped["content_words"] / totals["content_words"].where(totals["content_words"] > 0)
    return grouped.sort_values(["source", "n_attributions"], ascending=[True, False]).reset_index(drop=True)


def unknown_cues(results: Results) -> pd.DataFrame:
    """Reporting cues that the verb-register file does not classify, for the user to add."""
    unknown = results.attributions[results.attributions["register"] == "unknown"]
    return (unknown.groupby(["cue"], observed=True).size().rename("n_uses").reset_index()
            .sort_values(["n_uses", "cue"], ascending=[False, True]).reset_index(drop=True))


def actor_verbs(results: Results) -> pd.DataFrame:
    """For each source and actor: the reporting verbs used for the actor's speakers, with their registers
    (embedded posts left out: they are not the outlet's sourcing)."""
    known = outlet_sourcing(results.attributions)
    known = known[known["actor"].notna()]
    rows = [{"source": source, "actor": actor, "n_attributions": len(group),
             "verbs": ", ".join(f"{cue} ({register})" for cue, register in zip(group["cue"], group["register"]))}
            for (source, actor), group in known.groupby(["source", "actor"], observed=True)]
    return pd.DataFrame(rows, columns=["source", "actor", "n_attributions", "verbs"])
