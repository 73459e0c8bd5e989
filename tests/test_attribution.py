"""Tests for slant.attribution: gold attributions of both seeds, negatives, spans, table, data files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slant import attribution, segment
from slant.actors import load_actors
from slant.data_files import load_data_file, packaged_path
from slant.errors import SlantError

SEEDS = Path(__file__).parents[1] / "seeds"
SEED_000 = SEEDS / "000_8c138e10b898806c.txt"
SEED_002 = SEEDS / "002_fa8e0cc7bfd301de.txt"
FIELDS = ("cue", "source", "speaker", "speaker_type", "actor", "kind", "register")

# Hand-made gold: (cue, source, speaker, speaker_type, actor, kind, register), in text order.
GOLD_000 = [
    ("begging", "Kiev", "Kiev", "institution", "Ukraine", "indirect", "emotive"),
    ("begging", "Kiev", "Kiev", "institution", "Ukraine", "indirect", "emotive"),
    ("anticipating", "The Western alliance", "Western alliance", "institution", "NATO", "indirect", "internal_state"),
    ("opposed", "The US and Germany", "US and Germany", "group", None, "indirect", "assertive"),
    ("said", "NATO chief Jens Stoltenberg", "Jens Stoltenberg", "person", "NATO", "indirect", "neutral"),
    ("arguing", "NATO chief Jens Stoltenberg", "Jens Stoltenberg", "person", "NATO", "indirect", "assertive"),
    ("hinted", "US Secretary of State Antony Blinken", "Antony Blinken", "person", "United States", "indirect",
     "tentative"),
    ("said", "French President Emmanuel Macron", "Emmanuel Macron", "person", "France", "mixed", "neutral"),
    ("warned", "Russian President Vladimir Putin", "Vladimir Putin", "person", "Russia", "indirect", "assertive"),
    ("stressing", "Russian President Vladimir Putin", "Vladimir Putin", "person", "Russia", "mixed", "assertive"),
    ("asked", "Ukrainian President Volodymyr Zelensky", "Volodymyr Zelensky", "person", "Ukraine", "indirect",
     "neutral"),
    ("said", "he", "Volodymyr Zelensky", "person", "Ukraine", "direct", "neutral"),
    ("according to", "a rare acknowledgment from Zelensky", "Volodymyr Zelensky", "person", "Ukraine", "indirect",
     "neutral"),
    ("warned", "Russia", "Russia", "institution", "Russia", "indirect", "assertive"),
    ("stressed", "Putin", "Vladimir Putin", "person", "Russia", "indirect", "assertive"),
    ("warning", "Putin", "Vladimir Putin", "person", "Russia", "indirect", "assertive"),
]
GOLD_002 = [
    ("hinted", "both France and the U.S.", "France and the U.S.", "group", None, "indirect", "tentative"),
    # v2: a described intention / request is an attribution too (PolNeAR's scheme); v3: a request is neutral
    ("seeking", "Ukraine", "Ukraine", "institution", "Ukraine", "indirect", "neutral"),
    ("expressing concerns", "Both the U.S. and Germany", "U.S. and Germany", "group", None, "indirect",
     "internal_state"),
    ("—", "@NahBabyNah", "@NahBabyNah", "embed", None, "direct", "neutral"),
    ("indicated", "NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg", "person", "NATO", "indirect",
     "tentative"),
    ("expressed support for", "French President Emmanuel Macron", "Emmanuel Macron", "person", "France", "indirect",
     "internal_state"),
    ("suggested", "Some within the Biden administration", "Some within the Biden administration", "vague",
     "United States", "indirect", "tentative"),
    ("stated", "Secretary of State Antony Blinken", "Antony Blinken", "person", "United States", "indirect",
     "neutral"),
    ("believe", "some experts", "some experts", "vague", None, "indirect", "internal_state"),
    ("compared", "Seth G. Jones, a former U.S. military official", "Seth G. Jones", "person", None, "indirect",
     "neutral"),
    ("believes", "he", "Seth G. Jones", "person", None, "indirect", "internal_state"),
]


# With the tagger (the default of the pipeline): the same gold, and two attributions the rules miss, both
# attributions in PolNeAR's scheme (which the hand gold follows, v2): an internal state of a group ("Ukrainian
# fighters are increasingly exhausted and angry at the lack of rotation") and a described intention to speak
# ("NATO leaders are meeting this week to discuss whether …").
ANGRY = ("angry", "as Ukrainian fighters", "Ukrainian fighters", "vague", "Ukraine", "indirect", "unknown")
DISCUSS = ("discuss", "NATO leaders", "NATO leaders", "vague", "NATO", "indirect", "neutral")
MODEL_GOLD_000 = GOLD_000[:13] + [ANGRY] + GOLD_000[13:]
MODEL_GOLD_002 = [DISCUSS] + GOLD_002
# ... and two nouns it takes for cues that report nothing (wrong, pinned so the output stays stable: a known gap,
# see test_a_noun_reporting_nothing_is_no_cue). Dropping a noun cue the rules do not take, without content, below
# p = 0.55 removes both but was measured worse on PolNeAR's dev part (cue token F1 0.689 -> 0.686), so not adopted.
QUESTION = ("question", None, None, "unknown", None, "indirect", "tentative")  # "the tough question of whether"
CONCERNS = ("concerns", "some experts", "some experts", "vague", None, "indirect", "internal_state")  # "Despite
# concerns about …, some experts believe": the experts' cue is "believe", "concerns" is nobody's
# "Ukrainian fighters" is typed an institution (it should be vague: adding "fighters" to vague_heads changes the
# tagger's word-class features and was measured worse on the dev part, cue token F1 0.689 -> 0.687)
ANGRY_AS_INSTITUTION = ANGRY[:3] + ("institution",) + ANGRY[4:]
TAGGER_000 = (MODEL_GOLD_000[:1] + [QUESTION] + MODEL_GOLD_000[1:13] + [ANGRY_AS_INSTITUTION]
              + MODEL_GOLD_000[14:])
TAGGER_002 = MODEL_GOLD_002[:9] + [CONCERNS] + MODEL_GOLD_002[9:]


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def analyse(text, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    return attribution.attributions_table("test", text, found, actors)


def rows(table):
    return [tuple(None if pd.isna(r[f]) else r[f] for f in FIELDS) for r in table.to_dict("records")]


def one(table, cue, occurrence=0):
    return table[table["cue"] == cue].iloc[occurrence]


@pytest.fixture(scope="module")
def seed_000(actors):
    return analyse(SEED_000.read_text(encoding="utf-8"), actors)


@pytest.fixture(scope="module")
def seed_002(actors):
    return analyse(SEED_002.read_text(encoding="utf-8"), actors)


# --- gold ------------------------------------------------------------------

def test_seed_000_attributions_equal_the_gold_list(seed_000):
    assert rows(seed_000) == GOLD_000


def test_seed_002_attributions_equal_the_gold_list(seed_002):
    assert rows(seed_002) == GOLD_002


def tagger_rows(path, actors):
    text = path.read_text(encoding="utf-8")
    found = attribution.find_attributions(text, segment.sentences(text), actors, model=attribution.load_model())
    return found, rows(attribution.attributions_table("test", text, found, actors))


@pytest.mark.parametrize("path, output", [(SEED_000, TAGGER_000), (SEED_002, TAGGER_002)])
def test_with_the_tagger_the_seeds_give_the_gold_list_and_two_known_errors(path, output, actors):
    found, got = tagger_rows(path, actors)
    assert got == output
    assert {a.basis for a in found} == {"model"} | ({"rules"} if path == SEED_002 else set())  # the embed: rules


@pytest.mark.xfail(strict=True, reason="known gaps of the tagger (feature version 3, dev cue token F1 0.702): it "
                                       "takes 'question' (000) and 'concerns' (002) for cues, a filter that drops "
                                       "them cost dev cue token F1 (0.689 -> 0.686 when measured on version 2); "
                                       "'Ukrainian fighters' is typed an institution")
@pytest.mark.parametrize("path, gold", [(SEED_000, MODEL_GOLD_000), (SEED_002, MODEL_GOLD_002)])
def test_with_the_tagger_the_seeds_give_exactly_the_gold_list(path, gold, actors):
    assert tagger_rows(path, actors)[1] == gold


def test_the_rules_alone_miss_the_described_intention_to_discuss(seed_002):
    assert "discuss" not in set(seed_002["cue"])  # a known gap of the rules, found by the tagger


def test_putin_warned_has_speaker_vladimir_putin_and_actor_russia(seed_000):
    row = one(seed_000, "warned")
    assert (row.speaker, row.title) == ("Vladimir Putin", "Russian President")
    assert (row.actor, row.side) == ("Russia", "Russia")
    assert row.content == "against such a move by NATO"


def test_cue_of_has_already_strongly_warned_is_the_verb_at_its_offset(seed_000):
    text = SEED_000.read_text(encoding="utf-8")
    row = one(seed_000, "warned")
    assert row.cue_start == text.index("has already strongly warned") + len("has already strongly ")
    assert text[row.cue_start:row.cue_end] == "warned"


def test_stressing_participle_takes_putin_and_is_mixed_with_serious_consequences(seed_000):
    row = one(seed_000, "stressing")
    assert row.source == "Russian President Vladimir Putin"
    assert row.content == "there would be “serious consequences” if Western countries give approval to Ukraine"
    assert row.kind == "mixed"


def test_macron_said_is_mixed_with_partial_quote_neutralize(seed_000):
    row = one(seed_000, "said", 1)
    assert row.speaker == "Emmanuel Macron" and row.title == "French President"
    assert row.content == "Ukraine should be allowed to “neutralize” bases in Russia used to launch strikes"
    assert row.kind == "mixed"


def test_stoltenberg_said_content_is_that_clause_cut_before_arguing(seed_000):
    assert one(seed_000, "said").content == "it was time for members to reconsider those limits"
    arguing = one(seed_000, "arguing").content
    assert arguing == "such restrictions hamper Ukraine’s ability to purportedly defend itself"


def test_later_surname_putin_maps_to_full_name_seen_earlier(seed_000):
    row = one(seed_000, "stressed")
    assert (row.source, row.speaker, row.title) == ("Putin", "Vladimir Putin", "Russian President")
    assert one(seed_000, "warning").content == "Moscow could strike Western targets"


def test_he_said_after_quote_resolves_to_zelensky_named_in_previous_sentence(seed_000):
    row = one(seed_000, "said", 2)
    assert (row.source, row.speaker, row.kind) == ("he", "Volodymyr Zelensky", "direct")
    assert row.content.startswith("They can fire any weapons from their territory at ours.")
    assert row.content.endswith("with Western weapons")


def test_according_to_takes_source_after_cue_and_clause_before(seed_000):
    row = one(seed_000, "according to")
    assert row.source == "a rare acknowledgment from Zelensky"
    assert row.content == ("Suffering from manpower shortages, Kiev has just passed a mobilization law"
                           " to boost the forces’ morale")


def test_according_to_keeps_a_long_source_closed_by_a_comma(actors):
    text = ("According to early results of exit polls conducted for the news agency and television networks by "
            "Edison Research, nearly half of voters were angry.")
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.content) == ("According to", "nearly half of voters were angry")
    assert row.source == ("early results of exit polls conducted for the news agency and television networks by "
                          "Edison Research")


def test_according_to_with_a_long_unclosed_phrase_gives_no_source_guess(actors):
    text = ("According to the report the economy of the region grew faster over the last decade than the economies "
            "of all the other regions in the country")
    assert analyse(text, actors).empty  # where the source ends is unknown without a comma


def test_kiev_begging_is_emotive_with_actor_ukraine(seed_000):
    begging = seed_000[seed_000["cue"] == "begging"]
    assert list(begging["register"]) == ["emotive", "emotive"]
    assert list(begging["actor"]) == ["Ukraine", "Ukraine"]
    assert begging.iloc[0].content == "for long-range missiles from its Western allies"


def test_the_us_and_germany_is_a_group_without_a_single_actor(seed_000):
    row = one(seed_000, "opposed")
    assert (row.speaker_type, row.speaker, row.content) == ("group", "US and Germany", "striking over the border")
    assert pd.isna(row.actor) and pd.isna(row.side)


def test_embedded_tweet_is_one_embed_attribution_spoken_by_handle(seed_002):
    embeds = seed_002[seed_002["speaker_type"] == "embed"]
    assert len(embeds) == 1
    row = embeds.iloc[0]
    assert (row.speaker, row.source, row.cue, row.kind) == ("@NahBabyNah", "@NahBabyNah", "—", "direct")
    assert row.content.startswith("Report: NATO Meeting to Discuss")
    assert row.content.endswith("pic.twitter.com/GGkKlwy4uy")


def test_no_attribution_comes_from_inside_the_embedded_tweet(seed_002):
    text = SEED_002.read_text(encoding="utf-8")
    post = segment.embedded_posts(text)[0]
    inside = seed_002[(seed_002["cue_start"] >= post.start) & (seed_002["cue_end"] <= post.end)]
    assert list(inside["speaker_type"]) == ["embed"]


def test_some_within_biden_administration_is_vague_with_actor_united_states(seed_002):
    row = one(seed_002, "suggested")
    assert (row.speaker_type, row.actor) == ("vague", "United States")


def test_seth_g_jones_apposition_is_his_title_and_former_gives_no_actor(seed_002):
    row = one(seed_002, "compared")
    assert (row.speaker, row.title) == ("Seth G. Jones", "former U.S. military official")
    assert pd.isna(row.actor)
    assert row.content == "this potential strategy to the actions of the U.S. and its allies during World War II"


def test_he_believes_resolves_to_seth_g_jones_in_same_sentence(seed_002):
    row = one(seed_002, "believes")
    assert (row.source, row.speaker) == ("he", "Seth G. Jones")
    assert row.content == "concerns about Russian retaliation may be overblown"


def test_blinken_title_is_secretary_of_state(seed_002):
    assert one(seed_002, "stated").title == "Secretary of State"
    assert one(seed_002, "indicated").title == "NATO Secretary General"


# --- small fixtures ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The word “neutralize” appeared twice in the communiqué.",
    "Critics of the “peace plan” were not hard to find.",
])
def test_scare_quote_without_speaker_is_not_an_attribution(text, actors):
    assert analyse(text, actors).empty


def test_so_called_phrase_is_not_an_attribution(actors):
    assert analyse("The so-called “special military operation” entered its third year.", actors).empty


def test_book_title_in_quotes_is_not_an_attribution(actors):
    assert analyse("Her book “The Long War” came out in June and sold well.", actors).empty


def test_bare_noun_calls_are_growing_is_not_an_attribution(actors):
    assert analyse("Calls are growing to allow Ukraine to hit Russia.", actors).empty


def test_passive_and_infinitive_reporting_verbs_are_not_attributions(actors):
    text = "Moscow has been warned by Washington. NATO leaders met to discuss aid."
    assert analyse(text, actors).empty


def test_raising_passive_expected_is_an_attribution_without_source(actors):
    # PolNeAR annotates "is expected" as a cue with no source (an unnamed expectation); v1 dropped it
    row = analyse("Ukraine is expected to win.", actors).iloc[0]
    assert (row.cue, row.content, row.speaker_type, row.register) == ("expected", "to win", "unknown",
                                                                        "internal_state")
    assert pd.isna(row.source) and pd.isna(row.speaker)


def test_sentence_initial_asked_is_an_attribution_without_source(actors):
    table = analyse("Asked about the strikes, Peskov said Moscow would respond.", actors)
    assert list(table["cue"]) == ["Asked about", "said"]
    assert pd.isna(table.iloc[0].source) and table.iloc[0].content == "the strikes"
    assert table.iloc[1].speaker == "Dmitry Peskov"


def test_headline_colon_is_a_cue_with_the_name_as_source(actors):
    table = analyse("Sanders: I'm Not Much Of A Socialist\n\nEditor's note: this story was updated.", actors)
    # a lone capitalised name that is no actor or institution is a person (was "unknown")
    assert rows(table) == [(":", "Sanders", "Sanders", "person", None, "indirect", "neutral")]
    assert table.iloc[0].content == "I'm Not Much Of A Socialist"


def test_title_case_verb_is_a_cue_only_inside_a_title_case_headline(actors):
    assert list(analyse("Chris Christie Says He Would Issue A Quarantine", actors)["cue"]) == ["Says"]
    assert analyse("Says who? Nobody knows.", actors).empty


def test_coordinated_verb_takes_the_subject_of_the_first_verb(actors):
    row = analyse("Stoltenberg met Zelensky on Monday and said that more aid was coming.", actors).iloc[0]
    assert (row.cue, row.speaker) == ("said", "Jens Stoltenberg")


def test_noun_readings_of_verb_forms_are_not_cues(actors):
    text = "Member states of the alliance may decide. Out of fear of retaliation, Berlin waited. His claims of victory."
    # v5: "His claims of" is a nominal cue (possessive source + complement), never a verb cue "claims"
    table = analyse(text, actors)
    assert [(r.cue, r.source, r.register) for r in table.itertuples()] == [("claims", "His", "distancing")]
    assert table.iloc[0].content.startswith("of victory")


def test_verbs_inside_a_direct_quote_are_not_cues(actors):
    table = analyse("“They said no and warned us,” Putin said on Friday.", actors)
    assert rows(table) == [("said", "Putin", "Vladimir Putin", "person", "Russia", "direct", "neutral")]
    assert table.iloc[0].content == "They said no and warned us"


def test_direct_quote_with_cue_before_and_inverted_cue_after(actors):
    before = analyse("Lavrov said: “We will respond.”", actors)
    inverted = analyse("“We will respond,” said Russian Foreign Minister Sergei Lavrov.", actors)
    assert rows(before) == [("said", "Lavrov", "Sergei Lavrov", "person", "Russia", "direct", "neutral")]
    assert rows(inverted) == [("said", "Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov", "person", "Russia",
                               "direct", "neutral")]
    assert inverted.iloc[0].title == "Russian Foreign Minister"


def test_they_resolves_to_the_latest_vague_or_group_source(actors):
    table = analyse("Western officials said the talks would resume. They added that nothing was agreed.", actors)
    assert list(table["speaker"]) == ["Western officials", "Western officials"]
    assert list(table["speaker_type"]) == ["vague", "vague"]


def test_he_without_antecedent_is_unknown(actors):
    row = analyse("He said the war would end soon.", actors).iloc[0]
    assert (row.source, row.speaker_type) == ("He", "unknown")
    assert pd.isna(row.speaker)


def test_relative_clause_after_name_is_skipped_and_is_no_title(actors):
    text = "Scholz, who has long refused to send Taurus missiles, told reporters that Germany would not budge."
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.speaker, row.actor) == ("told", "Olaf Scholz", "Germany")
    assert pd.isna(row.title)


def test_nested_cue_in_that_clause_does_not_cut_outer_content(actors):
    text = "Peskov said that Moscow warned it would respond."
    table = analyse(text, actors)
    assert list(table["cue"]) == ["said", "warned"]
    assert table.iloc[0].content == "Moscow warned it would respond"


def test_noun_like_form_counts_after_a_named_subject(actors):
    table = analyse("Moscow claims the strikes hit only military targets.", actors)
    assert rows(table) == [("claims", "Moscow", "Moscow", "institution", "Russia", "indirect", "distancing")]


def test_colon_quote_after_verb_and_object_is_direct(actors):
    row = analyse("Peskov told the state news agency TASS: “This is a provocation.”", actors).iloc[0]
    assert (row.cue, row.speaker, row.kind, row.content) == ("told", "Dmitry Peskov", "direct", "This is a provocation")


def test_adverb_after_cue_is_not_content(actors):
    row = analyse("The Kremlin has said repeatedly that it would respond to any escalation.", actors).iloc[0]
    assert (row.speaker, row.speaker_type, row.actor) == ("Kremlin", "institution", "Russia")
    assert row.content == "it would respond to any escalation"


def test_possessive_country_with_curly_apostrophe_is_part_of_the_title(actors):
    row = analyse("Ukraine’s foreign minister Dmytro Kuleba said that Kyiv needed air defence.", actors).iloc[0]
    assert (row.speaker, row.title, row.actor) == ("Dmytro Kuleba", "Ukraine’s foreign minister", "Ukraine")


def test_vague_speaker_drops_a_participial_aside(actors):
    row = analyse("U.S. officials, speaking on condition of anonymity, said the deal was done.", actors).iloc[0]
    assert (row.source, row.speaker) == ("U.S. officials, speaking on condition of anonymity", "U.S. officials")
    assert (row.speaker_type, row.actor) == ("vague", "United States")


def test_follow_on_quote_without_cue_keeps_previous_speaker(actors):
    table = analyse("“We will respond,” Putin said. “The West will regret it.”", actors)
    assert list(table["speaker"]) == ["Vladimir Putin", "Vladimir Putin"]
    assert list(table["content"]) == ["We will respond", "The West will regret it"]
    assert list(table["cue"]) == ["said", "said"] and table.iloc[1].cue_start == table.iloc[0].cue_start
    assert list(table["sentence_index"]) == [0, 0]  # the sentence holding the shared cue


def test_quote_after_an_indirect_attribution_is_not_carried_over(actors):
    table = analyse("Putin said the talks failed. “The West will regret it.”", actors)
    assert list(table["cue"]) == ["said"]


# --- spans and table -------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED_000, SEED_002])
def test_every_span_equals_its_column_text(path, actors):
    text = path.read_text(encoding="utf-8")
    table = analyse(text, actors)
    for row in table.to_dict("records"):
        for name in ("cue", "source", "content"):
            if pd.isna(row[f"{name}_start"]):
                assert row[name] is None
            else:
                assert text[row[f"{name}_start"]:row[f"{name}_end"]] == row[name]


def test_table_columns_equal_attribution_columns_and_spans_are_nullable_ints(seed_000):
    assert list(seed_000.columns) == attribution.ATTRIBUTION_COLUMNS
    for column in ("cue_start", "source_end", "content_start", "sentence_index", "attribution_index"):
        assert str(seed_000[column].dtype) == "Int64"
    assert list(seed_000["attribution_index"]) == list(range(len(seed_000)))


def test_empty_table_still_has_the_columns(actors):
    table = attribution.attributions_table("x", "", [], actors)
    assert list(table.columns) == attribution.ATTRIBUTION_COLUMNS and table.empty


def test_sentence_index_is_the_sentence_holding_the_cue(seed_000):
    text = SEED_000.read_text(encoding="utf-8")
    sentences = segment.sentences(text)
    for row in seed_000.to_dict("records"):
        s = sentences[row["sentence_index"]]
        assert s.start <= row["cue_start"] and row["cue_end"] <= s.end


PIECES = list("abc XYZ.,“”\"'’:;—\n") + ["said ", "he ", "Putin ", "warned that ", "according to ",
                                          "The US and ", "Some experts ", "has ", ", stressing "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_arbitrary_text_gives_valid_spans_and_labels(text):
    actors = load_actors()
    for a in attribution.find_attributions(text, segment.sentences(text), actors):
        for span in (a.cue, a.source, a.content, a.cue_phrase):
            assert span is None or 0 <= span[0] < span[1] <= len(text)
        assert a.kind in attribution.KINDS and a.speaker.type in attribution.SPEAKER_TYPES
        assert a.register in (*attribution.REGISTERS, "unknown")


# --- data files ------------------------------------------------------------------

def test_register_of_known_cues_and_unknown():
    assert attribution.register_of("warned") == "assertive"
    assert attribution.register_of("Begging") == "emotive"
    assert attribution.register_of("claimed") == "distancing"
    assert attribution.register_of("hinted") == "tentative"
    assert attribution.register_of("believes") == "internal_state"
    assert attribution.register_of("According  to") == "neutral"
    assert attribution.register_of("gathered") == "unknown"


def test_requests_are_neutral_unless_the_verb_carries_emotion():
    for form in ("seeking", "asked", "requested", "called for"):
        assert attribution.register_of(form) == "neutral", form
    for form in ("begged", "pleaded", "implored"):
        assert attribution.register_of(form) == "emotive", form


def test_reporting_verbs_list_inflections_and_both_spellings():
    verbs = attribution.load_reporting_verbs()
    for form in ("say", "says", "said", "saying", "beg", "begs", "begged", "begging",
                 "emphasise", "emphasised", "emphasize", "emphasizing", "signalled", "signaled"):
        assert form in verbs.registers, form


@pytest.mark.parametrize("name", ["reporting_verbs.yaml", "speaker_titles.yaml"])
def test_data_files_have_the_header(name):
    data = load_data_file(packaged_path(name))
    assert all(data[key] for key in ("name", "version", "description", "sources", "licence"))


def test_user_reporting_verbs_file_extends_the_default(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("name: x\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\n"
                    "registers:\n  distancing:\n    say: [said]\n  emotive:\n    rage: [raged]\n", encoding="utf-8")
    verbs = attribution.load_reporting_verbs(path)
    assert verbs.registers["said"] == "distancing" and verbs.registers["raged"] == "emotive"
    assert verbs.registers["warned"] == "assertive"
    assert attribution.register_of("raged", verbs) == "emotive"


def test_user_reporting_verbs_file_without_header_is_a_slant_error(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("registers: {}\n", encoding="utf-8")
    with pytest.raises(SlantError, match="missing header"):
        attribution.load_reporting_verbs(path)


@pytest.mark.parametrize("text, cue, phrase", [
    ("Trump doesn't want a recount.", "want", "doesn't want"),
    ("He’s said repeatedly that he would win.", "said", "’s said repeatedly"),
    ("The senator said Tuesday in a statement that the bill would pass.", "said", "said Tuesday in a statement"),
    ("Sanders has railed against Wall Street.", "railed", "has railed against"),
    ("Clinton declined to say whether she would run.", "say", "declined to say"),
])
def test_cue_phrase_is_the_verb_group_polnear_marks(text, cue, phrase, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue[0]:a.cue[1]], text[a.cue_phrase[0]:a.cue_phrase[1]]) for a in found] == [(cue, phrase)]


def test_cue_phrase_time_is_not_content_but_a_preposition_stays(actors):
    text = "The senator said Tuesday that the bill would pass. Putin warned against such a move."
    table = analyse(text, actors)
    assert list(table["content"]) == ["the bill would pass", "against such a move"]
    assert list(table["source"]) == ["The senator", "Putin"]


def test_coordinated_said_ends_the_content_of_the_verb_before_it(actors):
    table = analyse("Wilson praised Rubio’s positions and said the senator can win.", actors)
    assert list(table["cue"]) == ["praised", "said"]
    assert list(table["content"]) == ["Rubio’s positions", "the senator can win"]


# --- v5 rules: verb classes, reporting subjects, be + adjective control ---------

@pytest.mark.parametrize("text, cue, source, register", [
    ("Rubio lambasted the plan on Monday.", "lambasted", "Rubio", "assertive"),  # Levin 33, judgment
    ("Clinton applauded the ruling.", "applauded", "Clinton", "emotive"),
    ("Sanders reminded voters of his record.", "reminded", "Sanders", "neutral"),  # Levin 37.2, tell
    ("Many Republicans despise the deal.", "despise", "Many Republicans", "internal_state"),  # Levin 31.2
    ("Kasich voted against the bill.", "voted against", "Kasich", "internal_state"),
])
def test_levin_and_searle_verb_classes_are_cues(text, cue, source, register, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source, row.register) == (cue, source, register)


@pytest.mark.parametrize("text, cue, source", [
    ("New polls show Clinton ahead in Ohio.", "show", "New polls"),
    ("About 56 percent support a ban.", "support", "About 56 percent"),
    ("Most voters see the race as close.", "see", "Most voters"),
])
def test_noun_like_form_counts_after_a_person_group_or_evidence_subject(text, cue, source, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source) == (cue, source)


def test_noun_like_form_after_an_ordinary_subject_is_still_not_a_cue(actors):
    assert analyse("The talks show no progress. The bridges support heavy trucks.", actors).empty


def test_be_adjective_before_a_reporting_infinitive_is_one_cue_with_it(actors):
    text = "Democratic voters were slightly more likely to say the economy mattered."
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue[0]:a.cue[1]], text[a.cue_phrase[0]:a.cue_phrase[1]], text[a.source[0]:a.source[1]])
            for a in found] == [("say", "were slightly more likely to say", "Democratic voters")]


@pytest.mark.parametrize("text, phrase, source, speaker, register", [
    ("Clinton repeated Trump’s criticism of the deal.", "criticism of", "Trump’s", "Trump", "assertive"),
    ("In Bolton’s view, the plan failed.", "view", "Bolton’s", "Bolton", "internal_state"),
    ("The senator’s energetic endorsement of Cruz came late.", "energetic endorsement of", "The senator’s", None,
     "emotive"),
])
def test_reporting_noun_with_a_possessive_source_is_a_nominal_cue(text, phrase, source, speaker, register, actors):
    found = [a for a in attribution.find_attributions(text, segment.sentences(text), actors)
             if text[a.cue_phrase[0]:a.cue_phrase[1]] == phrase]
    assert [(text[a.source[0]:a.source[1]], a.register) for a in found] == [(source, register)]
    assert speaker is None or found[0].speaker.name == speaker


@pytest.mark.parametrize("text", ["His support among evangelicals grew.", "Trump’s views were popular.",
                                  "The claims of victory were false."])
def test_reporting_noun_without_possessor_or_complement_is_not_a_cue(text, actors):
    assert analyse(text, actors).empty


# --- v6: a channel after the verb is part of the cue -------------------------------

@pytest.mark.parametrize("text, phrase, content", [
    ("The ministry said in a statement that the talks had failed.", "said in a statement", "the talks had failed"),
    ("Trump told reporters in an interview that he would win.", "told reporters in an interview", "he would win"),
    ("Sanders said at a news conference on Monday that he would stay.", "said at a news conference on Monday",
     "he would stay"),
    ("Cruz said during a telephone interview that he would stay.", "said during a telephone interview",
     "he would stay"),
    ("Rubio wrote in his weekly column that the plan had failed.", "wrote in his weekly column",
     "the plan had failed"),
])
def test_channel_after_the_verb_is_part_of_the_cue(text, phrase, content, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue_phrase[0]:a.cue_phrase[1]], text[a.content[0]:a.content[1]]) for a in found] == [
        (phrase, content)]


@pytest.mark.parametrize("text, content", [
    ("He said in Moscow that the talks had failed.", "in Moscow that the talks had failed"),  # a place
    ("She said at a rally that the talks had failed.", "at a rally that the talks had failed"),  # a setting
    ("He said on Monday that the post was vacant.", "the post was vacant"),  # "post" in the that-clause
])
def test_place_setting_or_clause_noun_is_not_a_channel(text, content, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [text[a.content[0]:a.content[1]] for a in found] == [content]
    assert all("Moscow" not in text[a.cue_phrase[0]:a.cue_phrase[1]] and "post" not in
               text[a.cue_phrase[0]:a.cue_phrase[1]] and "rally" not in text[a.cue_phrase[0]:a.cue_phrase[1]]
               for a in found)


# --- grammar words are read as words --------------------------------------------------

def test_on_is_a_cue_preposition_not_a_yaml_boolean(actors):
    text = "The White House has not commented on the report."
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [text[a.cue_phrase[0]:a.cue_phrase[1]] for a in found] == ["has not commented on"]  # "on" is no channel
    assert "on" in attribution.load_reporting_verbs().words("cue_prepositions")


def test_user_grammar_list_reads_bare_on_and_no_as_words(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text("name: x\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\n"
                    "grammar:\n  cue_prepositions: [about, on]\n  adverbs: [no]\n", encoding="utf-8")
    verbs = attribution.load_reporting_verbs(path)
    assert {"about", "on"} <= verbs.words("cue_prepositions") and "no" in verbs.words("adverbs")


@pytest.mark.parametrize("item", ["true", "12", "null"])
def test_user_grammar_list_with_a_non_word_is_a_slant_error(tmp_path, item):
    path = tmp_path / "verbs.yaml"
    path.write_text("name: x\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\n"
                    f"grammar:\n  cue_prepositions: [about, {item}]\n", encoding="utf-8")
    with pytest.raises(SlantError, match="non-word") as error:
        attribution.load_reporting_verbs(path)
    assert str(path) in str(error.value)


# --- v7: passive reports ----------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, source, content", [
    ("Trump has been criticized by some of his rivals for failing to speak out.", "has been criticized",
     "some of his rivals", "for failing to speak out"),
    ("The deal was sharply condemned by Germany as a threat to peace.", "was sharply condemned", "Germany",
     "as a threat to peace"),
    ("The plan was described as a failure.", "was described", None, "as a failure"),
])
def test_passive_report_has_the_agent_as_source(text, phrase, source, content, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue_phrase[0]:a.cue_phrase[1]], text[a.source[0]:a.source[1]] if a.source else None,
             text[a.content[0]:a.content[1]]) for a in found] == [(phrase, source, content)]


@pytest.mark.parametrize("text", ["There are reports that he left.", "The bridge was painted by workers.",
                                  "Moscow has been warned by Washington.", "The claims were false."])
def test_passive_without_a_reporting_participle_or_content_is_not_an_attribution(text, actors):
    assert analyse(text, actors).empty


def test_passive_with_an_ly_adverb_is_still_passive(actors):
    text = "Clinton is widely seen as the favorite."
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue_phrase[0]:a.cue_phrase[1]], a.source, text[a.content[0]:a.content[1]]) for a in found] == [
        ("is widely seen", None, "as the favorite")]


# --- v7: more verb classes; common-noun speakers after a quotation ----------------------

@pytest.mark.parametrize("text, cue, source, register", [
    ("The court ruled that the law was valid.", "ruled", "The court", "neutral"),  # Searle: declarations
    ("Sanders confided to aides that he was tired.", "confided", "Sanders", "neutral"),  # Levin 37.7
    ("Trump derided the plan as a joke.", "derided", "Trump", "assertive"),  # Levin 33
    ("Cruz and Rubio sparred over immigration.", "sparred", "Cruz and Rubio", "assertive"),  # Levin 36.1
])
def test_v7_verb_classes_are_cues(text, cue, source, register, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source, row.register) == (cue, source, register)


@pytest.mark.parametrize("text, cue, source, content", [
    ("“We will win,” the senator said.", "said", "the senator", "We will win"),
    ("“Power to the people!” the group shouted from the street.", "shouted", "the group", "Power to the people!"),
    ("“Get out!” a protester screamed.", "screamed", "a protester", "Get out!"),  # Levin 37.3, next to a quote
])
def test_common_noun_speaker_after_a_quotation_keeps_the_quotation(text, cue, source, content, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source, row.content, row.kind) == (cue, source, content, "direct")


@pytest.mark.parametrize("text", ["The crowd screamed and the band played.", "The senator whispered to his aide.",
                                  "Her book “The Long War” came out in June."])
def test_manner_of_speaking_verb_without_a_quotation_is_not_a_cue(text, actors):
    assert analyse(text, actors).empty


# --- v7: publication verbs with a channel object, argument and criticism collocations ---------------

@pytest.mark.parametrize("text, phrase, source, content, register", [
    ("Clinton issued a statement saying the attack was horrific.", "issued a statement saying", "Clinton",
     "the attack was horrific", "neutral"),
    ("The campaign put out a short statement calling the report false.", "put out a short statement calling",
     "The campaign", "the report false", "neutral"),
    ("Blackwell also took a shot at Hillary Clinton.", "also took a shot at", "Blackwell", "Hillary Clinton",
     "assertive"),
    ("Rubio made the case that the plan failed.", "made the case", "Rubio", "the plan failed", "assertive"),
])
def test_publication_and_collocation_cues(text, phrase, source, content, register, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue_phrase[0]:a.cue_phrase[1]], text[a.source[0]:a.source[1]], text[a.content[0]:a.content[1]],
             a.register) for a in found] == [(phrase, source, content, register)]


@pytest.mark.parametrize("text", ["The band released a new album in May.", "The bank issued new shares."])
def test_publication_verb_without_a_channel_object_is_not_a_cue(text, actors):
    assert analyse(text, actors).empty


@pytest.mark.parametrize("text", ["Clinton leads with 52 percent, compared with 41 percent for Trump.",
                                  "Sanders is scheduled to speak Thursday.",
                                  "The official was not authorized to discuss the talks."])
def test_prepositional_participle_and_permission_or_schedule_adjective_are_no_cues(text, actors):
    assert analyse(text, actors).empty


def test_compared_with_an_object_is_still_a_cue(actors):
    row = analyse("Trump compared Clinton to Nixon.", actors).iloc[0]
    assert (row.cue, row.source) == ("compared", "Trump")


@pytest.mark.parametrize("text, cue", [("Clinton spoke to reporters Tuesday about the economy.", "spoke"),
                                       ("Trump spoke out against the deal.", "spoke")])
def test_talk_verb_with_its_topic_is_a_cue(text, cue, actors):
    assert list(analyse(text, actors)["cue"]) == [cue]


@pytest.mark.parametrize("text", ["Clinton spoke at a rally in Iowa.", "Sanders was speaking to supporters in Ohio."])
def test_talk_verb_without_a_topic_is_not_a_cue(text, actors):
    assert analyse(text, actors).empty


def test_noun_like_control_verb_before_an_infinitive_is_a_verb(actors):
    text = "The Republican presidential candidate plans to be back in South Carolina later."
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source, row.content) == ("plans", "The Republican presidential candidate",
                                                  "to be back in South Carolina later")
    assert analyse("The campaign made its biggest ad buy, with plans to spend $10 million.", actors).empty


@pytest.mark.parametrize("text", ["Sanders won his home state of Vermont.", "Clinton won both states.",
                                  "Clinton has maintained support among black voters.",
                                  "The primary proved the most devastating.", "In his statement Saturday, Sanders went further."])
def test_complement_only_forms_and_channel_in_statement_are_no_cues(text, actors):
    assert analyse(text, actors).empty


@pytest.mark.parametrize("text, cue", [("The report states that the plan failed.", "states"),
                                       ("Clinton maintained that she did nothing wrong.", "maintained")])
def test_complement_only_forms_report_before_that(text, cue, actors):
    assert list(analyse(text, actors)["cue"]) == [cue]


@pytest.mark.parametrize("text, cue, source, content", [
    ("Ryan came out against the plan.", "came out against", "Ryan", "the plan"),
    ("Sanders pushed for a higher minimum wage.", "pushed for", "Sanders", "a higher minimum wage"),
    ("Rubio sided with the governors.", "sided with", "Rubio", "the governors"),
])
def test_phrasal_verbs_of_stance_are_cues(text, cue, source, content, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source, row.content) == (cue, source, content)


def test_phrasal_verb_in_another_sense_is_not_a_cue(actors):
    assert analyse("The crowd pushed through the gates and came out on the street.", actors).empty


def test_ly_adverb_between_subject_and_verb_keeps_the_subject(actors):
    text = "The campaign did not immediately respond to a request for comment."
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(text[a.cue_phrase[0]:a.cue_phrase[1]], text[a.source[0]:a.source[1]]) for a in found] == [
        ("did not immediately respond to", "The campaign")]


# --- v7: subjects of gerunds after a preposition and of reduced object relatives -----------

@pytest.mark.parametrize("text, cue, source", [
    ("Netanyahu rallied supporters by warning darkly that the right was in danger.", "warning", "Netanyahu"),
    ("Clinton quit giving paid speeches before announcing her run.", "announcing", "Clinton"),
    ("Whatever happens, this is not the campaign Clinton envisioned.", "envisioned", "Clinton"),
    ("It was not quite the lesson they intended.", "intended", "they"),
])
def test_gerund_after_preposition_and_reduced_relative_have_a_source(text, cue, source, actors):
    rows = analyse(text, actors)
    assert list(zip(rows["cue"], rows["source"])) == [(cue, source)]


def test_name_after_a_preposition_is_not_a_reduced_relative_subject(actors):
    rows = analyse("The plan that was backed by Clinton said nothing new.", actors)
    assert "Clinton" not in list(rows["source"])


def test_quote_only_verb_before_a_colon_is_a_cue(actors):
    assert list(analyse("Cruz continued:\n\n“You look at the questions.”", actors)["cue"])[:1] == ["continued"]
    assert analyse("The war continued for years.", actors).empty


@pytest.mark.parametrize("text, cue, source", [
    ("Citing the report, Sanders urged action.", "Citing", "Sanders"),
    ("Responding to Trump's remarks, Clinton called them offensive.", "Responding to", "Clinton"),
])
def test_opening_active_participle_takes_the_main_clause_subject(text, cue, source, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source) == (cue, source)


def test_opening_passive_participle_keeps_no_source(actors):
    row = analyse("Asked whether he would run, Clinton said no.", actors).iloc[0]
    assert row.cue == "Asked" and pd.isna(row.source)


def test_according_to_takes_a_long_source_phrase(actors):
    text = ("Voters want experience most, according to early results of the exit poll conducted by Edison Research "
            "for the Associated Press.")
    row = analyse(text, actors).set_index("cue").loc["according to"]
    assert row.source == "early results of the exit poll conducted by Edison Research for the Associated Press"


def test_raised_questions_is_a_cue(actors):
    row = analyse("Trump has raised questions about the deal.", actors).iloc[0]
    assert (row.cue, row.source, row.register) == ("raised questions", "Trump", "tentative")


# --- v8: polls and studies as sources; "as X put it" -----------------------------------------

@pytest.mark.parametrize("text, cue, source", [
    ("A USA TODAY/Suffolk University poll found that Sanders trails.", "found", "A USA TODAY/Suffolk University poll"),
    ("A study by the liberal watchdog group Media Matters found Trump got twice the airtime.", "found",
     "A study by the liberal watchdog group Media Matters"),
    ("An analysis by Politifact of presidential elections going back to 1972 showed the pattern held.", "showed",
     "An analysis by Politifact of presidential elections going back to 1972"),
])
def test_evidence_subject_with_post_modifiers_is_the_source(text, cue, source, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue, row.source) == (cue, source)


def test_link_is_still_no_source(actors):
    row = analyse("http://example.com/page said that it was true.", actors).iloc[0]
    assert row.cue == "said" and pd.isna(row.source)


@pytest.mark.parametrize("text, source, content", [
    ("Clinton led Sanders more than 2-1 in an NBC News/Marist poll.", "an NBC News/Marist poll",
     "Clinton led Sanders more than 2-1"),
    ("In a September Washington Post-ABC News poll, 75 percent of Republicans were unhappy.",
     "a September Washington Post-ABC News poll", "75 percent of Republicans were unhappy"),
])
def test_named_poll_after_in_is_the_source(text, source, content, actors):
    row = analyse(text, actors).iloc[0]
    assert (row.cue.lower(), row.source, row.content, row.register) == ("in", source, content, "neutral")


@pytest.mark.parametrize("text", ["Rubio rose in the polls after the debate.",
                                  "Fifteen percent of voters in the poll were undecided.",
                                  "In a recent study of working-class voters, turnout fell.",
                                  "White voters were half of voters in three of nine Democratic primaries where "
                                  "exit polls were conducted."])
def test_unnamed_poll_or_other_study_after_in_is_no_cue(text, actors):
    assert analyse(text, actors).empty


def test_as_x_put_it_is_a_cue(actors):
    row = analyse("As John Cornyn, the No. 2 in the GOP leadership, put it: this person will not be confirmed.",
                  actors).iloc[0]
    assert (row.cue, row.source, row.content) == ("put it", "John Cornyn, the No. 2 in the GOP leadership",
                                                  "this person will not be confirmed")


def test_comma_within_a_quotation_does_not_end_the_reported_clause(actors):
    text = ("Cruz argued that if Trump wins “we will see liberals on the court, and we will see our rights taken away” "
            "and that he fears the same of Rubio.")
    row = analyse(text, actors).set_index("cue").loc["argued"]
    assert row.content.endswith("and that he fears the same of Rubio")


# --- v8: a subordinator opening the sentence is no one -------------------------------------------------------

def test_when_asked_has_no_when_source_and_the_main_clause_still_speaks(actors):
    table = analyse("When asked whether this differed, Trump reportedly said, “You tell me.”", actors)
    assert "When" not in set(table["source"].dropna())
    said = one(table, "said")
    assert (said.source, said.speaker) == ("Trump", "Trump")


def test_a_reduced_passive_opening_the_sentence_takes_its_agent(actors):
    row = one(analyse("As reported by Western Journalism, the emails were never archived.", actors), "reported")
    assert (row.source, row.content) == ("Western Journalism", "the emails were never archived")


# --- speakers: a title's definite description, a surname's case --------------------------------------------

def test_the_judge_is_the_judge_named_before(actors):
    table = analyse("Judge Richard Berman spoke first. “Everything overlapped,” the judge said.", actors)
    row = one(table, "said")
    assert (row.source, row.speaker, row.speaker_type, row.title) == ("the judge", "Richard Berman", "person", "Judge")


def test_a_surname_opening_a_sentence_is_the_person_named_before_whatever_its_case(actors):
    table = analyse("Mayor Bill de Blasio said so before. De Blasio said he trusts Bratton.", actors)
    assert list(table["speaker"]) == ["Bill de Blasio", "Bill de Blasio"]
    assert list(table["title"]) == ["Mayor", "Mayor"]


def test_a_closing_double_apostrophe_is_not_part_of_the_next_source(actors):
    text = "But ''the more interesting issue,'' Mr. Holtz-Eakin added, ''is whether the report holds.''"
    assert set(analyse(text, actors)["source"]) == {"Mr. Holtz-Eakin"}


@pytest.mark.parametrize("text, cue", [
    ("But the other candidate on the stage, former Secretary of State Hillary Clinton, drew a contrast, saying that "
     "concerns were real.", "saying"),
    ("The billionaire businessman began by talking about the state of the race.", "talking about"),
])
def test_an_opening_word_that_is_no_subject_is_no_source_and_the_report_stays(text, cue, actors):
    table = analyse(text, actors)
    row = one(table, cue)
    assert pd.isna(row.source) and row.speaker_type == "unknown"
    assert not {"But", "The"} & set(table["source"].dropna())


def test_a_first_person_source_in_the_outlets_voice_is_the_writer(actors):
    table = analyse("I guess that settles it. As we explained before, the figure is wrong.", actors)
    assert list(zip(table["source"], table["speaker"], table["speaker_type"])) == [
        ("I", "the writer", "writer"), ("we", "the writer", "writer")]


# --- speakers a reader can trust (issue 18, item 3): invented sentences --------------------------------------------

def speakers_of(text, actors, model=None):
    found = attribution.find_attributions(text, segment.sentences(text), actors, model=model)
    return [(text[a.cue_phrase[0]:a.cue_phrase[1]], a.speaker.name, a.speaker.type) for a in found]


def test_a_relative_pronoun_source_speaks_for_the_phrase_it_attaches_to(actors):
    text = "The officials, who spoke on the record, said the talks had stalled."
    assert ("said", "The officials", "vague") in speakers_of(text, actors)
    assert all(name != "who" for _, name, _ in speakers_of(text, actors))
    text = "Mayor Ann Dole, who took office in May, said the plan would fail."
    assert speakers_of(text, actors) == [("said", "Ann Dole", "person")]


def test_a_subordinate_opener_is_never_part_of_the_speaker(actors):
    text = "Despite Carver saying the vote was rigged, the count went on."
    assert speakers_of(text, actors) == [("saying", "Carver", "person")]


def test_a_place_after_of_in_a_name_is_not_the_speaker(actors):
    text = "Senator Mitch Carver of Oregon has branded the bill a disgrace."
    assert speakers_of(text, actors) == [("has branded", "Mitch Carver", "person")]


@pytest.mark.parametrize("text", ["The indictment alleges that the firm hid its losses.",
                                  "His promise suggests that the tax will rise."])
def test_a_lower_case_event_or_document_is_no_speaker(text, actors):
    assert [name for _, name, _ in speakers_of(text, actors)] == [None]


@pytest.mark.parametrize("text, speaker", [("The administration said the rule would stay.", "administration"),
                                           ("Two aides said the trip was off.", "Two aides")])
def test_a_lower_case_person_or_organisation_noun_is_a_speaker(text, speaker, actors):
    assert [name for _, name, _ in speakers_of(text, actors)] == [speaker]


def test_a_title_inside_a_capitalised_run_is_the_title_not_the_name(actors):
    text = "Police Chief Bob Jones said the road was closed."
    table = analyse(text, actors)
    assert (table.iloc[0].speaker, table.iloc[0].title) == ("Bob Jones", "Police Chief")


def test_a_quotation_after_the_person_quoted_in_between_is_theirs(actors):
    text = ("Police Chief Bob Jones said the road was closed. “We saw him run,” said Smith, a neighbour. "
            "“He was fast,” he said.")
    assert speakers_of(text, actors)[-1] == ("said", "Smith", "person")


@pytest.mark.parametrize("text, speaker", [
    ("Outgoing city transit adviser Ola Brandt warned that fares would rise.", ("Ola Brandt", "person",
                                                                               "Outgoing city transit adviser")),
    ("“Fares will rise,” Metroline's Ola Brandt wrote.", ("Ola Brandt", "person", "Metroline's")),
    ("The mayor's chief of staff Ola Brandt said fares would rise.", ("Ola Brandt", "person",
                                                                      "mayor's chief of staff")),
    ("The RTA insists it was not consulted on the fares.", ("RTA", "institution", None)),
    ("Aldo Reyes, a driver, said Wednesday he was worried about the fares.", ("Aldo Reyes", "person", "driver")),
    ("Last week the ex-councillor said she would appeal.", ("ex-councillor", "unknown", None)),
    ("Over the fares, the bus lobby insists it was ignored.", ("bus lobby", "unknown", None)),
])
def test_a_name_after_its_titles_role_or_possessor_is_the_speaker(text, speaker, actors):
    for model in (None, attribution.load_model()):
        found = attribution.find_attributions(text, segment.sentences(text), actors, model=model)
        first = found[0]  # a nested report may follow ("he was worried about")
        assert (first.speaker.name, first.speaker.type, first.speaker.title) == speaker
        assert all(a.nested for a in found[1:])


def test_a_time_before_or_after_the_source_is_no_speaker_and_a_time_alone_names_no_one(actors):
    from slant.attribution.speakers import NO_SPEAKER, Speakers, load_speaker_titles

    text = "But Mr. Akin on Tuesday refused to step down from his race."
    assert [a.speaker.name for a in attribution.find_attributions(text, segment.sentences(text), actors,
                                                                  model=attribution.load_model())] == ["Akin"]
    speakers = Speakers(text, actors, load_speaker_titles())
    assert speakers._describe("Mr. Akin on Tuesday", 0).name == "Akin"
    assert speakers._describe("Super Tuesday", 0) == NO_SPEAKER
    assert speakers._describe("last week", 0) == NO_SPEAKER


def test_a_plural_people_noun_names_a_group_and_is_no_surname(actors):
    text = ("Missouri Republicans said the vote was fair. Republicans have been insisting that the deal be cut. "
            "Senator Ted Jones said no. Jones said it twice.")
    for model in (None, attribution.load_model()):
        found = attribution.find_attributions(text, segment.sentences(text), actors, model=model)
        assert [(a.speaker.name, a.speaker.type) for a in found] == [
            ("Missouri Republicans", "group"), ("Republicans", "group"), ("Ted Jones", "person"),
            ("Ted Jones", "person")]


def test_a_name_run_ends_with_its_sentence(actors):
    text = "It was a warning to President Ola Brandt.\n\nAdmiral Tam Ruiz said the islands were armed. Ruiz said so."
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(a.speaker.name, a.speaker.title) for a in found] == [("Tam Ruiz", "Admiral"), ("Tam Ruiz", "Admiral")]
    from slant.attribution.speakers import Speakers, load_speaker_titles

    named = [(name, title) for _, name, title in Speakers(text, actors, load_speaker_titles()).people]
    assert named == [("Ola Brandt", "President")]  # the run had gone on to "Ola Brandt.\n\nAdmiral Tam Ruiz"


def test_a_title_run_inside_a_name_run_is_title(actors):
    text = "The mayor and fellow Sen. Ola Brandt met in May. Brandt said the plan would fail."
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [(a.speaker.name, a.speaker.title) for a in found] == [("Ola Brandt", "fellow Sen.")]


@pytest.mark.parametrize("text, speakers", [
    ("Marta Quill said the race was close. Senator Bernie Ashby disagreed, and said he would win. "
     "She said the delegates would decide.", ["Marta Quill", "Bernie Ashby", "Bernie Ashby", "Marta Quill"]),
    ("Mrs. Alder spoke first. Mayor Tom Brandt said the bridge would open. She said the toll would stay.",
     ["Tom Brandt", "Alder"]),
    ("Sen. Lindsey Ashby said the bill would fail. He said the votes were not there.",  # Lindsey: either gender
     ["Lindsey Ashby", "Lindsey Ashby"]),
    ("Mayor Tom Brandt said the bridge would open. She said the toll would stay.",  # no woman named: the latest
     ["Tom Brandt", "Tom Brandt"]),
])
def test_a_pronoun_stands_for_the_latest_person_of_its_gender_where_the_text_says_it(text, speakers, actors):
    for model in (None, attribution.load_model()):
        found = attribution.find_attributions(text, segment.sentences(text), actors, model=model)
        assert [a.speaker.name for a in found] == speakers


@pytest.mark.parametrize("text, negated", [("Carver has never asked the city for money.", True),
                                           ("Carver did not say whether he would run.", True),
                                           ("Carver didn’t say whether he would run.", True),
                                           ("Carver said he would not run.", False),
                                           ("“Who wouldn’t be?” said Carver, the mayor.", False),
                                           ("“It is closed or not,” Carver told reporters.", False)])
def test_a_negated_cue_is_flagged(text, negated, actors):
    found = attribution.find_attributions(text, segment.sentences(text), actors)
    assert [a.negated for a in found] == [negated]


def test_a_post_kept_as_tweet_markup_is_one_attribution_by_its_author(actors):
    text = ('The vote was on Monday.\n\n<tweet id="1" author="@MissDBunker" datetime="2015-12-02">Scanner: '
            'the suspect said he was leaving.</tweet>\n\nThe outlet goes on.')
    for model in (None, attribution.load_model()):
        found = attribution.find_attributions(text, segment.sentences(text), actors, model=model)
        [post] = [a for a in found if a.speaker.type == "embed"]
        assert (text[post.cue[0]:post.cue[1]], text[post.source[0]:post.source[1]], post.speaker.name) == (
            "tweet", "MissDBunker", "@MissDBunker")
        assert text[post.content[0]:post.content[1]] == "Scanner: the suspect said he was leaving."
        assert [a for a in found if a.speaker.type != "embed"] == []  # the post's own "said" is its author's

