import pytest

from slant import actors
from slant.errors import SlantError
from slant.pipeline import Config


def test_default_actors_map_people_and_capitals_to_their_side():
    known = actors.load_actors()
    assert known.actor_of("Russian President Vladimir Putin") == "Russia"
    assert known.actor_of("Antony Blinken") == "United States"
    assert known.actor_of("NATO chief Jens Stoltenberg") == "NATO"
    assert known.side_of("Germany") == "West"
    found = [(m.text, m.actor) for m in known.mentions("The alliance met; Kyiv’s envoy and the U.S. spoke.")]
    assert found == [("The alliance", "NATO"), ("Kyiv", "Ukraine"), ("U.S.", "United States")]


def test_a_user_actors_file_extends_the_default(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: t\nversion: 1\ndescription: d\nsources: [s]\nlicence: l\n"
                    "actors:\n  Hamas:\n    side: Hamas\n    aliases: [Hamas, Yahya Sinwar, Sinwar]\n", encoding="utf-8")
    merged = actors.load_actors(path)
    assert merged.actor_of("Sinwar") == "Hamas" and merged.actor_of("Putin") == "Russia"
    only = actors.load_actors(path, extend=False)
    assert only.actor_of("Putin") is None
    path.write_text(path.read_text(encoding="utf-8") + "mode: replace\n", encoding="utf-8")
    assert actors.load_actors(path).actor_of("Putin") is None and actors.load_actors(path).actor_of("Sinwar") == "Hamas"


def test_a_bad_actors_file_names_the_actor(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: t\nversion: 1\ndescription: d\nsources: [s]\nlicence: l\nactors:\n  X:\n    aliases: []\n",
                    encoding="utf-8")
    with pytest.raises(SlantError, match="actor 'X' needs a non-empty list 'aliases'"):
        actors.load_actors(path)


@pytest.mark.parametrize("mode", ["replce", "Replace", "[replace]", "true", "''"])
def test_an_actors_file_mode_other_than_extend_or_replace_is_refused(tmp_path, mode):
    path = tmp_path / "mine.yaml"
    path.write_text("name: t\nversion: 1\ndescription: d\nsources: [s]\nlicence: l\n"
                    f"mode: {mode}\nactors:\n  Hamas:\n    aliases: [Hamas]\n", encoding="utf-8")
    got = {"replce": "'replce'", "Replace": "'Replace'", "[replace]": "['replace']", "true": "True", "''": "''"}[mode]
    with pytest.raises(SlantError) as caught:
        actors.load_actors(path)
    assert str(caught.value) == f"{path}: key 'mode' must be extend or replace (got {got})"
    with pytest.raises(SlantError, match="key 'mode' must be extend or replace"):
        actors.load_actors(path, extend=False)  # an explicit choice does not make a bad file good


def test_actors_are_proposed_from_frequent_proper_names():
    texts = ["Officials said Governor Jane Doe met Acme Corp on Monday. Later, Doe told Acme Corp to pay.",
             "Critics of Acme Corp wrote to Jane Doe. The mayor, Bob Roe, declined."]
    proposed = actors.propose_actors(texts)
    # a title before a name is not part of it: "Governor Jane Doe" is counted as "Jane Doe" (still matched in the text)
    assert proposed.alias_to_actor == {"Acme Corp": "Acme Corp", "Jane Doe": "Jane Doe", "Doe": "Jane Doe"}
    assert proposed.actor_of("Doe") == "Jane Doe"  # Bob Roe, named once, is not proposed


def test_proposed_actors_leave_out_titles_openers_and_days():
    texts = ["''When Mr. Netanyahu met Mr. Obama on Monday, Sen. Ted Cruz said so. ''When Mr. Obama left on Monday, "
             "Ted Cruz and Mr. Netanyahu stayed, Acme Corp. paid and Cruz left."] * 2
    proposed = actors.propose_actors(texts)
    assert set(proposed.sides) == {"Netanyahu", "Obama", "Ted Cruz", "Acme Corp"}
    assert proposed.actor_of("Cruz") == "Ted Cruz"


def test_proposed_actors_keep_namesakes_and_news_outlets_apart():
    texts = ["When Sara Netanyahu and Benjamin Netanyahu met, Netanyahu spoke to CBS News and to Fox News; "
             "then Hillary Rodham Clinton and Hillary Clinton, as Clinton, spoke to News outlets."] * 2
    proposed = actors.propose_actors(texts)
    # one family name for two bearers; one bearer for two forms of her name; two outlets sharing a generic head
    assert {"Netanyahu", "Hillary Clinton", "CBS News", "Fox News"} <= set(proposed.sides)
    assert proposed.actor_of("Sara Netanyahu") == proposed.actor_of("Netanyahu") == "Netanyahu"
    assert proposed.actor_of("Hillary Rodham Clinton") == proposed.actor_of("Clinton") == "Hillary Clinton"
    assert proposed.actor_of("News") is None


def test_auto_actors_need_texts():
    with pytest.raises(SlantError, match="actors auto"):
        Config.load(actors_file="auto")
    proposed = Config.load(actors_file="auto", texts=["Then Acme sued Acme and Acme won."]).actors
    assert proposed.alias_to_actor == {"Acme": "Acme"}


def test_proposed_actors_are_names_not_heads_compounds_headlines_or_titles():
    texts = ["The Tea Party met the Green Party. Later, the Brill Medicare plan, said Chairman Ana Brill, saves "
             "Medicare; Brill said Medicare and Medicare again, as RAINS RETURN FOR Kelmere, wrote Brill. The "
             "rains return for good. A Quorran said so, and two Quorrans agreed; Quorrans, Quorrans. Senator Ana Brill spoke."] * 2
    proposed = actors.propose_actors(texts)
    assert set(proposed.sides) == {"Tea Party", "Green Party", "Ana Brill", "Medicare", "Kelmere", "Quorrans"}
    assert proposed.actor_of("Party") is None  # a head never written alone names no one
    assert proposed.actor_of("Brill Medicare") == "Medicare"  # two names side by side label nothing
    assert proposed.actor_of("Quorran") == "Quorrans"  # one actor, named by its more frequent form


def test_a_proposed_actor_of_adjective_form_that_modifies_nouns_is_named_by_its_noun():
    texts = ["The Zorvanian voters backed the plan. Zorvanians marched on Monday, and the Zorvanian press agreed.",
             "Officials said the Zorvanian economy grew. Many Zorvanians disagreed with the Zorvanian minister.",
             "The Quellic nominee spoke. Then Quells said the Quellic platform was fair; the Quellic base cheered.",
             "In May the Quells won the vote, the Quellic leader said."]
    proposed = actors.propose_actors(texts)
    assert proposed.actor_of("Zorvanian") == "Zorvanians" and proposed.actor_of("Zorvanians") == "Zorvanians"
    assert proposed.actor_of("Quellic") == "Quells" and "Quellic" not in proposed.sides
