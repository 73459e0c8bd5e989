"""The interactive explorer: pick sources, articles, categories, actors, registers; see the evidence.

``explore(results)`` returns an `Explorer`, displayed as ipywidgets in
JupyterLab (and as a static HTML snapshot where widgets cannot run, e.g. in
a papermill-executed notebook or the HTML report). Every view answers the
current selection:

- a grid of source × category counts, each cell a button that drills down to
  the rows behind it (`slant.evidence.evidence`);
- the per-source summary of the selection (articles, own-voice words, matching
  terms per 1,000 words, matching attributions, mean sentence sentiment);
- the matching loaded terms and attributions, sortable (term, category, own
  voice/quoted, target, sentence);
- one article with the matching spans highlighted (`slant.highlight`);
- its sentences aligned with the closest article of each other selected
  source (`slant.align`).

Nothing is re-analysed on a change: the span table (`evidence.evidence_index`),
per-article row positions and sentiment sums are computed once; an alignment is
computed the first time an article pair is shown and cached.
"""

from .index import ALL, MAX_ARTICLES, MAX_PAIRS, MAX_ROWS, PARTNERS, SORT_OPTIONS, VOICE_OPTIONS, ExploreIndex, Selection, View
from .widget import Explorer, explore

__all__ = ["ALL", "MAX_ARTICLES", "MAX_PAIRS", "MAX_ROWS", "PARTNERS", "SORT_OPTIONS", "VOICE_OPTIONS",
           "ExploreIndex", "Explorer", "Selection", "View", "explore"]
