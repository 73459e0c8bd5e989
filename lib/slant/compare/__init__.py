"""Per-source aggregates of the analysis tables, side by side (see each module).

`wording`: loaded terms; `speech`: attributions; `actor_framing`: actors per
source; `paired`: sources compared within events (the headline numbers);
`by_event`: the events listed; `findings`: the ranked findings; `summary`: the
unpaired per-source summary table and intervals. Every function takes
`Results` and returns a DataFrame (or `Findings`).
"""

from .actor_framing import (actor_attribution_matrix, actor_mentions_matrix, actor_sentiment, actor_sentiment_matrix,
                            embedded_mentions)
from .speech import (actor_verbs, attribution_summary, embedded_attributions, negated_attributions, outlet_sourcing,
                     register_by_actor, register_counts, share_of_voice, speaker_counts, speaker_merges,
                     unknown_cues)
from .by_event import events_overview, events_overview_columns, most_loaded_articles
from .findings import Findings, descriptive_findings, findings
from .paired import PAIRED_MEASURES, event_source_measures, paired_comparison, paired_differences, paired_sentence
from .summary import BOOTSTRAP_MEASURES, bootstrap_intervals, source_summary
from .wording import (DENSITY_COLUMNS, VOICES, article_term_density, articles_overview, category_labels,
                      naming_choices, target_matrix, term_density, terms_by_target, top_terms)
