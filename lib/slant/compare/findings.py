"""Findings: at most five sentences that say what the numbers show, ranked, each with its evidence.

`findings` leads with the paired within-event comparisons of
`slant.compare.paired` (a clear difference first, ranked by effect size; then
"no clear difference" on the headline measures), and falls back on the
unpaired descriptions of `descriptive_findings` when the sources share too
few events for an interval. `Findings.lead` is the conclusion in one or two
sentences. Every sentence is computed from the tables, never written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..lexicon import Lexicon
from ..pipeline import Results
from ..sentiment import source_sentiment
from .paired import MEASURES_BY_KEY, PAIRED_MEASURES, paired_comparison, paired_sentence
from .speech import attribution_summary, outlet_sourcing
from .wording import words_by_source, naming_choices, term_density, terms_by_target

MAX_FINDINGS = 5
PAIRED_SECTION = "05_comparison"
HEADLINE_MEASURES = ("loaded_own_per_1000", "share_negative", "share_non_neutral_verbs")
ONE_ARTICLE_CAVEAT = ("Each source is represented by one article: these numbers describe those articles, not the "
                      "outlets, and support no statistical inference.")


@dataclass(frozen=True)
class Findings:
    """The conclusion (``lead``) and at most MAX_FINDINGS ranked sentences (``{"text", "section"}`` each)."""

    lead: str
    items: list = field(default_factory=list)


def findings(results: Results, lexicon: Lexicon | None = None, *, limit: int = MAX_FINDINGS,
             paired: pd.DataFrame | None = None) -> Findings:
    """The ranked findings of a corpus (see the module); ``paired`` reuses a `paired_comparison` table."""
    paired = paired_comparison(results) if paired is None else paired
    with_interval = paired[paired["verdict"] != "too few shared events"]
    if with_interval.empty:
        return _descriptive(results, lexicon, paired, limit)
    clear = with_interval[with_interval["verdict"] != "no clear difference"]
    clear = clear.assign(strength=clear["effect_size"].abs()).sort_values(
        ["strength", "n_shared_events"], ascending=[False, False], kind="stable")
    unclear = with_interval[(with_interval["verdict"] == "no clear difference")
                            & with_interval["measure"].isin(HEADLINE_MEASURES)]
    unclear = unclear.assign(order=unclear["measure"].map(HEADLINE_MEASURES.index)).sort_values(
        ["order", "n_shared_events"], ascending=[True, False], kind="stable")
    chosen = pd.concat([clear.head(limit), unclear.head(max(0, limit - len(clear)))])
    items = [{"text": paired_sentence(row), "section": PAIRED_SECTION} for row in chosen.itertuples()]
    n_events = int(with_interval["n_shared_events"].max())
    n_pairs = with_interval[["source_a", "source_b"]].drop_duplicates().shape[0]
    if clear.empty:
        lead = (f"On the events both sources of a pair covered (up to {n_events}), none of the "
                f"{len(with_interval)} paired comparisons ({n_pairs} source pair{'s' if n_pairs != 1 else ''} × "
                f"{len(PAIRED_MEASURES)} measures) shows a clear difference: the sources' wording, tone and "
                f"sourcing differ from event to event, but not consistently.")
    else:
        top = clear.iloc[0]
        first = top["source_a"] if top["mean_difference"] > 0 else top["source_b"]
        lead = (f"{len(clear)} of {len(with_interval)} paired comparisons ({n_pairs} source pair"
                f"{'s' if n_pairs != 1 else ''} × {len(PAIRED_MEASURES)} measures, on up to {n_events} shared "
                f"events) show a clear difference; the strongest: {first} "
                f"{MEASURES_BY_KEY[top['measure']].more}. The others show no clear difference.")
    return Findings(lead + " Differences are paired within events, so story choice does not count as wording.",
                    items)


def _descriptive(results: Results, lexicon: Lexicon | None, paired: pd.DataFrame, limit: int) -> Findings:
    """When no pair shares enough events: the unpaired descriptions, most telling first, under a caveat."""
    statements = descriptive_findings(results, lexicon)
    one_article = results.articles.groupby("source", observed=True).size().max() < 2
    lead = ONE_ARTICLE_CAVEAT if one_article else (
        "The sources share too few events for a paired comparison with an interval (at least "
        f"{paired.attrs.get('min_events', 5)} are needed), so these sentences describe the articles analysed, "
        "not the outlets.")
    ranked = [s for s in statements if s["kind"] != "caveat"]
    # every source's density first (the headline measure), then one statement of each other kind in turn
    first = [s for s in ranked if s["kind"] == "density"]
    rest = [s for s in ranked if s["kind"] != "density"]
    turns = {}
    for statement in rest:
        turns.setdefault(statement["kind"], []).append(statement)
    order = ("registers", "naming", "targets", "sourcing", "sentiment")
    for depth in range(max((len(v) for v in turns.values()), default=0)):
        first += [turns[kind][depth] for kind in order if kind in turns and depth < len(turns[kind])]
    return Findings(lead, first[:limit])


def descriptive_findings(results: Results, lexicon: Lexicon | None = None) -> list[dict[str, str]]:
    """Unpaired, per-source sentences computed from the numbers (never written by hand): descriptions.

    Each is ``{"text": …, "section": …, "kind": …}``, the section being the
    notebook that shows the evidence (the report links to it), the kind what
    it describes (density, targets, naming, sentiment, sourcing, registers, caveat).
    """
    density = term_density(results, lexicon)
    own = density[density["voice"] == "outlet"]
    by_source = own.groupby("source", observed=True)[["n_terms"]].sum().join(
        words_by_source(results).rename("n_words"))
    lines = []
    for source, row in by_source.iterrows():
        top = own[(own["source"] == source) & (own["n_terms"] > 0)].sort_values("n_terms", ascending=False)
        detail = ", ".join(f"{r.label.lower()} {r.n_terms}" for r in top.head(3).itertuples()) or "none"
        lines.append({"section": "01_loaded_language", "kind": "density",
                      "text": f"{source} uses {1000 * row.n_terms / max(1, row.n_words):.1f} loaded terms per 1,000 "
                              f"words in its own voice ({int(row.n_terms)} in {int(row.n_words)} words; most: {detail})."})
    targets = terms_by_target(results)
    for source, rows in targets.groupby("source", observed=True):
        top = rows.sort_values("n_terms", ascending=False).iloc[0]
        if top["n_terms"] > 0 and top["target"] != "(no actor)":
            lines.append({"section": "01_loaded_language", "kind": "targets",
                          "text": f"{source} aims {int(top['n_terms'])} of its {int(rows['n_terms'].sum())} own-voice "
                                  f"loaded terms at {top['target']}."})
    naming = naming_choices(results)
    for group, rows in naming.groupby("group"):
        uses = [f"{s} writes {', '.join(sorted(set(r['text'])))}" for s, r in rows.groupby("source", observed=True)]
        silent = [s for s in results.sources if s not in set(rows["source"])]
        uses += [f"{', '.join(silent)} {'uses' if len(silent) == 1 else 'use'} neither form"] if silent else []
        lines.append({"section": "01_loaded_language", "kind": "naming", "text": f"Naming ({group}): {'; '.join(uses)}."})
    sentiment = source_sentiment(results.sentences)
    for row in sentiment.itertuples():
        lines.append({"section": "02_sentiment", "kind": "sentiment",
                      "text": f"{row.source}: mean sentence sentiment {row.mean_compound:+.2f} (VADER compound, -1 to "
                              f"+1); {row.share_negative:.0%} of its {row.n_sentences} sentences (embedded posts "
                              f"excluded) are negative."})
    attribution = attribution_summary(results)
    for row in attribution.itertuples():
        lines.append({"section": "03_attribution", "kind": "sourcing",
                      "text": f"{row.source} attributes {row.n_attributions} statements to {row.n_speakers} speakers; "
                              f"{row.share_direct:.0%} are direct quotes and {row.share_vague:.0%} come from vague "
                              f"sources."})
    for row in _register_findings(results):
        lines.append({"section": "05_comparison", "kind": "registers", "text": row})
    if results.articles.groupby("source", observed=True).size().max() < 2:
        lines.append({"section": "05_comparison", "kind": "caveat", "text": ONE_ARTICLE_CAVEAT})
    return lines




def _verb_list(cues: pd.Series) -> str:
    """ "warned ×2, stressed": each verb as written, most used first, with its count when above one."""
    counts = cues.str.lower().replace({":": "a colon"}).value_counts(sort=False)  # "Sanders: …" in a headline
    ordered = sorted(counts.index, key=lambda cue: -counts[cue])
    return ", ".join(f"{cue} ×{counts[cue]}" if counts[cue] > 1 else cue for cue in ordered)


def _register_findings(results: Results) -> list[str]:
    """One sentence per source and actor whose speakers get one register in at least 60% of 2+ attributions."""
    said = outlet_sourcing(results.attributions)
    said = said[said["actor"].notna()]
    lines = []
    for (source, actor), group in said.groupby(["source", "actor"], observed=True):
        registers = group["register"].astype(str).value_counts()
        top, n = registers.index[0], int(registers.iloc[0])
        if len(group) < 2 or n / len(group) < 0.6:
            continue
        verbs = _verb_list(group.loc[group["register"].astype(str) == top, "cue"])
        text = (f"{source} reports {actor}'s speakers with {top.replace('_', ' ')} verbs in {n} of {len(group)} "
                f"attributions ({verbs})")
        others = group[group["register"].astype(str) != top]
        if len(others):
            text += "; the others: " + "; ".join(
                f"{_verb_list(rows['cue'])} ({register.replace('_', ' ')})"
                for register, rows in others.groupby(others["register"].astype(str), sort=False))
        lines.append(text + ".")
    return lines


