"""Cross-source comparison: alignment, distinctive words, actor framing, intervals, findings."""

import numpy as np
import pandas as pd
import pytest

from slant import align, compare, vocabulary
from slant.corpus import load_corpus
from slant.pipeline import Config, analyze_corpus
from helpers import SEED_000, SEED_002, seed_text


@pytest.fixture(scope="module")
def aligned(seed_results):
    return align.align_sentences(seed_results, Config.load().actors)


def pair_of(aligned, start_a):
    rows = aligned[aligned["text_a"].str.startswith(start_a)]
    assert len(rows) == 1, aligned[["text_a", "text_b"]]
    return rows.iloc[0]


def test_begging_sentence_pairs_with_seeking_permission(aligned):
    pair = pair_of(aligned, "Kiev has been begging its Western backers")
    assert pair["text_b"].startswith("Ukraine has been seeking permission from its allies")
    assert (pair["article_a"], pair["article_b"]) == (SEED_000, SEED_002)


def test_stoltenberg_purportedly_sentence_pairs_with_002s_stoltenberg_sentence(aligned):
    pair = pair_of(aligned, "The US and Germany have so far opposed striking")
    assert pair["text_b"].startswith("However, NATO Secretary General Jens Stoltenberg has indicated")


def test_each_sentence_is_aligned_at_most_once_and_above_the_threshold(aligned):
    assert not aligned.duplicated(["article_a", "sentence_a"]).any()
    assert not aligned.duplicated(["article_b", "sentence_b"]).any()
    assert (aligned["similarity"] >= align.ALIGNMENT_THRESHOLD).all()


def test_omissions_are_the_unaligned_sentences(seed_results, aligned):
    only = align.unmatched_sentences(seed_results, aligned)
    own = (seed_results.sentences["voice"] == "outlet").sum()
    assert len(only) == own - 2 * len(aligned)
    assert only["text"].str.startswith("Russian President Vladimir Putin has already strongly warned").any()
    assert only["text"].str.startswith("Despite concerns about potential Russian escalation").any()


def test_pair_differences_show_loaded_terms_and_verbs(seed_results, aligned):
    differences = align.pair_differences(seed_results, aligned)
    begging = differences[differences["text_a"].str.startswith("Kiev has been begging")].iloc[0]
    assert "begging (emotive)" in begging["loaded_terms_a"] and begging["loaded_terms_b"] == "—"
    assert "begging" in begging["attribution_a"] and "seeking" in begging["attribution_b"]


def test_word_diff_marks_differences_and_escapes():
    left, right = align.word_diff_html("Kiev is <begging> now", "Ukraine is asking now")
    assert "&lt;" in left and "<begging>" not in left
    assert "<del>Kiev</del>" in left and "<del>is</del>" not in left
    assert "<ins>Ukraine</ins>" in right and "<ins>now</ins>" not in right
    changed, _ = align.word_diff_html("A section of the bridge fell.", "The bridge fell.")
    assert changed == "<del>A section of</del> the bridge fell."  # one mark per changed run, spaces inside it
    shaded = align.pairs_html(pd.DataFrame([{"source_a": "A", "source_b": "B", "similarity": 0.5, "text_a": "Kiev is",
                                             "text_b": "Ukraine is", "loaded_terms_a": "—", "loaded_terms_b": "—",
                                             "attribution_a": "—", "attribution_b": "—", "compound_a": 0.0,
                                             "compound_b": 0.0}]))
    assert align.PAIRS_CSS in shaded and "del{background:#fde0dd" in shaded  # the page says how to shade them


def test_log_odds_with_dirichlet_prior_matches_the_formula():
    focus, rest, prior = np.array([10.0, 0.0]), np.array([2.0, 8.0]), np.array([12.0, 8.0])
    delta, z = vocabulary.log_odds_z(focus, rest, prior)
    expected0 = np.log((10 + 12) / (10 + 20 - 10 - 12)) - np.log((2 + 12) / (10 + 20 - 2 - 12))
    assert delta[0] == pytest.approx(expected0)
    assert z[0] == pytest.approx(expected0 / np.sqrt(1 / 22 + 1 / 14))
    assert z[1] < 0


def test_distinctive_words_of_the_seeds(seed_results):
    # Was ["western", "kiev", "us"] and "u.s." first for Outlet 002: one outlet's "US" and the other's "U.S." were
    # two words, and "US" was lower-cased into the pronoun. Both are the word "US" now, 5 times in each outlet's
    # own voice (seed 000 prints "US" 5 times besides "US-led", a word of its own; seed 002 "U.S." 5 times).
    words = vocabulary.distinctive_words(seed_results, top=3)
    assert list(words[words["source"] == "Outlet 000"]["word"]) == ["western", "kiev", "missiles"]
    assert list(words[words["source"] == "Outlet 002"]["word"])[0] == "concerns"
    assert vocabulary.word_counts(seed_results).loc["US"].to_dict() == {"Outlet 000": 5, "Outlet 002": 5}


def test_actor_framing_matrices(seed_results):
    verbs = compare.actor_verbs(seed_results).set_index(["source", "actor"])
    assert verbs.loc[("Outlet 000", "Russia"), "verbs"].count("(assertive)") == 5
    assert "begging (emotive)" in verbs.loc[("Outlet 000", "Ukraine"), "verbs"]
    mentions = compare.actor_mentions_matrix(seed_results)
    assert list(mentions.columns) == ["Outlet 000", "Outlet 002"] and mentions.loc["The West", "Outlet 002"] == 0
    tone = compare.actor_sentiment_matrix(seed_results)
    assert np.isnan(tone.loc["The West", "Outlet 002"])


def test_names_inside_the_embedded_tweet_are_not_the_outlets_mentions(seed_results):
    import re

    from slant.pipeline import Config

    mentions = seed_results.mentions
    # regression pins (the engine's counts) ...
    assert mentions.groupby(["source", "voice"], observed=True).size().to_dict() == {
        ("Outlet 000", "outlet"): 61, ("Outlet 000", "quoted"): 3, ("Outlet 002", "embed"): 7,
        ("Outlet 002", "outlet"): 42}
    # ... checked by another method: every alias of the packaged actors as a whole word, longest first
    aliases = sorted(Config.load().actors.alias_to_actor, key=len, reverse=True)
    plain = re.compile(r"(?<![\w’'])(?:%s)(?!\w)" % "|".join(map(re.escape, aliases)))
    assert [len(plain.findall(seed_text(a))) for a in (SEED_000, SEED_002)] == [61 + 3, 42 + 7]
    post = seed_results.embeds.iloc[0]
    inside = mentions[(mentions["article_id"] == post.article_id) & (mentions["start"] >= post.start)
                      & (mentions["end"] <= post.end)]
    assert set(inside["voice"]) == {"embed"} and len(inside) == 7
    assert sorted(inside["actor"]) == ["France", "NATO", "NATO", "Russia", "Ukraine", "Ukraine", "United States"]
    assert compare.embedded_mentions(seed_results) == {"Outlet 002": 7}
    matrix = compare.actor_mentions_matrix(seed_results)
    assert matrix["Outlet 002"].to_dict() == {"Russia": 12, "Ukraine": 10, "United States": 9, "NATO": 6,
                                              "The West": 0, "France": 4, "Germany": 1}
    assert matrix["Outlet 000"].sum() == 64  # quotations count: a name in a quotation is still the outlet's choice


def test_bootstrap_gives_intervals_only_for_sources_with_several_articles(three_source_corpus):
    results = analyze_corpus(load_corpus(three_source_corpus), Config.load())
    intervals = compare.bootstrap_intervals(results, resamples=200)
    agency = intervals[intervals["source"] == "Agency A"]
    assert (agency["n_articles"] == 2).all() and agency["low"].notna().all()
    assert (agency["low"] <= agency["value"]).all() and (agency["value"] <= agency["high"]).all()
    assert intervals[intervals["source"] == "Daily B"]["low"].isna().all()
    again = compare.bootstrap_intervals(results, resamples=200)
    pd.testing.assert_frame_equal(intervals, again)


def test_findings_are_computed_and_point_to_their_section(seed_results):
    found = compare.descriptive_findings(seed_results)
    texts = [f["text"] for f in found]
    assert any(t.startswith("Outlet 000 uses ") and "loaded terms per 1,000 words" in t for t in texts)
    assert "Naming (Kyiv/Kiev): Outlet 000 writes Kiev; Outlet 002 uses neither form." in texts
    assert all(f["section"] in ("01_loaded_language", "02_sentiment", "03_attribution", "05_comparison") for f in found)
    assert texts[-1].startswith("Each source is represented by one article")


def test_register_findings_count_the_verbs_and_name_the_others(seed_results_rules):
    # pins on the rule extractor's seed output (the tagger adds two attributions: test_attribution)
    texts = [f["text"] for f in compare.descriptive_findings(seed_results_rules) if f["section"] == "05_comparison"]
    assert texts[:2] == [
        "Outlet 000 reports Russia's speakers with assertive verbs in 5 of 5 attributions "
        "(warned ×2, stressing, stressed, warning).",
        "Outlet 000 reports Ukraine's speakers with neutral verbs in 3 of 5 attributions (asked, said, according to); "
        "the others: begging ×2 (emotive).",
    ]


def test_register_by_actor_shows_who_is_warned_and_who_begs(seed_results):
    table = compare.register_by_actor(seed_results).set_index(["source", "actor", "register"])["n_attributions"]
    assert table[("Outlet 000", "Russia", "assertive")] == 5
    assert table[("Outlet 000", "Ukraine", "emotive")] == 2
    assert ("Outlet 002", "Ukraine", "emotive") not in table.index


def test_the_embedded_tweet_is_kept_in_the_table_but_not_counted_as_the_outlets_sourcing(seed_results_rules):
    # pins on the rule extractor's seed output (the tagger adds two attributions: test_attribution)
    said = seed_results_rules.attributions
    embed = said[said["speaker_type"] == "embed"]
    assert embed[["source", "speaker", "cue", "register"]].values.tolist() == [["Outlet 002", "@NahBabyNah", "—",
                                                                                "neutral"]]
    assert compare.embedded_attributions(seed_results_rules) == {"Outlet 002": 1}
    speakers = compare.speaker_counts(seed_results_rules)
    assert "@NahBabyNah" not in set(speakers["speaker"]) and "embed" not in set(speakers["speaker_type"])
    assert speakers.groupby("source", observed=True)["n_attributions"].sum().to_dict() == {"Outlet 000": 16,
                                                                                          "Outlet 002": 10}
    registers = compare.register_counts(seed_results_rules)
    own_002 = registers[registers["source"] == "Outlet 002"].set_index("register")["n_attributions"].to_dict()
    assert own_002 == {"internal_state": 4, "neutral": 3, "tentative": 3}  # neutral was 4 with the tweet
    assert compare.share_of_voice(seed_results_rules).groupby("source", observed=True)["n_attributions"].sum().to_dict() \
        == {"Outlet 000": 16, "Outlet 002": 10}
    assert compare.attribution_summary(seed_results_rules).set_index("source")["n_attributions"].to_dict() == {
        "Outlet 000": 16, "Outlet 002": 10}


def test_top_terms_give_each_lexicon_term_as_written_in_the_text(seed_results):
    table = compare.top_terms(seed_results)
    assert list(table.columns) == ["source", "term", "as_written", "category", "voice", "n_uses"]
    rows = table.set_index(["source", "term"])
    assert rows.loc[("Outlet 000", "beg"), ["as_written", "category", "voice", "n_uses"]].tolist() == [
        "begging", "emotive", "outlet", 2]
    assert rows.loc[("Outlet 000", "furious"), "as_written"] == "angry"
    # 'escalations' stays loaded in context, as the hand reading has it (the features-v1 model unloaded it)
    assert rows.loc[("Outlet 000", "escalation"), "as_written"] == "escalations"
    assert rows.loc[("Outlet 002", "direct conflict"), "as_written"] == "direct confrontation"


def test_as_written_lists_every_form_most_used_first():
    from slant.compare.wording import _as_written

    assert _as_written(pd.Series(["begged", "begging", "begging", "Begging"])) == "begging, begged, Begging"


def test_summary_word_and_sentence_rows_say_they_leave_out_embedded_posts(seed_results):
    summary = compare.source_summary(seed_results).set_index("measure")
    # seed 002: 347 words and 14 sentences in all, of which the tweet's 39 words and 2 sentences
    assert summary.loc["words (embedded posts excluded)"].tolist() == [475, 308]
    assert summary.loc["sentences (embedded posts excluded)"].tolist() == [15, 12]
    assert not any("own voice)" in m for m in summary.index if m.startswith(("words", "sentences")))
    articles = seed_results.articles.set_index("source")
    assert articles.loc["Outlet 002", ["n_words", "n_sentences", "n_embedded_sentences"]].tolist() == [347, 14, 2]
    texts = [f["text"] for f in compare.descriptive_findings(seed_results)]
    assert any(t.endswith("of its 12 sentences (embedded posts excluded) are negative.") for t in texts)


def test_share_of_voice_sums_to_one_per_source(seed_results):
    shares = compare.share_of_voice(seed_results)
    sums = shares.groupby("source", observed=True)[["share_of_attributions", "share_of_content_words"]].sum()
    assert np.allclose(sums.to_numpy(), 1.0)


def test_unknown_cues_are_listed(seed_results_rules):
    # pins on the rule extractor's seed output (the tagger adds two attributions: test_attribution)
    table = seed_results_rules.attributions.copy()
    table.loc[table.index[0], "register"] = "unknown"
    from dataclasses import replace

    listed = compare.unknown_cues(replace(seed_results_rules, attributions=table))
    assert list(listed["cue"]) == [table.iloc[0]["cue"]] and list(listed["n_uses"]) == [1]


def test_a_large_corpus_aligns_only_its_most_similar_cross_source_article_pairs(seed_results, aligned, monkeypatch):
    """Past ALL_PAIRS_ARTICLES the pairs are searched, not enumerated: same-event pairs are found, none within a source."""
    import dataclasses

    sentences = [seed_results.sentences]
    articles = [seed_results.articles]
    unrelated = iter(["A local bakery wins a regional bread prize for its sourdough.",
                      "Heavy rain floods the river valley road near the old mill.",
                      "The chess club elects a new treasurer after a long tournament.",
                      "Orchard growers expect a late apple harvest this autumn.",
                      "A marathon runner breaks the course record in cold weather.",
                      "The city library extends its opening hours on weekends."])
    for k in range(3):  # three unrelated one-sentence articles per seed source
        for source in seed_results.sources:
            article_id = f"other_{source}_{k}"
            text = next(unrelated)
            sentences.append(pd.DataFrame([{"article_id": article_id, "source": source, "sentence_index": 0,
                                            "start": 0, "end": len(text), "paragraph": 0, "voice": "outlet",
                                            "text": text, "compound": 0.0, "pos": 0.0, "neu": 1.0, "neg": 0.0}]))
    big = dataclasses.replace(seed_results, sentences=pd.concat(sentences, ignore_index=True).astype(
        {"source": seed_results.sentences["source"].dtype}))
    monkeypatch.setattr(align, "ALL_PAIRS_ARTICLES", 2)
    monkeypatch.setattr(align, "MAX_ARTICLE_PAIRS", 3)
    searched = align.align_sentences(big, Config.load().actors)
    article_pairs = set(zip(searched["article_a"], searched["article_b"]))
    assert (SEED_000, SEED_002) in article_pairs and len(article_pairs) <= 3
    assert (searched["source_a"] != searched["source_b"]).all()
    seeds_only = searched[(searched["article_a"] == SEED_000) & (searched["article_b"] == SEED_002)]
    same = ["sentence_a", "sentence_b"]  # similarities move with the corpus's IDF; the pairs do not
    assert seeds_only[same].values.tolist() == aligned[same].values.tolist()


def test_register_findings_name_a_headline_colon_and_write_registers_as_words(seed_results):
    import dataclasses

    said = seed_results.attributions.copy()
    russia = said["actor"] == "Russia"
    said.loc[russia, "cue"] = ":"
    said.loc[russia, "register"] = "internal_state"
    texts = [f["text"] for f in compare.descriptive_findings(dataclasses.replace(seed_results, attributions=said))]
    assert ("Outlet 000 reports Russia's speakers with internal state verbs in 5 of 5 attributions (a colon ×5)."
            in texts)


def test_a_negated_speech_act_is_kept_flagged_but_left_out_of_every_sourcing_count(tmp_path):
    from slant import charts, evidence

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Mayor Ruth Alder has never asked the county for money. "
                                  "Senator Ben Okafor said the budget was balanced.", encoding="utf-8")
    (folder / "b.txt").write_text("Senator Ben Okafor said the roads would be repaired.", encoding="utf-8")
    (folder / "sources.csv").write_text("file,source\na.txt,Paper A\nb.txt,Paper B\n", encoding="utf-8")
    results = analyze_corpus(load_corpus(folder, folder / "sources.csv"), Config.load())
    said = results.attributions
    assert sorted(zip(said["speaker"], said["negated"])) == [
        ("Ben Okafor", False), ("Ben Okafor", False), ("Ruth Alder", True)]
    assert compare.negated_attributions(results) == {"Paper A": 1}
    voice = compare.share_of_voice(results)
    assert "Ruth Alder" not in set(compare.speaker_counts(results)["speaker"])
    assert voice.groupby("source")["n_attributions"].sum().to_dict() == {"Paper A": 1, "Paper B": 1}
    assert compare.register_counts(results)["n_attributions"].sum() == 2
    assert compare.attribution_summary(results).set_index("source")["n_attributions"].to_dict() == {
        "Paper A": 1, "Paper B": 1}
    # the evidence behind those counts leaves it out too, and gives it on request
    assert list(evidence.evidence(results, kind="attribution", source="Paper A")["speaker"]) == ["Ben Okafor"]
    assert list(evidence.evidence(results, kind="attribution", negated=True)["speaker"]) == ["Ruth Alder"]
    fig = charts.speakers_by_source(compare.speaker_counts(results), negated=compare.negated_attributions(results))
    assert fig.get_supxlabel().endswith('Negated speech acts ("did not say") are not counted either '
                                        "(left out: Paper A: 1).")


def test_the_densest_articles_list_puts_short_articles_last():
    from slant.compare.by_event import most_loaded_articles

    class Results:  # only what most_loaded_articles reads
        terms = pd.DataFrame({"article_id": ["short", "long", "long"], "voice": "outlet", "loaded": True})
        articles = pd.DataFrame({"id": ["long", "short", "none"], "source": "A", "title": ["Long", "Short", "None"],
                                 "date": "", "n_words_own_voice": [400, 26, 300]})

    table = most_loaded_articles(Results())
    assert list(table["article"]) == ["long", "none", "short"]  # 5 and 0 per 1,000 words, then 38 in 26 words
    assert table["per 1,000 words"].round(1).tolist() == [5.0, 0.0, 38.5]


def test_a_persons_names_merge_per_source_listed_and_in_the_evidence(tmp_path):
    from slant import evidence

    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = {"a1.txt": ("Paper A", "Mayor Ruth Alder said the bridge would open. Alder said it was safe."),
             "a2.txt": ("Paper A", "Ms. Alder said the toll would stay."),
             "a3.txt": ("Paper A", "Ruth B. Alder said the road was clear."),
             "b1.txt": ("Paper B", "Alder said the bridge was late. Tom Alder, her brother, said so too. "
                                   "Ruth Alder said nothing more.")}
    for name, (_, text) in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.csv").write_text("file,source\n" + "".join(f"{n},{s}\n" for n, (s, _) in texts.items()),
                                        encoding="utf-8")
    results = analyze_corpus(load_corpus(folder, folder / "sources.csv"), Config.load())
    merges = compare.speaker_merges(results)
    assert merges.values.tolist() == [["Paper A", "Alder", "Ruth Alder", 1],
                                      ["Paper A", "Ruth B. Alder", "Ruth Alder", 1]]  # Paper B: two Alders
    counts = compare.speaker_counts(results)
    assert counts[counts["source"] == "Paper A"][["speaker", "n_attributions"]].values.tolist() == [["Ruth Alder", 4]]
    assert sorted(counts[counts["source"] == "Paper B"]["speaker"]) == ["Alder", "Ruth Alder", "Tom Alder"]
    assert len(evidence.evidence(results, source="Paper A", speaker="Ruth Alder")) == 4
    assert set(results.attributions["speaker"]) >= {"Alder", "Ruth B. Alder"}  # the table keeps names as written


def test_a_surname_alone_merges_only_into_the_corpus_dominant_full_name():
    from slant.attribution.names import name_merges

    rows = ([("A", "Ted Cruz")] * 6 + [("A", "Cruz")] * 2 + [("B", "Cruz")] * 9 + [("B", "Carla Cruz")]
            + [("C", "Cruz")] * 3 + [("C", "Harry B. Harris Jr."), ("C", "Harris"), ("C", "Jr.")])
    said = pd.DataFrame({"source": [s for s, _ in rows], "speaker": [n for _, n in rows], "speaker_type": "person"})
    merges = name_merges(said)
    # B quotes another Cruz (a Carla Cruz, once): its "Cruz" stays apart; C never names one: Ted Cruz
    assert merges.values.tolist() == [["A", "Cruz", "Ted Cruz", 2], ["C", "Cruz", "Ted Cruz", 3],
                                      ["C", "Harris", "Harry B. Harris Jr.", 1]]  # "Jr." is no surname
