import pandas as pd
from matplotlib.figure import Figure

from slant import charts, compare, highlight
from slant.pipeline import analyze_corpus, Config
from slant.corpus import load_corpus


def test_article_text_is_escaped_in_highlighted_html(tmp_path):
    (tmp_path / "evil.txt").write_text('Kiev is begging. <script>alert(1)</script> " onmouseover="x"', encoding="utf-8")
    results = analyze_corpus(load_corpus(tmp_path), Config.load())
    page = highlight.corpus_html(results)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'onmouseover="x"' not in page
    assert '<mark class="term emotive"' in page and ">begging</mark>" in page


def test_highlight_boxes_the_embedded_post_and_marks_kiev(seed_results):
    page = highlight.corpus_html(seed_results, compare.category_labels())
    assert page.count('<p class="embed">') == 2
    assert page.count('<mark class="term naming"') == 6  # Kiev x5, Kharkiv x1


def test_every_chart_returns_a_figure_for_the_seeds(seed_results):
    density = compare.term_density(seed_results)
    figures = [
        charts.loaded_density_by_category(density), charts.loaded_density_by_category(density, voice="quoted"),
        charts.sentiment_by_source(seed_results.sentences),
        charts.speakers_by_source(compare.speaker_counts(seed_results)),
        charts.register_by_source(compare.register_counts(seed_results)),
        charts.readability_by_source(seed_results.readability),
    ]
    assert all(isinstance(fig, Figure) for fig in figures)


def test_outlet_sourcing_charts_say_the_embedded_tweet_is_not_counted(seed_results):
    embedded = compare.embedded_attributions(seed_results)
    note = ("Embedded social posts are not counted: they are their author's words, not the outlet's sourcing "
            "(left out: Outlet 002: 1).")
    for fig in (charts.speakers_by_source(compare.speaker_counts(seed_results), embedded=embedded),
                charts.register_by_source(compare.register_counts(seed_results), embedded=embedded)):
        assert fig.get_supxlabel() == note
    by_actor = charts.register_by_actor_chart(compare.register_by_actor(seed_results), embedded=embedded)
    assert by_actor.get_supxlabel() == "Speakers of no known actor are not shown. " + note
    speakers = charts.speakers_by_source(compare.speaker_counts(seed_results))
    assert "@NahBabyNah" not in [t.get_text() for ax in speakers.axes for t in ax.get_yticklabels()]
    assert speakers.get_supxlabel() == ("Embedded social posts are not counted: they are their author's "
                                              "words, not the outlet's sourcing.")


def test_register_charts_have_a_key_under_the_title_and_counts_on_the_bars(seed_results_rules):
    # pins on the rule extractor's seed output (the tagger adds two attributions: test_attribution)
    from slant.attribution.verbs import register_of

    fig = charts.register_by_actor_chart(compare.register_by_actor(seed_results_rules))
    (key,) = fig.subfigs[0].legends
    assert key.get_title().get_text() == "Colour = register of the reporting verb"
    assert [t.get_text() for t in key.get_texts()] == [
        "neutral (said, told)", "assertive (warned, stressed)", "tentative (hinted, suggested)",
        "emotive (begged, complained)", "internal state (believes, fears)"]
    panel_000, panel_002 = fig.axes
    assert panel_000.get_title(loc="left") == "Outlet 000"
    texts_000 = [t.get_text() for t in panel_000.texts]
    assert "assertive 5" in texts_000 and "emotive 2" in texts_000 and "neutral 3" in texts_000
    rows = [t.get_text() for t in panel_000.get_yticklabels()]
    totals = {rows[round(t.get_position()[1])]: t.get_text() for t in panel_000.texts if t.get_text().startswith(" ")}
    # speakers of no known actor (one in Outlet 000) are left out of the chart: the table keeps them
    assert totals == {"Ukraine": " 5", "Russia": " 5", "NATO": " 3", "United States": " 1", "France": " 1"}
    assert "(no actor)" in set(compare.register_by_actor(seed_results_rules)["actor"])
    totals_002 = {rows[round(t.get_position()[1])]: t.get_text() for t in panel_002.texts  # the panels share rows
                  if t.get_text().startswith(" ")}
    assert totals_002 == {"United States": " 2", "France": " 1", "NATO": " 1", "Ukraine": " 1"}
    # the key's example verbs are the ones the verb file puts in each register
    for register, words in charts.REGISTER_KEY.items():
        if "(" in words:
            for verb in words.split("(")[1].rstrip(")").split(", "):
                assert register_of(verb) == register, (verb, register)

    shares = charts.register_by_source(compare.register_counts(seed_results_rules))
    assert [t.get_text() for t in shares.subfigs[0].legends[0].get_texts()] == [
        "neutral (said, told)", "assertive (warned, stressed)", "tentative (hinted, suggested)",
        "emotive (begged, complained)", "internal state (believes, fears)"]
    labels = [t.get_text() for t in shares.axes[0].texts]
    assert labels == ["neutral\n5", "assertive\n7", "1", "emotive\n2", "1", " 16 in all",
                      "neutral\n3", "tentative\n3", "internal state\n4", " 10 in all"]


def test_speaker_panels_share_one_scale_and_show_their_counts(seed_results_rules):
    # pins on the rule extractor's seed output (the tagger adds two attributions: test_attribution)
    fig = charts.speakers_by_source(compare.speaker_counts(seed_results_rules))
    panel_000, panel_002 = fig.axes
    assert panel_000.get_xlim() == panel_002.get_xlim() == (0, 4 * 1.15)  # Putin's 4 is the longest bar
    assert [t.get_text() for t in panel_000.texts] == [" 4", " 3", " 2", " 2", " 1", " 1", " 1", " 1", " 1"]
    assert [t.get_text() for t in panel_002.texts][0] == " 2"


def test_intervals_chart_value_axes_include_zero():
    intervals = pd.DataFrame({
        "source": pd.Categorical(["A", "B"] * 3, categories=["A", "B"]),
        "measure": ["attributions per 1,000 words"] * 2 + ["mean sentence sentiment (VADER compound)"] * 2
                   + ["negative only"] * 2,
        "value": [111.1, 80.0, -0.17, 0.02, -0.5, -0.3], "low": [80.0, float("nan"), -0.8, -0.4, -0.7, -0.4],
        "high": [142.9, float("nan"), 0.17, 0.9, -0.2, -0.25], "n_articles": [3, 1, 3, 2, 3, 2]})
    fig = charts.intervals_chart(intervals)
    attributions, sentiment, negative = fig.axes
    assert attributions.get_xlim()[0] == 0 and attributions.get_xlim()[1] > 142.9  # was 78.4 to 144.6
    assert sentiment.get_xlim()[0] < -0.8 and sentiment.get_xlim()[1] > 0.9
    assert negative.get_xlim()[1] == 0 and negative.get_xlim()[0] < -0.7
    for ax in fig.axes:  # zero is marked
        assert any(tuple(line.get_xdata()) == (0, 0) for line in ax.get_lines())


def test_the_mentions_heatmap_says_names_in_embedded_posts_are_not_counted(seed_results):
    note = charts.embeds_note(compare.embedded_mentions(seed_results), what="Names inside embedded social posts",
                              rather="the outlet's")
    assert note == ("Names inside embedded social posts are not counted: they are their author's words, not the "
                    "outlet's (left out: Outlet 002: 7).")
    fig = charts.heatmap(compare.actor_mentions_matrix(seed_results), title="How often each actor is named",
                         unit="mentions", note=note)
    assert fig.get_supxlabel() == note
    assert charts.heatmap(compare.actor_mentions_matrix(seed_results), title="t", unit="u").get_supxlabel() == ""


def test_a_source_keeps_its_colour_in_every_figure(seed_results):
    density = compare.term_density(seed_results)
    colors = charts.source_colors(charts.source_order(density))
    assert colors == {"Outlet 000": charts.OKABE_ITO[0], "Outlet 002": charts.OKABE_ITO[1]}
    # a table where only the second source has rows still colours it as the second source
    only_002 = compare.speaker_counts(seed_results)
    only_002 = only_002[only_002["source"] == "Outlet 002"]
    assert charts.source_colors(charts.source_order(only_002))["Outlet 002"] == charts.OKABE_ITO[1]


def test_empty_tables_give_a_figure_that_says_so():
    empty = pd.DataFrame(columns=["source", "speaker", "actor", "n_attributions"])
    fig = charts.speakers_by_source(empty)
    assert "No attributions found." in [t.get_text() for t in fig.axes[0].texts]


def test_densities_are_per_1000_own_voice_words(seed_results_rules):
    # the hand reading's attributions (the rules'): the tagger ends one content early (test_lexicon_seed_gold, 2817)
    seed_results = seed_results_rules
    density = compare.term_density(seed_results).set_index(["source", "category", "voice"])
    row = density.loc[("Outlet 000", "emotive", "outlet")]
    words = int(seed_results.articles.set_index("id").loc["000_8c138e10b898806c", "n_words_own_voice"])
    assert row["n_words"] == words
    assert row["terms_per_1000_words"] == 1000 * row["n_terms"] / words
    assert density.loc[("Outlet 002", "doubt", "outlet"), "n_terms"] == 0
    assert "naming" not in density.index.get_level_values("category")
    with_naming = compare.term_density(seed_results, loaded=False).set_index(["source", "category", "voice"])
    # Kiev x5, Kharkiv x1: two of the Kievs are inside indirect attributions' content (Russia warned that …)
    assert with_naming.loc[("Outlet 000", "naming", "outlet"), "n_terms"] == 4
    assert with_naming.loc[("Outlet 000", "naming", "paraphrase"), "n_terms"] == 2


def test_a_large_corpus_shows_the_most_loaded_articles_of_each_source_in_turn(seed_results):
    import dataclasses

    from slant.highlight import shown_articles

    copies = []
    for k in range(30):  # 60 articles: each seed article under 30 new ids
        copies.append(seed_results.articles.assign(id=seed_results.articles["id"] + f"_{k}"))
    articles = pd.concat(copies, ignore_index=True)
    terms = pd.concat([seed_results.terms.assign(article_id=seed_results.terms["article_id"] + f"_{k}")
                       for k in range(30) if k % 3 == 0], ignore_index=True)  # only every third copy has its terms
    big = dataclasses.replace(seed_results, articles=articles, terms=terms)
    shown = shown_articles(big, terms[terms["loaded"].astype(bool)], limit=8)
    assert len(shown) == 8 and shown["source"].value_counts().tolist() == [4, 4]
    assert set(shown["id"].str.rsplit("_", n=1).str[-1].astype(int)) <= {0, 3, 6, 9}  # the copies with terms first
    page = highlight.corpus_html(big, limit=8)
    assert "Showing 8 of 60 articles" in page and page.count('class="slant-article"') == 8


def test_sentiment_arc_draws_one_line_per_article_for_the_seeds(seed_results):
    fig = charts.sentiment_arc(seed_results.sentences)
    ax = fig.axes[0]
    assert len(ax.lines) == 1 + seed_results.articles["id"].nunique()  # the zero line, then one per article
    assert "one line per article" in ax.get_title(loc="left")


def test_sentiment_arc_of_a_large_corpus_shows_each_sources_median_and_middle_half():
    rows = [{"article_id": f"{source}-{a}", "source": source, "voice": "outlet", "start": 10 * i,
             "compound": (0.5 if source == "A" else -0.5) + 0.01 * i}
            for source in ("A", "B") for a in range(charts.MAX_ARC_LINES) for i in range(20)]
    fig = charts.sentiment_arc(pd.DataFrame(rows))
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in panels] == [f"A ({charts.MAX_ARC_LINES} articles)",
                                                           f"B ({charts.MAX_ARC_LINES} articles)"]
    for ax, sign in zip(panels, (1, -1)):
        assert len(ax.lines) == 2 and len(ax.collections) == 1  # the zero line and the median; the band
        median = ax.lines[1].get_ydata()
        assert len(median) == charts.ARC_BINS
        assert sign * median[0] > 0.49 and abs(median[-1] - sign * 0.5 - 0.19) < 0.02


def test_tooltips_say_what_found_each_term(seed_results):
    page = highlight.corpus_html(seed_results, compare.category_labels())
    assert "found by: lexicon; context model 0.04" in page  # "begging" (seed 000, first)
    assert "found by: context model, probability 0.45" in page  # "hamper", the model's own term
    # "angry" grown into a phrase: the tooltip says which words the model took in
    assert "Attributes anger. The context model takes “increasingly exhausted and” into the phrase." in page
    assert "in a paraphrase of a speaker" in page
    assert highlight.basis_label("lexicon", 0.0048, False) == "lexicon; context model 0.00: not loaded here"
    assert highlight.basis_label("lexicon", None) == "lexicon"  # the model off
    assert highlight.basis_label("rule", None) == "rule"


def test_a_cue_tooltip_says_negated_nested_and_what_found_it():
    text = "Ann Vale did not say it. Bo Reyes said Ann Vale claimed it."
    table = pd.DataFrame([
        dict(cue_start=17, cue_end=20, speaker="Ann Vale", actor=None, register="neutral", kind="indirect",
             negated=True, nested=False, basis="model", probability=0.8125),
        dict(cue_start=34, cue_end=38, speaker="Bo Reyes", actor=None, register="neutral", kind="indirect",
             negated=False, nested=False, basis="rules", probability=float("nan")),
        dict(cue_start=48, cue_end=55, speaker=None, actor=None, register="distancing", kind="indirect",
             negated=False, nested=True, basis="rules", probability=float("nan")),
    ])
    empty = pd.DataFrame(columns=["start", "end"])
    page = highlight.article_html(text, pd.DataFrame(columns=["start", "end", "category", "note", "target", "voice"]),
                                  table, empty)
    assert page.count('<u class="cue"') == 3
    assert ('title="Ann Vale (no actor) — neutral, indirect | negated: the speech act did not happen | found by the '
            'attribution tagger (p = 0.81)">say</u>') in page
    assert 'title="Bo Reyes (no actor) — neutral, indirect">said</u>' in page
    assert ('title="unresolved speaker (no actor) — distancing, indirect | inside another attribution&#x27;s '
            'content">claimed</u>') in page


def test_a_float_column_reads_at_one_precision_and_counts_stay_whole():
    import pandas as pd

    from slant.render import table_html

    frame = pd.DataFrame({"label": ["a", "b", "c", "d"], "n terms": [477, 33, 0, 1],
                          "per 1000 words": [20.0, 1.39, 0.042, 5.71], "share": [0.0646, 0.5, 0.00095, None]})
    html = str(table_html(frame))
    for shown in ("477", "20.00", "1.39", "0.04", "5.71", "0.065", "0.500", "0.001"):
        assert f">{shown}</td>" in html
    assert ">20</td>" not in html and "0.042" not in html and "nan" not in html.lower()


def test_a_table_read_across_rounds_each_measure_by_its_own_size():
    import pandas as pd

    from slant.render import table_html

    frame = pd.DataFrame({"measure": ["articles", "words", "loaded terms per 1,000 words", "share of direct quotes"],
                          "Fox News": [40.0, 23800.0, 2.4, 0.31]})
    html = str(table_html(frame))
    for shown in ("40", "23,800", "2.4", "0.31"):
        assert f">{shown}</td>" in html
    assert "40.000" not in html and "2.400" not in html
