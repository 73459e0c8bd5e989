"""Reporting verbs: cue forms, their registers, phrase cues and the matcher's grammar words.

`load_reporting_verbs` reads ``data/reporting_verbs.yaml`` (a user file extends
or replaces it) into `ReportingVerbs`, whose ``rx`` holds the compiled
regexes the cue rules use; `register_of` gives a cue's register ("warned" →
"assertive", "unknown" when absent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..data_files import load_data_file, packaged_path
from ..errors import SlantError

NAME_TOKEN = r"(?:[A-Z][\w’'‐-]*\.?|(?:von|van|der|de|da|al|bin|la|le)(?=\s+[A-Z]))"
NAME_RUN_RE = re.compile(rf"{NAME_TOKEN}(?:\s+{NAME_TOKEN})*")
EDGE = r"(?<![\w’'‐-]){}(?![\w’'‐-])"
GRAMMAR_KEYS = ("auxiliaries", "be_forms", "adverbs", "not_subject_end", "clause_openers",
                "leading_conjunctions", "parentheticals")
Span = tuple[int, int]


def alternation(words) -> str:
    """Regex alternation of words/phrases, longest first, any run of spaces between words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in ordered)


def cue_key(cue_text: str) -> str:
    return " ".join(cue_text.replace("’", "'").lower().split())


@dataclass(frozen=True, eq=False)
class ReportingVerbs:
    """Cue form → register, where each phrase cue's source stands, and the matcher's grammar words."""

    registers: dict[str, str]
    phrase_sources: dict[str, str]
    need_complement: frozenset[str]
    no_source: frozenset[str]
    colon_non_sources: frozenset[str]
    quote_only: frozenset[str]
    grammar: dict[str, tuple[str, ...]]
    nominals: dict[str, str] = field(default_factory=dict)  # reporting/stance noun → register
    passive_only: frozenset[str] = frozenset()  # cues only after a be-form ("is seen as", not "has seen gains")
    lemmas: dict[str, str] = field(default_factory=dict)  # listed verb form → its lemma ("warned" → "warn")

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.grammar.get(key, ()))

    @cached_property
    def rx(self) -> dict[str, re.Pattern]:
        """The matcher's regexes, built once from the lists."""
        g, alt = self.grammar, alternation
        verbs = alt(w for w in self.registers if w not in self.phrase_sources)
        title = alt(w.title() for w in self.registers if w not in self.phrase_sources and w not in self.need_complement
                    and " " not in w)
        skip, finite = alt(g["auxiliaries"] + g["adverbs"]), alt(set(g["auxiliaries"]) - {"not", "n't"})
        contracted = alt(g.get("contractions", ())) or r"(?!)"
        return {
            # headline case ("Christie Says He Would…"): a capitalised verb after a capitalised word
            "cue": re.compile(EDGE.format(rf"(?:(?i:{alt(self.phrase_sources)})|{verbs}"
                                          rf"|(?<=\w )(?:{title})(?=\s+[A-Z]))")),
            # a reporting form opening a sentence, in any case: "Asked whether …", "Responding to …"
            "initial": re.compile(rf"(?i:{alt(self.phrase_sources)}|{verbs})(?![\w’'-])"),
            # auxiliaries, listed adverbs and any -ly adverb between a subject and its verb ("did not immediately respond")
            "skip": re.compile(rf"(?:{EDGE.format(f'(?P<w>{skip}|[a-z]+ly)')}|(?<=\w)(?P<c>{contracted}))\s*$"),
            **self._phrase_rx(),
            # a reporting or stance noun and its complement word (see `nominal`)
            "nominal": re.compile(EDGE.format(f"(?P<noun>{alt(self.nominals) or '(?!)'})")
                                  + r"(?P<comp>\s+(?:of|for|to|on|about|against|over|that)(?![\w’'-]))?"),
            # a closing quotation mark ends the words before a subject: ”, ", and the '' of ''…'' quotations
            "opener": re.compile(r"[,;:(\[–—”\"]|''|’’|" + EDGE.format(f"(?:{alt(g['clause_openers'])})")),
            "finite": re.compile(EDGE.format(f"(?:{finite})")),
            # a negator as a word, or "n't" written onto its auxiliary ("didn't")
            "negation": re.compile(EDGE.format(f"(?i:{alt(g.get('negations', ())) or '(?!)'})")
                                   + r"|(?i:n['’]t)(?![\w’'-])"),
            "tail": re.compile(EDGE.format(f"(?:{alt(g['leading_conjunctions'] + ('as', 'while'))})") + "$"),
            # "And he said", "As John Cornyn put it": a conjunction or subordinator opening the subject's clause
            "lead": re.compile(rf"(?i:{alt(g['leading_conjunctions'] + g.get('leading_subordinators', ()))})\s+"),
            "paren": re.compile(rf",\s*(?:{alt(g['parentheticals'])})$"),
            # “…,” he said earlier / “…,” said Putin
            # (or a common-noun phrase of at most four words: “…,” the group shouted / a campaign aide said)
            "after_quote": re.compile(rf"\s*(?P<src>he|she|they|it|we|[A-Z][\w’'\-. ]{{0,60}}?"
                                      rf"|(?:the|a|an|one|another|some|many|several|his|her|their|its)"
                                      rf"(?:\s+[a-z][\w’'-]*){{1,4}}?)\s+"
                                      rf"(?:(?:{skip})\s+)*(?P<cue>{verbs})(?![\w’'-])"
                                      rf"|\s*(?P<cue2>{verbs})\s+"
                                      rf"(?P<src2>(?:(?i:the|a|an|one|another|his|her|their)\s+)?"
                                      rf"{NAME_RUN_RE.pattern}|(?i:the|a|an|one|another)\s+\w[\w’'-]*)"),
            # Putin said: “…” / Peskov told TASS: “…”
            "before_quote": re.compile(rf"(?<![\w’'-])(?P<cue>{verbs})"
                                       rf"(?:\s*,|(?:\s+[^.,:;“”\"]{{1,60}})?\s*:)\s*$"),
            "content_start": re.compile(rf"[\s:]*(?:(?:{alt(g['adverbs'])})\s+)*(?:that\s+)?"),
            # the by-agent of a passive cue, after at most a day or an -ly adverb: "was sharply rebuked by X"
            "agent": re.compile(rf"(?:\s+[A-Z][a-z]+day|\s+[a-z]+ly)?\s+by\s+(?P<agent>"
                                rf"(?:(?:{alt(g.get('agent_determiners', ())) or '(?!)'})\s+){{0,3}}"
                                rf"(?:[\w’'.&-]+\s+){{0,4}}?(?:[\w’'&-]+|[A-Z]\.))"
                                rf"(?=\s*(?:[,;:.!?)—–]|$|\s+(?:{alt(g.get('agent_followers', ())) or '(?!)'})\b))"),
        }


    def _phrase_rx(self) -> dict[str, re.Pattern]:
        """Regexes of `cue_phrase`: what extends a verb cue into PolNeAR's cue (lists in the grammar, optional)."""
        g, alt = self.grammar, lambda key: alternation(self.grammar.get(key, ())) or r"(?!)"
        time = (rf"(?:on\s+)?(?:{alt('cue_time_heads')})(?:\s+(?:{alt('cue_time_parts')}))?"
                rf"|(?:{alt('cue_time_phrases')})|(?:[a-z]+ly)(?![\w’'-])")
        # a channel: preposition, optional determiner or possessive, at most three modifiers (never a clause word:
        # "said on Monday that the post…" is no channel), a means-of-communication noun (cue_channels); a listener may
        # stand before it ("told reporters in an interview"); "with X" after it stays out, as PolNeAR marks it
        det = r"(?:a|an|the|this|that|one|his|her|their|its|our|my|your|[A-Z][\w.&-]*[’']s)\s+"
        modifier = (r"(?!(?:that|which|who|whom|whether|if|and|or|but|to|of|for|is|was|are|were|has|had|have|will"
                    r"|would|he|she|it|they|we|i)(?![\w’'-]))[\w’'.&-]+\s+")
        channel = (rf"(?:(?:{alt('cue_listeners')})\s+(?=(?:{alt('cue_channel_prepositions')})\s))?"
                   rf"(?:{alt('cue_channel_prepositions')})\s+(?:{det})?(?:{modifier}){{0,3}}"
                   rf"(?:{alt('cue_channels')})(?![\w’'-])")
        prep = rf"(?:{alt('cue_prepositions')})(?=\s+(?!that\b)[\w“\"‘'$])"
        return {
            # a publication verb and a means-of-communication object: "issued a statement", "put out a short video"
            "publication": re.compile(EDGE.format(f"(?:{alt('publication_verbs')})") + rf"\s+(?:{det})?(?:{modifier}){{0,3}}"
                                      rf"(?:{alt('cue_channels')})(?![\w’'-])"),
            # said Tuesday in a statement | railed against | declined to comment on
            # (a channel ends the phrase: "in an interview with X" keeps "with X" out of the cue)
            "phrase_after": re.compile(rf"(?:\s+(?:{time})(?![\w’'-]))*(?:\s+{channel}(?:\s+(?:{time})(?![\w’'-]))*"
                                       rf"|(?:\s+{prep}))?"),
            # declined to | is expected to (before a reporting verb: one cue with it)
            # or a be-form with an adjective: were (slightly) more likely to | is reluctant to
            "control_before": re.compile(EDGE.format(rf"(?:{alt('control_verbs')}|(?:{alt('be_forms')})"
                                                     rf"(?:\s+(?:{alt('control_degree_words')}|[a-z]+ly))*"
                                                     rf"\s+(?!(?:{alt('not_control_adjectives')})\s)[a-z]+)")
                                         + r"\s+to(?:\s+[a-z]+ly)*\s*$"),
            "phrase_left": re.compile(r"(?<![\w’'-])[a-z]+ly\s*$"),
            # the topic of a talk verb, after at most a listener or time: "spoke (to reporters) (Tuesday) about"
            "topic": re.compile(rf"(?:\s+(?:to|with)\s+[^,.;:“”\"]{{1,40}}?)?(?:\s+(?:{time}))*"
                                rf"\s+(?:{alt('topic_prepositions')})(?![\w’'-])|\s*[:“\"]"),
            "prepositional": re.compile(rf"(?i:{alt('prepositional_participles')})(?![\w’'-])"),
        }


def _read_verb_files(files: list[Path]) -> ReportingVerbs:
    registers, phrases, need, bare, colon, quote, grammar, nominals = {}, {}, set(), set(), set(), set(), {}, {}
    passive, lemma_of = set(), {}
    for file in files:
        data = load_data_file(file)
        for register, lemmas in (data.get("registers") or {}).items():
            for lemma, forms in (lemmas if isinstance(lemmas, dict) else {register: None}).items():
                if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                    raise SlantError(f"{file}: '{register}: {lemma}' must be a list of forms under a register")
                registers.update({cue_key(f): str(register) for f in forms})
                if forms is not None:
                    lemma_of.update({cue_key(f): cue_key(lemma) for f in forms})
        for entry in data.get("phrases") or []:
            if not isinstance(entry, dict) or entry.get("source") not in ("before", "after", "none"):
                raise SlantError(f"{file}: each phrase needs 'forms', 'register' and 'source' (before, after or none)")
            for form in entry.get("forms") or []:
                registers[cue_key(form)], phrases[cue_key(form)] = str(entry.get("register", "unknown")), entry["source"]
        need.update(cue_key(f) for f in data.get("need_complement") or [])
        bare.update(cue_key(f) for f in data.get("no_source") or [])
        colon.update(cue_key(f) for f in data.get("colon_non_sources") or [])
        for register, forms in (data.get("quote_only") or {}).items():
            quote.update(cue_key(f) for f in forms)
            registers.update({cue_key(f): str(register) for f in forms})
        for register, forms in (data.get("passive_only") or {}).items():
            passive.update(cue_key(f) for f in forms)
            registers.update({cue_key(f): str(register) for f in forms})
        for register, forms in (data.get("nominals") or {}).items():
            nominals.update({cue_key(f): str(register) for f in forms})
        for name, words in (data.get("grammar") or {}).items():
            if not all(isinstance(w, str) for w in words):  # a bare number, true/false or null is no word
                raise SlantError(f"{file}: grammar list '{name}' holds a non-word (quote numbers, true, false)")
            grammar[name] = tuple(dict.fromkeys(grammar.get(name, ()) + tuple(words)))
    missing = [k for k in GRAMMAR_KEYS if k not in grammar]
    if missing:
        raise SlantError(f"{files[-1]}: missing grammar list(s) {', '.join(missing)} (extend the default file)")
    return ReportingVerbs(registers, phrases, frozenset(need), frozenset(bare), frozenset(colon),
                          frozenset(quote), grammar, nominals, frozenset(passive), lemma_of)


@lru_cache(maxsize=1)
def default_verbs() -> ReportingVerbs:
    """The packaged reporting verbs, read once."""
    return _read_verb_files([packaged_path("reporting_verbs.yaml")])


def load_reporting_verbs(path: str | Path | None = None, *, extend: bool = True) -> ReportingVerbs:
    """Read the reporting-verb registers; a user file extends the packaged one unless ``extend=False``.

    A form listed again in the user file takes the user's register.
    """
    if path is None:
        return default_verbs()
    return _read_verb_files(([packaged_path("reporting_verbs.yaml")] if extend else []) + [Path(path)])


def register_of(cue_text: str, verbs: ReportingVerbs | None = None) -> str:
    """Register of a cue as printed ("warned" → "assertive"); "unknown" when not in the file."""
    verbs = verbs or default_verbs()
    key = cue_key(cue_text)
    if key in verbs.registers or key in verbs.nominals:
        return verbs.registers.get(key) or verbs.nominals[key]
    # "issued a statement": a publication cue reports neutrally
    return "neutral" if verbs.rx["publication"].match(cue_text) else "unknown"

