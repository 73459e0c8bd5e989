"""Tokens and features of the attribution tagger, one paragraph at a time.

A paragraph is cut into tokens by `TOKEN_RE` (runs of ``\\w`` and single
punctuation marks; the word tokens are exactly the ``\\w+`` tokens the
PolNeAR scorer counts). `paragraph_features` gives each token a list of
feature strings: the word, its shape and suffix, its lemma (the verb
lexicon's, else a crude stem: "warns", "warned", "warning" share one), its
reporting-verb register, its neighbours (words, lemmas, word classes), word
bigrams and trigrams, where it stands in its sentence and quotation, how far
the nearest reporting word of its sentence is and its lemma ("in a statement"
two words after "said"), and the role the rule extractor gave it (``r=CUE``…). Features that
depend only on the word are computed once per word form (`WordFeatures`,
cached), so a token costs a few list concatenations; a tagger computes only
the features its model weighs.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import segment
from ..data_files import load_data_file, packaged_path
from ..errors import SlantError
from .verbs import ReportingVerbs

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
ROLES = ("CUE", "SRC", "CON")
LABELS = ("O", *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
OUTSIDE = "O"
QUOTE_MARKS = frozenset("“”\"‘’'«»")
NEAR_REPORTING = 4  # tokens from a reporting word within which the distance is a feature
WORD_CACHE_SIZE = 200_000  # distinct word forms kept (a long corpus has far fewer than this)


@dataclass(frozen=True)
class Paragraph:
    """The tokens of one paragraph: parallel lists of offsets and words, and the sentence each token is in."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    sentence_of: list[int]  # index into the article's sentences

    def __len__(self) -> int:
        return len(self.words)


def paragraphs(text: str, sentences: list[segment.Sentence]) -> list[Paragraph]:
    """Tokens of each run of outlet-voice sentences sharing a paragraph (embedded posts are left out)."""
    found: list[Paragraph] = []
    current, last = None, None
    for index, sentence in enumerate(sentences):
        if sentence.voice != segment.OUTLET:
            continue
        if current is None or sentence.paragraph != last:
            current = Paragraph([], [], [], [])
            found.append(current)
            last = sentence.paragraph
        matches = list(TOKEN_RE.finditer(text, sentence.start, sentence.end))
        current.starts.extend([m.start() for m in matches])
        current.ends.extend([m.end() for m in matches])
        current.words.extend([m.group() for m in matches])
        current.sentence_of.extend([index] * len(matches))
    return [p for p in found if p.words]


def _shape(word: str) -> str:
    if not word[0].isalnum() and word[0] != "_":
        return word  # a punctuation mark is its own shape
    shape = []
    for ch in word[:6]:
        s = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not shape or shape[-1] != s:
            shape.append(s)
    return "".join(shape)


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """Word classes from the speaker-title file: pronouns, titles, institution and vague words (lower case)."""
    data = load_data_file(packaged_path("speaker_titles.yaml"))
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    pronouns = {w.lower(): kind for kind, words in data["pronouns"].items() for w in words}
    return {"titles": lower(w for t in data["titles"] for w in t.split()),
            "institution": lower(data["institution_words"]), "vague": lower(data["vague_heads"]),
            "first_person": lower(data["first_person"]), **{f"pron_{k}": frozenset(
                w for w, kind in pronouns.items() if kind == k) for k in set(pronouns.values())}}


@lru_cache(maxsize=1)
def pos_lexicon() -> dict[str, str]:
    """Word → its most frequent Penn Treebank tag: Brill's tagger lexicon (Brill 1992; Brown corpus and Penn
    Treebank, MIT licence) as TextBlob ships it (``textblob/en/en-lexicon.txt``), read without importing TextBlob."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise SlantError("the attribution model needs the 'textblob' package (its part-of-speech lexicon)")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-lexicon.txt"
    tags = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(";;;"):
            tags[parts[0]] = parts[1]
    return tags


def _reporting_sweep(order, sentence_of: list[int], reporting: list[bool], verbs: list[str]
                     ) -> tuple[list[bool], list[int], list[str]]:
    """Walking the tokens in ``order`` (forwards or backwards), for each token: whether a reporting word came
    before it in its sentence, how many tokens back the nearest one is (0: none within NEAR_REPORTING), and its
    lemma."""
    n = len(reporting)
    seen, distance, verb = [False] * n, [0] * n, [""] * n
    previous, last, any_seen = None, None, False
    for i in order:
        if previous is not None and sentence_of[i] != sentence_of[previous]:
            last, any_seen = None, False
        seen[i] = any_seen
        if last is not None and abs(i - last) <= NEAR_REPORTING:
            distance[i], verb[i] = abs(i - last), verbs[last]
        if reporting[i]:
            last, any_seen = i, True
        previous = i
    return seen, distance, verb


class WordFeatures:
    """Features of a word form at each relative position, cached per form (the tagger's hot path).

    With ``known`` (the attributes a trained model weighs), features outside it are never produced: the CRF
    ignores them anyway, so the tags are the same and the tagger reads far fewer strings. Training passes none.
    """

    def __init__(self, verbs: ReportingVerbs, known: frozenset[str] | None = None):
        self.verbs = verbs
        self.known = known
        classes = _word_classes()
        grammar = verbs.grammar
        self.classes = [(name, words) for name, words in sorted(classes.items())]
        self.classes += [(name, frozenset(w.lower() for w in grammar.get(key, ())))
                         for name, key in (("aux", "auxiliaries"), ("adv", "adverbs"), ("opener", "clause_openers"),
                                           ("control", "control_verbs"), ("chan", "cue_channels"),
                                           ("time", "cue_time_heads"), ("prep", "cue_prepositions"),
                                           ("evid", "evidence_heads"), ("subord", "leading_subordinators"))]
        self.registers = {k: v for k, v in verbs.registers.items() if " " not in k}
        self.phrase_words = frozenset(w for k in verbs.registers if " " in k for w in k.split())
        self.cache: dict[str, tuple[list[str], ...]] = {}
        self.ngrams: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        self.tags = pos_lexicon()

    def pos(self, word: str, lower: str) -> str:
        """The word's most frequent part of speech (Brill's lexicon), else a guess from its shape."""
        tag = self.tags.get(word) or self.tags.get(lower)
        if tag:
            return tag
        if word[0].isupper():
            return "NNP"
        if word[0].isdigit():
            return "CD"
        for suffix, guess in (("ing", "VBG"), ("ed", "VBN"), ("ly", "RB"), ("s", "NNS")):
            if lower.endswith(suffix):
                return guess
        return "NN" if word[0].isalpha() else "SYM"

    def __call__(self, word: str) -> tuple:
        """Features as the word itself, the previous, the next, two before, two after, three before, three after;
        then its part-of-speech feature ("pos=VBD") and whether it is a reporting word (a register or a noun cue)."""
        found = self.cache.get(word)
        if found is not None:
            return found
        if len(self.cache) >= WORD_CACHE_SIZE:
            self.cache.clear()
        lower = word.lower()
        shape = _shape(word)
        own = [f"w={lower}", f"sh={shape}"]
        if len(lower) > 3:
            own += [f"s3={lower[-3:]}", f"p3={lower[:3]}"]
        register = self.registers.get(lower)
        if register:
            own.append(f"rv={register}")
        nominal = self.verbs.nominals.get(lower)
        if nominal:
            own.append(f"rn={nominal}")
        if lower in self.phrase_words:
            own.append("rp")
        classes = [name for name, words in self.classes if lower in words]
        own += [f"c={name}" for name in classes]
        tag = register or nominal
        lemma = self.verbs.lemmas.get(lower) or _stem(lower)
        own.append(f"lem={lemma}")
        pos = self.pos(word, lower)
        own.append(f"pos={pos}")
        near = {k: [f"lem{k}={lemma}"] + [f"c{k}={name}" for name in classes] for k in ("-1", "+1", "-2", "+2")}
        before = [f"w-1={lower}", f"sh-1={shape}", f"pos-1={pos}"] + ([f"rv-1={tag}"] if tag else []) + near["-1"]
        after = [f"w+1={lower}", f"sh+1={shape}", f"pos+1={pos}"] + ([f"rv+1={tag}"] if tag else []) + near["+1"]
        lists = (own, before, after,
                 [f"w-2={lower}", f"pos-2={pos}"] + ([f"rv-2={tag}"] if tag else []) + near["-2"],
                 [f"w+2={lower}", f"pos+2={pos}"] + ([f"rv+2={tag}"] if tag else []) + near["+2"],
                 [f"w-3={lower}"] + ([f"rv-3={tag}"] if tag else []), [f"w+3={lower}"] + ([f"rv+3={tag}"] if tag else []))
        if self.known is not None:
            lists = tuple([f for f in features if f in self.known] for features in lists)
        found = (*lists, lower, pos, bool(tag), lemma)
        self.cache[word] = found
        return found


    def _ngram(self, key: tuple[str, ...], make) -> tuple[tuple[str, ...], ...]:
        """Features of a word pair or triple at each of its positions; with ``known``, only those the model
        weighs, cached (most pairs recur; training computes them afresh, as it would cache every one)."""
        if self.known is None:
            return make(*key)
        found = self.ngrams.get(key)
        if found is None:
            if len(self.ngrams) >= WORD_CACHE_SIZE:
                self.ngrams.clear()
            found = self.ngrams[key] = tuple(tuple(f for f in features if f in self.known) for features in make(*key))
        return found

    def pair(self, lower: str, following: str, tag: str, next_tag: str) -> tuple[tuple[str, ...], ...]:
        """Bigram features of the second word of a pair and of the first ("b-=said|in" and "b+=said|in")."""
        return self._ngram((lower, following, tag, next_tag), _pair)

    def triple(self, first: str, second: str, third: str) -> tuple[tuple[str, ...], ...]:
        """Trigram features of the first, second and third word of a triple."""
        return self._ngram((first, second, third), _triple)


def _pair(a: str, b: str, ta: str, tb: str) -> tuple[tuple[str, ...], ...]:
    return (f"b-={a}|{b}", f"pb-={ta}|{tb}"), (f"b+={a}|{b}", f"pb+={ta}|{tb}")


def _triple(a: str, b: str, c: str) -> tuple[tuple[str, ...], ...]:
    return (f"t+={a}|{b}|{c}",), (f"t0={a}|{b}|{c}",), (f"t-={a}|{b}|{c}",)


def _stem(word: str) -> str:
    """A crude stem for words the verb lexicon does not list, so that inflections share a feature
    ("accuses", "accused", "accusing" → "accus")."""
    if word.isalpha():
        for suffix in ("ing", "ied", "ies", "ed", "es", "s", "e"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[:-len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def token_roles(paragraph: Paragraph, spans: list[tuple[str, int, int]]) -> list[str]:
    """BIO label of each token for role spans ``(role, start, end)``: a token is in a span when it lies inside it.

    Spans of one role that touch (two attributions' contents side by side) stay apart: each opens with B.
    """
    labels = [OUTSIDE] * len(paragraph)
    for role, start, end in sorted(spans, key=lambda s: s[1]):
        first = bisect_left(paragraph.starts, start)
        last = bisect_right(paragraph.ends, end)
        for i in range(first, last):
            labels[i] = ("B-" if i == first else "I-") + role
    return labels


def paragraph_features(text: str, paragraph: Paragraph, words: WordFeatures, quotes: list[tuple[int, int]],
                       rule_labels: list[str]) -> list[list[str]]:
    """The feature strings of each token of ``paragraph`` (see the module docstring).

    ``quotes`` are `segment.quotations(text)`; ``rule_labels`` the BIO labels of the rule extractor's spans
    for these tokens (`token_roles`).
    """
    n = len(paragraph)
    words_ = paragraph.words
    table = [words(w) for w in words_]
    lowers = [f[7] for f in table]  # "said"
    tags = [f[8] for f in table]  # "VBD"
    pairs = [words.pair(lowers[i], lowers[i + 1], tags[i], tags[i + 1]) for i in range(n - 1)]
    triples = [words.triple(lowers[i], lowers[i + 1], lowers[i + 2]) for i in range(n - 2)]
    sentence_of = paragraph.sentence_of
    quote_starts = [q[0] for q in quotes]
    starts = paragraph.starts
    # whether each token lies inside a quotation (marks included), by walking the quotes in step
    inside = [False] * n
    k = max(0, bisect_right(quote_starts, starts[0]) - 1)
    for i in range(n):
        s = starts[i]
        while k < len(quotes) and quotes[k][1] <= s:
            k += 1
        inside[i] = k < len(quotes) and quotes[k][0] <= s
    # a title-case sentence (a headline): capitalised words are not names there
    title_case: dict[int, bool] = {}
    for i in range(n):
        counts = title_case.setdefault(sentence_of[i], [0, 0])
        if words_[i][0].isalpha():
            counts[0] += 1
            counts[1] += words_[i][0].isupper()
    title_case = {k: total >= 4 and upper >= 0.75 * total for k, (total, upper) in title_case.items()}
    # reporting words seen so far / still to come in the sentence
    reporting = [f[9] for f in table]
    # tokens since the last / until the next reporting word of the sentence, up to NEAR_REPORTING ("in an
    # interview" after "said": the gold's cue extent)
    verbs = [f[10] for f in table]
    seen_left, distance_left, verb_left = _reporting_sweep(range(n), sentence_of, reporting, verbs)
    seen_right, distance_right, verb_right = _reporting_sweep(range(n - 1, -1, -1), sentence_of, reporting, verbs)
    result = []
    for i in range(n):
        f = ["bias"] + table[i][0]
        if i:
            f += table[i - 1][1]
            f += pairs[i - 1][0]
            if i < n - 1:
                f += triples[i - 1][1]
            if i > 1:
                f += triples[i - 2][2]
                f += table[i - 2][3]
                if i > 2:
                    f += table[i - 3][5]
            if sentence_of[i] != sentence_of[i - 1]:
                f.append("BOS")
        else:
            f += ["BOP", "BOS"]
        if i < n - 1:
            f += table[i + 1][2]
            f += pairs[i][1]
            if i < n - 2:
                f += triples[i][0]
                f += table[i + 2][4]
                if i < n - 3:
                    f += table[i + 3][6]
            if sentence_of[i] != sentence_of[i + 1]:
                f.append("EOS")
        else:
            f += ["EOP", "EOS"]
        if inside[i]:
            f.append("inq")
        if title_case[sentence_of[i]]:
            f.append("tc")
        if seen_left[i]:
            f.append("rvL")
        if seen_right[i]:
            f.append("rvR")
        if distance_left[i]:
            f.append(f"dL={distance_left[i]}")
            f.append(f"vL={verb_left[i]}")
        if distance_right[i]:
            f.append(f"dR={distance_right[i]}")
            f.append(f"vR={verb_right[i]}")
        rule = rule_labels[i]
        f.append(f"r={rule}")
        if i:
            f.append(f"r-1={rule_labels[i - 1]}")
        if i < n - 1:
            f.append(f"r+1={rule_labels[i + 1]}")
        result.append(f)
    return result
