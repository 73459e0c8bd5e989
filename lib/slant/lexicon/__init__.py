"""The loaded-wording lexicon (data) and its matcher.

A lexicon is a set of YAML files, one per category (``data/lexicon/*.yaml``),
each with a citable header and a list of terms; a term has its surface forms
(listed, or generated with ``inflect: verb``) and a note saying why it counts.
A file's ``loaded: false`` marks wording that is described but not counted as
loaded (hedges, factives…); ``default: false`` leaves a category off unless
asked for; ``own_voice_only: true`` marks a category defined as the writer's
own comment (editorializing), not matched inside quotations; ``model_judges:
false`` keeps the context model from rejecting the category's words for having
learned them (escalation framing, intensifiers: not what its training corpora
annotate). `load_lexicon`
merges the packaged files with a user's; `find_loaded_terms` matches every form in one pass (one combined regex,
longest form first, whole words, any case, straight or curly apostrophes, any
hyphen) and says for each match whether it is quoted or in the outlet's own
voice, whether it is negated, and at which actor it is aimed.

Modules: `model` (records and table columns), `files` (loading and merging),
`match` (the matcher), `structural` (scare and partial quotes, social embeds).
"""

from .files import (ENTRY_KEYS, form_atoms, irregular_verbs, lexicon_from_words, load_lexicon, packaged_lexicon_files,
                    trie_pattern, verb_forms)
from .context import LEXICON, MODEL, RULE, ContextModel, decide, load_model, packaged_model
from .match import NEGATORS, PARAPHRASED_KINDS, find_loaded_terms, in_excluded_sense, mark_paraphrase, match_terms
from .model import (OUTLET, PARAPHRASE, QUOTED, STRUCTURAL_CATEGORIES, STRUCTURAL_VOICE, TERM_COLUMNS, Category, Entry,
                    Lexicon, TermMatch, form_key, sentence_index_at)
from .structural import MAX_QUOTE_WORDS, find_quote_terms, find_social_embeds

__all__ = ["ENTRY_KEYS", "LEXICON", "MAX_QUOTE_WORDS", "MODEL", "NEGATORS", "OUTLET", "PARAPHRASE",
           "PARAPHRASED_KINDS", "QUOTED", "RULE", "STRUCTURAL_CATEGORIES", "STRUCTURAL_VOICE", "TERM_COLUMNS",
           "Category", "ContextModel", "Entry", "Lexicon", "TermMatch", "decide", "find_loaded_terms",
           "find_quote_terms", "find_social_embeds", "form_atoms", "form_key", "in_excluded_sense", "irregular_verbs",
           "lexicon_from_words", "load_lexicon", "load_model", "mark_paraphrase", "match_terms",
           "packaged_lexicon_files", "packaged_model", "sentence_index_at", "trie_pattern", "verb_forms"]
