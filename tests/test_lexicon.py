import pytest

from slant import actors, lexicon, segment
from slant.errors import SlantError
from helpers import SEED_000, SEED_002, seed_text


def all_terms_of(text, lex=None):
    lex = lex or lexicon.load_lexicon()
    return lexicon.find_loaded_terms(text, segment.sentences(text), lex, actors.load_actors().mentions(text),
                                     segment.quotations(text))


def terms_of(text, lex=None):
    """Loaded terms and naming choices (not the described hedges, factives, report verbs…)."""
    return [t for t in all_terms_of(text, lex) if t["loaded"] or t["category"] == "naming"]


def test_finds_begging_at_exact_offsets_in_seed_000_aimed_at_ukraine():
    text = seed_text(SEED_000)
    begging = [t for t in terms_of(text) if t["term"] == "beg" and t["loaded"]]
    assert [(t["start"], t["end"], t["category"], t["voice"], t["target"]) for t in begging] == [
        (118, 125, "emotive", "outlet", "Ukraine"), (680, 687, "emotive", "outlet", "Ukraine")]
    assert all(text[t["start"]:t["end"]] == "begging" for t in begging)


def test_finds_purportedly_as_doubt_in_own_voice_aimed_at_ukraine():
    hits = [t for t in terms_of(seed_text(SEED_000)) if t["text"] == "purportedly" and t["loaded"]]
    assert [(t["start"], t["end"], t["category"], t["voice"], t["target"]) for t in hits] == [
        (1347, 1358, "doubt", "outlet", "Ukraine")]


def test_kiev_is_a_naming_choice_five_times_in_000_and_absent_from_002():
    kiev_000 = [t for t in terms_of(seed_text(SEED_000)) if t["text"] == "Kiev"]
    assert [t["start"] for t in kiev_000] == [110, 498, 666, 2469, 2817]
    assert {(t["category"], t["variant"], t["target"]) for t in kiev_000} == {("naming", "Russian-derived", "Ukraine")}
    assert [t for t in terms_of(seed_text(SEED_002)) if t["group"] == "Kyiv/Kiev"] == []


def test_us_led_is_a_label_aimed_at_nato_not_at_the_us():
    hit = [t for t in terms_of(seed_text(SEED_000)) if t["term"] == "US-led"]
    assert [(t["start"], t["category"], t["target"]) for t in hit] == [(21, "labels", "NATO")]


def test_serious_consequences_inside_quotes_is_the_speakers_voice():
    hit = [t for t in terms_of(seed_text(SEED_000)) if t["term"] == "serious consequences"]
    assert [(t["start"], t["in_quote"], t["voice"]) for t in hit] == [(1725, True, "quoted")]


def test_said_is_not_loaded_and_kyiv_is_naming_not_loaded_wording():
    found = all_terms_of("Officials said Kyiv was calm.")
    assert [(t["text"], t["category"], t["loaded"]) for t in found] == [
        ("said", "assertives", False), ("said", "report_verbs", False), ("Kyiv", "naming", False)]


def test_a_form_in_two_categories_is_reported_in_both():
    found = all_terms_of("Kiev is begging.")
    assert [(t["text"], t["category"], t["loaded"]) for t in found] == [
        ("Kiev", "naming", False), ("begging", "emotive", True), ("begging", "report_verbs", False)]


def test_negation_is_recorded():
    found = {t["text"]: t["negated"] for t in terms_of("They were not desperate, but the regime never massively attacked.")}
    assert found == {"desperate": True, "regime": False, "massively": True}


def test_lowercase_terms_inside_capitalised_names_are_skipped():
    assert [t["text"] for t in all_terms_of("Aid reached the Free Syrian Army in May.") if t["term"] == "may"] == []
    assert [t["text"] for t in all_terms_of("Aid may reach them.")] == ["may"]


@pytest.mark.parametrize("text, expected", [
    ("They begged, he begs, we beg.", ["begged", "begs", "beg"]),
    ("Kiev clamoured; Kyiv clamored.", ["Kiev", "clamoured", "Kyiv", "clamored"]),
    ("The so called vote and the so-called vote.", ["so called", "so-called"]),
    ("The U.S.-led coalition; the US-led coalition.", ["U.S.-led", "US-led"]),
    ("TIME AND AGAIN they came.", ["TIME AND AGAIN"]),
])
def test_inflections_hyphens_and_case_match(text, expected):
    assert [t["text"] for t in terms_of(text)] == expected


def test_words_containing_a_term_do_not_match():
    assert terms_of("The begonia and the regimental band.") == []


def test_user_lexicon_extends_and_overrides_the_packaged_one(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("name: mine\nversion: 1\ndescription: test\nsources: [me]\nlicence: CC0-1.0\n"
                    "terms:\n  - term: mobilisation\n    note: topic word\n  - term: strongly\n    note: moved\n",
                    encoding="utf-8")
    lex = lexicon.load_lexicon([user])
    found = {(t["text"], t["category"]) for t in all_terms_of("A mobilisation was strongly opposed by the regime.", lex)}
    assert found == {("mobilisation", "mine"), ("strongly", "mine"), ("regime", "labels"), ("opposed", "report_verbs")}
    only = lexicon.load_lexicon([user], extend=False)
    assert {t["text"] for t in all_terms_of("the regime strongly", only)} == {"strongly"}


@pytest.mark.parametrize("body, message", [
    ("name: x\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms:\n  - note: no term\n", "line 7: a term needs 'term'"),
    ("name: x\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms: [\n", "invalid YAML at line"),
    ("terms:\n  - term: a\n", "missing header key"),
    ("name: x\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms: []\n", "'terms' must be a non-empty list"),
    ("name: x\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms:\n  - term: 12\n", "line 7: 'term' must be text"),
    ("name: x\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms:\n  - term: a\n    forms: b\n",
     "line 7: 'forms' of 'a' must be a list of words"),
    ("name: x\nversion: 1\ndescription: d\nsources: []\nlicence: l\nterms:\n  - term: a\n    unless_followed_by: [true]\n",
     "line 7: 'unless_followed_by' of 'a' must be a list of words"),
])
def test_malformed_lexicon_file_gives_one_line_error_naming_the_file(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SlantError, match=message) as error:
        lexicon.load_lexicon([path])
    assert str(path) in str(error.value)


@pytest.mark.parametrize("text, expected", [
    ("He pleaded with Congress for more time.", ["pleaded"]),  # a plea: emotive
    ("He pleaded guilty to fraud.", []),  # the legal sense
    ("She will plead not guilty.", []),
    ("Lerner will plead the Fifth.", []),
    ("They defended their failed policies.", ["failed"]),  # the adjective judges
    ("The bill failed to pass.", []),  # the implicative verb 'fail to' (Karttunen 1971) describes
    ("Weiner failed in a 2005 bid.", []),
    ("Failing schools need help.", ["Failing"]),
])
def test_a_following_word_can_mark_a_sense_that_is_not_loaded(text, expected):
    assert [t["text"] for t in terms_of(text) if t["category"] in ("emotive", "evaluative")] == expected


@pytest.mark.parametrize("text, expected", [
    ("Member states of the US-led NATO met in the United States.", []),  # the noun, twice
    ("State media said so.", []),
    ("Blinken stated that the policy had changed, stating the obvious.", ["stated", "stating"]),
])
def test_state_is_described_only_in_its_verb_forms(text, expected):
    for category in ("assertives", "report_verbs"):
        assert [t["text"] for t in all_terms_of(text)
                if t["category"] == category and t["text"].lower().startswith("stat")] == expected


def test_unless_followed_by_in_a_user_file_restricts_only_that_entry(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("name: mine\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\nterms:\n"
                    "  - term: storm\n    note: drama\n    unless_followed_by: [drain, \"surge\"]\n", encoding="utf-8")
    lex = lexicon.load_lexicon([user], extend=False)
    found = [t["text"] for t in all_terms_of("A storm drain, a storm surge, a political storm.", lex)]
    assert found == ["storm"]
    assert lexicon.in_excluded_sense("storm  Surge", 5, lex.entries()[0])


def test_editorializing_counts_in_the_outlets_voice_only():
    text = "Ironically, the bill passed. “Of course I was surprised,” she said."
    assert [(t["text"], t["voice"]) for t in terms_of(text) if t["category"] == "editorializing"] == [
        ("Ironically", "outlet")]
    assert lexicon.load_lexicon().categories["editorializing"].own_voice_only
    assert not lexicon.load_lexicon().categories["doubt"].own_voice_only  # a speaker's "allegedly" still counts


@pytest.mark.parametrize("text, expected", [
    ("Republicans praised the deal.", [("praised", "outlet")]),  # applause, where "said" would report
    ("Unions complained about the cuts.", [("complained", "outlet")]),  # a grievance
    ("The senator vowed to fight on.", [("vowed", "outlet")]),  # a solemn oath
    ("Critics hailed the ruling.", [("hailed", "outlet")]),
    ("He hails from Texas.", []),  # 'hail from': comes from
    ("She was sworn in on Monday.", []),  # the oath of office
    ("He gave sworn testimony.", []),  # the legal sense
    ("Moscow threatened retaliation.", [("threatened", "outlet")]),  # menace, where "warned" would report
    ("Residents felt threatened by the floods.", []),  # the one under threat says nothing
    ("The owl is a threatened species.", []),  # a conservation status
    ("“I complained for years,” she said.", []),  # the speaker's own verb, not the writer's characterisation
    ("Republicans criticised the deal.", []),  # the conventional neutral verb of disapproval
])
def test_characterising_verbs_of_saying_count_in_the_outlets_voice(text, expected):
    assert [(t["text"], t["voice"]) for t in terms_of(text) if t["category"] == "characterising"] == expected


def test_every_packaged_lexicon_file_has_a_citable_header_and_notes():
    lex = lexicon.load_lexicon()
    assert {"doubt", "emotive", "intensifiers", "labels", "naming", "escalation"} <= set(lex.categories)
    for category in lex.categories.values():
        assert category.sources and category.description and category.version
    assert all(entry.note for entry in lex.entries())


@pytest.mark.parametrize("lemma, forms", [
    ("beg", ("beg", "begs", "begged", "begging")),
    ("argue", ("argue", "argues", "argued", "arguing")),
    ("deny", ("deny", "denies", "denied", "denying")),
    ("stress", ("stress", "stresses", "stressed", "stressing")),
    ("say", ("say", "says", "sayed", "saying", "said")),
    ("point out", ("point out", "points out", "pointed out", "pointing out")),
])
def test_verb_forms_follow_english_spelling(lemma, forms):
    assert lexicon.verb_forms(lemma) == forms


def test_recasens_categories_are_shipped_with_citation_and_bias_lemmas_are_off_by_default():
    lex = lexicon.load_lexicon()
    for name in ("hedges", "factives", "assertives", "implicatives", "report_verbs"):
        assert not lex.categories[name].loaded and "Recasens" in " ".join(lex.categories[name].sources) \
            or "Hyland" in " ".join(lex.categories[name].sources)
    assert "bias_lemmas" not in lex.categories
    with_lemmas = lexicon.load_lexicon(categories=["bias_lemmas", "doubt"])
    assert set(with_lemmas.categories) == {"bias_lemmas", "doubt"}
    assert len({e.term for e in with_lemmas.entries() if e.category == "bias_lemmas"}) == 654
    with pytest.raises(SlantError, match="unknown category 'nope'"):
        lexicon.load_lexicon(categories=["nope"])


@pytest.mark.parametrize("text, term, target", [
    ("Kiev has been begging its Western backers for arms.", "begging", "Ukraine"),  # subject before the term
    ("NATO fears retaliation from Moscow.", "retaliation", "Russia"),  # linked by a preposition after it
    ("The escalation could drag NATO into a war.", "drag", "NATO"),  # the entry aims at its object
    ("Member states of the US-led NATO met.", "US-led", "NATO"),  # "US" inside the term is not its target
    ("The ex-Soviet republic asked for help.", "ex-Soviet republic", "Ukraine"),  # the term names the actor
    ("They feared retaliation.", "retaliation", None),
])
def test_target_rules(text, term, target):
    found = [t for t in terms_of(text) if t["text"] == term]
    assert [t["target"] for t in found] == [target]


def quote_terms(text):
    from slant.pipeline import Config, terms_of_text

    return [(t["text"], t["category"], t["voice"]) for t in terms_of_text(text, Config.load())
            if t["category"] in ("scare_quote", "partial_quote")]


@pytest.mark.parametrize("text, expected", [
    ("The “referendum” was held in March.", [("“referendum”", "scare_quote", "outlet")]),
    ('The "referendum" was held in March.', [('"referendum"', "scare_quote", "outlet")]),
    ("Macron said Ukraine should “neutralize” bases.", [("“neutralize”", "partial_quote", "quoted")]),
    ("“We will win this war and rebuild the country,” Zelensky said.", []),  # a full quoted sentence
    ("He praised the film “Gone With The Wind” last year.", []),  # a quoted title
    ("“It was a prank,” Weiner said.", []),  # a short quoted sentence, not a fragment
    ("Asked point-blank, “Is that picture you?” Weiner said no.", []),
    ("“Progressivism,” he declared, “is eating the Constitution.”", []),  # both pieces of a split sentence
    ("He used the word “theology” on Sunday.", []),  # the word mentioned, not used
    ('Groups with the name "tea party" or "patriot" were flagged.', []),
    ("“Legitimate rape” is a myth.", [("“Legitimate rape”", "scare_quote", "outlet")]),  # opens, but no closing stop
    ("He called the comments “unacceptable” and “inaccurate.”",
     [("“unacceptable”", "partial_quote", "quoted"), ("“inaccurate.”", "partial_quote", "quoted")]),
])
def test_short_quotations_are_scare_quotes_or_partial_quotes(text, expected):
    assert quote_terms(text) == expected


def test_a_quoted_term_is_its_words_without_the_stop_inside_the_marks():
    from slant.pipeline import Config, terms_of_text

    found = [t for t in terms_of_text("He called the comments “unacceptable” and “inaccurate.”", Config.load())
             if t["category"] == "partial_quote"]
    assert [(t["term"], t["text"]) for t in found] == [("unacceptable", "“unacceptable”"), ("inaccurate", "“inaccurate.”")]


def test_partial_quote_in_seed_000_is_attributed_and_not_a_scare_quote():
    found = quote_terms(seed_text(SEED_000))
    assert found == [("“neutralize”", "partial_quote", "quoted"), ("“serious consequences”", "partial_quote", "quoted")]


def test_trie_pattern_finds_what_a_longest_first_alternation_finds():
    import re as regex

    from hypothesis import given, settings, strategies as st

    words = st.text(alphabet="abc -'", min_size=1, max_size=6).map(str.strip).filter(bool)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(words, min_size=1, max_size=12, unique=True), st.text(alphabet="abc -'’", max_size=40))
    def check(forms, text):
        naive = "|".join("".join(lexicon.form_atoms(f)) for f in sorted(forms, key=len, reverse=True))
        wrap = r"(?<![\w-])(?:{})(?![\w-]\w)(?!\w)"
        expected = [m.span() for m in regex.finditer(wrap.format(naive), text, regex.IGNORECASE)]
        found = [m.span() for m in regex.finditer(wrap.format(lexicon.trie_pattern(forms)), text, regex.IGNORECASE)]
        assert found == expected

    check()


def test_bare_on_in_a_user_file_is_the_word_on(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("name: mine\nversion: 1\ndescription: d\nsources: [me]\nlicence: CC0-1.0\nterms:\n"
                    "  - term: crack down\n    note: drama\n    unless_followed_by: [on]\n", encoding="utf-8")
    lex = lexicon.load_lexicon([user], extend=False)
    assert lex.entries()[0].unless_followed_by == ("on",)
    assert [t["text"] for t in all_terms_of("They crack down on protests. Police crack down hard.", lex)] == [
        "crack down"]


def test_a_loaded_word_inside_doubled_apostrophes_is_the_speakers():
    found = [t for t in all_terms_of("''It was a disastrous deal,'' he said of the disastrous plan.")
             if t["text"] == "disastrous"]
    assert [t["voice"] for t in found] == ["quoted", "outlet"]
