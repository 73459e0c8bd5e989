"""Loaded wording per source: densities per 1,000 own-voice words, naming choices, top terms, targets.

Densities count a source's articles together: its terms over its words, not a
mean of article densities. The ``source`` column keeps the corpus's categorical
order so charts colour sources alike.
"""

from __future__ import annotations

import pandas as pd

from ..lexicon import STRUCTURAL_CATEGORIES, STRUCTURAL_VOICE, Lexicon
from ..pipeline import Results


DENSITY_COLUMNS = ["source", "category", "label", "voice", "n_terms", "n_words", "terms_per_1000_words"]


VOICES = ("outlet", "paraphrase", "quoted")  # own words; a speaker's reworded by the outlet; quoted words


def category_labels(lexicon: Lexicon | None = None) -> dict[str, str]:
    """Category name → human label (lexicon files' ``label``, plus the structural ones)."""
    labels = {name: label for name, (label, _, _) in STRUCTURAL_CATEGORIES.items()}
    if lexicon is not None:
        labels.update({name: c.label for name, c in lexicon.categories.items()})
    return labels


def _category_flags(results: Results, lexicon: Lexicon | None) -> dict[str, bool]:
    """Category → counted as loaded wording (from the lexicon, else from the terms table)."""
    flags = {name: loaded for name, (_, _, loaded) in STRUCTURAL_CATEGORIES.items()}
    flags.update({name: c.loaded for name, c in (lexicon.categories.items() if lexicon else [])})
    for category, loaded in results.terms[["category", "loaded"]].drop_duplicates().itertuples(index=False):
        flags.setdefault(category, bool(loaded))
    return flags


def words_by_source(results: Results) -> pd.Series:
    """Words in each source's own voice (embedded posts excluded): the denominator of every per-1,000 density."""
    return results.articles.groupby("source", observed=False)["n_words_own_voice"].sum()


def term_density(results: Results, lexicon: Lexicon | None = None, *, loaded: bool = True) -> pd.DataFrame:
    """Per source, category and voice (outlet / paraphrase / quoted): count and terms per 1,000 words.

    ``loaded=True`` covers the categories counted as loaded wording;
    ``loaded=False`` the described ones (naming choices, hedges, factives…).
    Every (source, category, voice) combination is present, with zeros, so a
    missing bar means zero, not missing data.
    """
    labels = category_labels(lexicon)
    categories = sorted(c for c, flag in _category_flags(results, lexicon).items() if flag == loaded)
    words = words_by_source(results)
    terms = results.terms
    # a loaded category's match that the context model rejects in context (loaded False) is not counted
    counts = (terms[terms["voice"].isin(VOICES) & (terms["loaded"].astype(bool) == loaded)]
              .groupby(["source", "category", "voice"], observed=True).size())
    rows = []
    for source in results.sources:
        for category in categories:
            for voice in VOICES:
                if STRUCTURAL_VOICE.get(category, voice) != voice:
                    continue  # a partial quote is never in the outlet's voice, a scare quote always is
                n = int(counts.get((source, category, voice), 0))
                n_words = int(words.get(source, 0))
                rows.append({"source": source, "category": category, "label": labels.get(category, category),
                             "voice": voice, "n_terms": n, "n_words": n_words,
                             "terms_per_1000_words": 1000 * n / n_words if n_words else float("nan")})
    frame = pd.DataFrame(rows, columns=DENSITY_COLUMNS)
    frame["source"] = frame["source"].astype(results.articles["source"].dtype)
    return frame


def article_term_density(results: Results) -> pd.DataFrame:
    """Per article and category: loaded terms in the outlet's own voice per 1,000 words."""
    own = results.terms[(results.terms["voice"] == "outlet") & results.terms["loaded"].astype(bool)]
    counts = own.groupby(["article_id", "category"]).size().unstack(fill_value=0)
    table = results.articles.set_index("id")[["source", "n_words_own_voice"]].join(counts).fillna(0)
    categories = [c for c in counts.columns]
    for category in categories:
        table[category] = 1000 * table[category] / table["n_words_own_voice"]
    return table.rename_axis("article_id").reset_index()


def articles_overview(results: Results) -> pd.DataFrame:
    """The articles as a reader wants them listed: source, title, date, size and the note."""
    table = results.articles.rename(columns={"id": "article", "n_words": "words", "n_sentences": "sentences",
                                             "n_embedded_sentences": "sentences in embedded posts"})
    return table[["source", "article", "title", "date", "words", "sentences", "sentences in embedded posts", "note"]]


def naming_choices(results: Results) -> pd.DataFrame:
    """Which form of each contested name every source uses, and how often."""
    naming = results.terms[results.terms["category"] == "naming"]
    table = (naming.groupby(["group", "source", "variant", "text"], observed=True).size()
             .rename("n_uses").reset_index())
    return table.sort_values(["group", "source", "n_uses"], ascending=[True, True, False]).reset_index(drop=True)


TOP_TERM_COLUMNS = ["source", "term", "as_written", "category", "voice", "n_uses"]


def _as_written(texts: pd.Series) -> str:
    """The forms as printed, most used first (then in text order), e.g. "begging" for the lemma "beg"."""
    counts = texts.value_counts(sort=False)
    return ", ".join(sorted(counts.index, key=lambda form: -counts[form]))


def top_terms(results: Results, n: int = 10) -> pd.DataFrame:
    """The most frequent loaded terms of each source (naming choices excluded), with voice (TOP_TERM_COLUMNS).

    ``term`` is the lexicon's entry (a lemma: "beg"), ``as_written`` the
    forms the source printed ("begging"), most used first: the words the
    entry matched, not the phrase the context model grew around them.
    """
    terms = results.terms[results.terms["loaded"].astype(bool) & results.terms["voice"].isin(VOICES)]
    table = (terms.groupby(["source", "term", "category", "voice"], observed=True)
             .agg(as_written=("matched", _as_written), n_uses=("text", "size")).reset_index())
    table = table.sort_values(["source", "n_uses", "term"], ascending=[True, False, True])
    return table.groupby("source", observed=True).head(n).reset_index(drop=True)[TOP_TERM_COLUMNS]


def terms_by_target(results: Results) -> pd.DataFrame:
    """Loaded terms in the outlet's own voice, counted per source × target actor."""
    terms = results.terms[(results.terms["voice"] == "outlet") & results.terms["loaded"].astype(bool)]
    return (terms.assign(target=terms["target"].fillna("(no actor)"))
            .groupby(["source", "target"], observed=True).size().rename("n_terms").reset_index())


def target_matrix(results: Results) -> pd.DataFrame:
    """Own-voice loaded terms aimed at each actor (rows) per source (columns), zeros included."""
    table = terms_by_target(results).pivot_table(index="target", columns="source", values="n_terms",
                                                 fill_value=0, observed=False, aggfunc="sum")
    table = table.reindex(columns=results.sources, fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index].rename_axis(index="target actor",
                                                                                        columns=None)
