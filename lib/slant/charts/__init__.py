"""Every slant figure: DataFrame in, matplotlib Figure out.

One style, one colour-blind-safe palette (Okabe & Ito 2008), the same colour
for the same source in every figure (sources take colours in the order of the
corpus's source categories). Charts label sources in panel titles or on the
axis, not in a legend. Functions never call ``plt.show()``: they close the
figure they made before returning it, and the caller displays or saves it.
Single-axes charts take ``ax=`` to draw into a figure of the caller's
(``sentiment_by_source``, ``sentiment_arc``, ``heatmap``); charts with one
panel per source or measure make their own figure.

One module per chart family: `style` (palette, layout), `wording`,
`sentiment`, `attribution`, `readability`, `comparison`.
"""

from .attribution import (DARK_REGISTERS, REGISTER_COLORS, REGISTER_KEY, register_by_actor_chart,
                          register_by_source, speakers_by_source)
from .comparison import PAIRED_CHART_MEASURES, heatmap, intervals_chart, paired_differences_chart
from .readability import readability_by_source
from .sentiment import ARC_BINS, MAX_ARC_LINES, sentiment_arc, sentiment_by_source
from .style import OKABE_ITO, STYLE, embeds_note, source_colors, source_order
from .wording import distinctive_words_chart, loaded_density_by_category

__all__ = ["ARC_BINS", "DARK_REGISTERS", "MAX_ARC_LINES", "OKABE_ITO", "PAIRED_CHART_MEASURES", "REGISTER_COLORS",
           "REGISTER_KEY", "STYLE", "distinctive_words_chart", "embeds_note", "heatmap", "intervals_chart",
           "loaded_density_by_category", "paired_differences_chart", "readability_by_source",
           "register_by_actor_chart", "register_by_source", "sentiment_arc", "sentiment_by_source",
           "source_colors", "source_order", "speakers_by_source"]
