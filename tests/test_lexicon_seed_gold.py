"""Every loaded term of both seeds, written by hand from reading the articles (issue: loaded-wording engine).

Each row: (start, text, category, voice, target). Naming choices and social-media
embeds are listed too (they are described, not counted as loaded). Hedges,
factives, assertives, implicatives and report verbs are not listed: they are
described categories from Recasens et al. (2013) tested elsewhere. Where the
engine disagrees with this reading, the row is an xfail(strict) gap, not a
deleted expectation. With the context model (issue 19) a term inside an
indirect attribution's content is in the ``paraphrase`` voice: eight rows said
"outlet" before and say "paraphrase" now, where a speaker's reported words
hold them (two more read so by attribution mistakes: VOICE_GAPS). One correction to the first reading, for consistency and
not to fit the engine: "direct conflict with the Russian Federation" (000) is
aimed at Russia, like "direct confrontation with Russia" (002).
"""

import pytest

from slant.pipeline import Config, terms_of_text
from helpers import SEED_000, SEED_002, seed_text

GOLD_000 = [
    (21, "US-led", "labels", "outlet", "NATO"),
    (85, "Western-donated", "labels", "outlet", "The West"),
    (110, "Kiev", "naming", "outlet", "Ukraine"),
    (118, "begging", "emotive", "outlet", "Ukraine"),
    (303, "ex-Soviet republic", "labels", "outlet", "Ukraine"),
    (425, "haunted", "emotive", "outlet", "NATO"),
    (498, "Kiev", "naming", "outlet", "Ukraine"),
    (666, "Kiev", "naming", "outlet", "Ukraine"),
    (680, "begging", "emotive", "outlet", "Ukraine"),
    (692, "Western backers", "labels", "outlet", "The West"),
    (965, "retaliation", "escalation", "outlet", "Russia"),
    (1013, "escalations", "escalation", "paraphrase", "NATO"),
    (1031, "drag", "escalation", "paraphrase", "NATO"),
    (1065, "direct conflict", "escalation", "paraphrase", "Russia"),
    (1211, "time and again", "intensifiers", "outlet", "NATO"),
    (1347, "purportedly", "doubt", "outlet", "Ukraine"),
    (1551, "“neutralize”", "partial_quote", "quoted", "Russia"),
    (1649, "strongly", "intensifiers", "outlet", "Russia"),
    (1724, "“serious consequences”", "partial_quote", "quoted", "The West"),
    (1725, "serious consequences", "intensifiers", "quoted", "The West"),
    (1837, "repeatedly", "intensifiers", "outlet", "Ukraine"),
    (2418, "Kharkiv", "naming", "outlet", "Ukraine"),
    (2469, "Kiev", "naming", "paraphrase", "Ukraine"),
    (2641, "angry", "emotive", "outlet", "Ukraine"),
    (2683, "repeatedly", "intensifiers", "outlet", "Russia"),
    (2817, "Kiev", "naming", "paraphrase", "Ukraine"),
    (2912, "nuclear war", "escalation", "paraphrase", "The West"),
]
GOLD_002 = [
    (928, "https://t.co/C2XQINs32Y", "social_embeds", "embed", None),
    (952, "#Trump2024", "social_embeds", "embed", None),
    (963, "#NahBabyNah", "social_embeds", "embed", None),
    (975, "pic.twitter.com/GGkKlwy4uy", "social_embeds", "embed", None),
    (1020, "@NahBabyNah", "social_embeds", "embed", None),
    (1709, "escalation", "escalation", "outlet", "Russia"),
    (2032, "retaliation", "escalation", "paraphrase", "Russia"),
    (2051, "overblown", "dismissive", "paraphrase", "Russia"),
    (2201, "direct confrontation", "escalation", "outlet", "Russia"),
]
# Where this reading and the engine differ on the target (the nearest-actor rule), kept as known gaps.
TARGET_GAPS = {
    (SEED_000, 425): "the meeting haunted is NATO's; no actor is named before the term in the sentence",
    (SEED_000, 1013): "nearest actor before 'escalations' is Moscow, but the escalation would drag NATO",
    (SEED_000, 1551): "Macron's word aims at bases in Russia; the rule takes Ukraine, named before it",
    (SEED_000, 1724): "the threat aims at Western countries, named after the quote",
    (SEED_000, 1725): "as above, inside the partial quote",
}


# Where the context model or the paraphrase voice (issue 19) disagree with this reading: known gaps, not edits.
VOICE_GAPS = {
    (SEED_000, 692): "attribution takes 'begging' as a speech cue and 'its Western backers …' as its content: "
                     "the outlet's own words are read as a paraphrase",
    (SEED_000, 1347): "'purportedly' is the outlet's doubt inside its paraphrase of the ministers' argument; a "
                      "term's voice is its clause's, so it reads as the ministers' word",
    (SEED_000, 2817): "the attribution tagger ends Russia's warned content at the comma before 'on top of them the "
                      "US, for Kiev' (the rules take the whole clause), so this 'Kiev' reads as the outlet's",
}
# Where the context model's phrase differs from this reading's term (the term is found, with other words around it).
MODEL_MISSES = {
    (SEED_000, 2641): "the model grows 'angry' over 'increasingly exhausted and' (0.69): one lexicon term "
                      "'increasingly exhausted and angry'; this reading takes the troops' exhaustion as reported, "
                      "not loaded",
}
# Terms the context model adds that this reading does not take as loaded wording.
MODEL_FALSE_ALARMS = {
    (SEED_000, (640, "hamper", "evaluative")): "a Hu & Liu negative word of plain military reporting (to hamper "
                                               "Moscow's advances)",
    (SEED_000, (1319, "hamper", "evaluative")): "the same plain verb in Stoltenberg's paraphrased argument",
    (SEED_000, (2449, "manpower shortages", "evaluative")): "a reported state of the army, not an evaluation",
    (SEED_000, (2614, "increasingly exhausted and angry", "emotive")):
        "the gold 'angry' grown over a reported state of the troops (see MODEL_MISSES)",
    (SEED_000, (2891, "risking triggering", "sensationalism")):
        "'risking' (0.23, just above the seed threshold 0.22) in the paraphrased warning of a nuclear war: the "
        "escalation is the lexicon's 'nuclear war', not the verb",
    (SEED_002, (173, "strike targets inside", "sensationalism")):
        "a literal military verb grown over its object by neighbours' probabilities",
    (SEED_002, (899, "strike enemy", "evaluative")): "'enemy' in the embedded post is a label, but the span "
                                                     "grows over 'strike'",
}


def engine_rows(article_id):
    text = seed_text(article_id)
    rows = [t for t in terms_of_text(text, Config.load()) if t["loaded"] or t["category"] in ("naming", "social_embeds")]
    return {(t["start"], t["text"], t["category"]): t for t in rows}


def cases():
    for article_id, gold in ((SEED_000, GOLD_000), (SEED_002, GOLD_002)):
        for row in gold:
            yield pytest.param(article_id, row, id=f"{article_id[:3]}-{row[0]}-{row[1]}")


@pytest.mark.parametrize("article_id, row", list(cases()))
def test_gold_term_is_found_with_category_and_voice(article_id, row, request):
    start, text, category, voice, _ = row
    assert seed_text(article_id)[start:start + len(text)] == text
    found = engine_rows(article_id)
    for gaps in (MODEL_MISSES, VOICE_GAPS):
        if (article_id, start) in gaps:
            request.applymarker(pytest.mark.xfail(strict=True, reason=gaps[(article_id, start)]))
    assert (start, text, category) in found, sorted(found)
    assert found[(start, text, category)]["voice"] == voice


@pytest.mark.parametrize("article_id, row", list(cases()))
def test_gold_term_is_aimed_at_its_target(article_id, row, request):
    start, text, category, _, target = row
    gap = TARGET_GAPS.get((article_id, start))
    found = engine_rows(article_id).get((start, text, category))
    if (article_id, start) in MODEL_MISSES:
        request.applymarker(pytest.mark.xfail(strict=True, reason=MODEL_MISSES[(article_id, start)]))
    if gap and found and found["target"] != target:
        request.applymarker(pytest.mark.xfail(strict=True, reason=gap))
    assert found is not None and found["target"] == target


@pytest.mark.parametrize("article_id, gold", [(SEED_000, GOLD_000), (SEED_002, GOLD_002)])
def test_engine_finds_nothing_beyond_the_gold_list(article_id, gold):
    expected = {(start, text, category) for start, text, category, _, _ in gold}
    known = {key for (article, key) in MODEL_FALSE_ALARMS if article == article_id}
    assert set(engine_rows(article_id)) - expected - known == set()


@pytest.mark.parametrize("article_id, key", [pytest.param(a, k, marks=pytest.mark.xfail(strict=True, reason=r),
                                                          id=f"{a[:3]}-{k[0]}-{k[1]}")
                                             for (a, k), r in MODEL_FALSE_ALARMS.items()])
def test_the_context_model_adds_no_false_alarm(article_id, key):
    assert key not in engine_rows(article_id)


def test_the_lexicon_alone_still_finds_every_gold_term_in_the_outlets_voice():
    for article_id, gold in ((SEED_000, GOLD_000), (SEED_002, GOLD_002)):
        text = seed_text(article_id)
        rows = {(t["start"], t["text"], t["category"]): t for t in terms_of_text(text, Config.load(loaded_model=False))
                if t["loaded"] or t["category"] in ("naming", "social_embeds")}
        assert set(rows) == {(start, text_, category) for start, text_, category, _, _ in gold}
        assert {rows[(s, t, c)]["voice"] for s, t, c, v, _ in gold if v == "paraphrase"} == {"outlet"}
