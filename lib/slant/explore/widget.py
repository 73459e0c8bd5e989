"""The explorer's ipywidgets over an `ExploreIndex`: controls, grid buttons, tabs; a static snapshot without a kernel."""

from __future__ import annotations

import html

from ..pipeline import Results
from .index import ALL, SORT_OPTIONS, VOICE_OPTIONS, ExploreIndex, Selection, View
class Explorer:
    """The widgets over an `ExploreIndex`; ``select(...)`` changes controls in code and updates once."""

    def __init__(self, results: Results, config=None, labels: dict[str, str] | None = None, **selection):
        from ..actors import load_actors
        from ..compare import category_labels

        labels = {**category_labels(getattr(config, "lexicon", None)), **(labels or {})}
        self.index = ExploreIndex(results, config.actors if config is not None else load_actors(), labels)
        self._busy = False
        self._build_widgets()
        initial = {"sources": tuple(self.index.sources), "categories": tuple(self.index.loaded_categories),
                   "registers": tuple(self.index.registers)}
        self.select(**{**initial, **selection})

    # -- widgets -----------------------------------------------------------
    def _build_widgets(self) -> None:
        import ipywidgets as w

        ix = self.index
        rows = lambda n: min(8, max(3, n))  # noqa: E731
        self.controls = {
            "sources": w.SelectMultiple(options=ix.sources, description="sources", rows=rows(len(ix.sources))),
            "categories": w.SelectMultiple(options=[(ix.labels.get(c, c), c) for c in ix.categories],
                                           description="categories", rows=rows(len(ix.categories))),
            "registers": w.SelectMultiple(options=ix.registers, description="registers", rows=rows(len(ix.registers))),
            "actors": w.SelectMultiple(options=ix.actor_names, description="actors", rows=rows(len(ix.actor_names))),
            "voice": w.Dropdown(options=VOICE_OPTIONS, value=ALL, description="voice"),
            "article": w.Dropdown(options=[("all articles", ALL)], value=ALL, description="article"),
            "sort": w.Dropdown(options=SORT_OPTIONS, value="position", description="sort by"),
        }
        for name, control in self.controls.items():
            control.add_class(f"slant-explore-{name}")
            control.observe(self._changed, names="value")
        self.controls["actors"].tooltip = "none selected = every actor"
        layout = w.Layout(width="5.5em")
        self.cells = {(source, category): w.Button(description="0", layout=layout,
                                                   tooltip=f"{source} · {ix.labels.get(category, category)}")
                      for source in ix.sources for category in ix.loaded_categories}
        for (source, category), button in self.cells.items():
            button.on_click(lambda _, s=source, c=category: self.drill(source=s, category=c))
        header = [w.HTML("<b>terms by source × category</b> (click a cell for its sentences)")]
        header += [w.HTML(f"<small>{html.escape(ix.labels.get(c, c))}</small>") for c in ix.loaded_categories]
        body = []
        for source in ix.sources:
            body.append(w.HTML(html.escape(source)))
            body += [self.cells[(source, c)] for c in ix.loaded_categories]
        self.grid = w.GridBox(header + body, layout=w.Layout(
            grid_template_columns=f"14em repeat({len(ix.loaded_categories)}, 6em)"))
        self.summary, self.table, self.article, self.pairs = (w.HTML() for _ in range(4))
        for name in ("summary", "table", "article", "pairs"):
            getattr(self, name).add_class(f"slant-explore-{name}-view")
        c = self.controls
        self.widget = w.VBox([
            w.HBox([c["sources"], c["categories"], c["registers"], c["actors"]]),
            w.HBox([c["voice"], c["article"], c["sort"]]), self.grid,
            w.Tab([self.table, self.article, self.pairs, self.summary],
                  titles=["terms and attributions", "article", "aligned sentences", "summary"]),
        ])
        self.widget.add_class("slant-explore")

    @property
    def selection(self) -> Selection:
        c = self.controls
        return Selection(tuple(c["sources"].value), tuple(c["categories"].value), tuple(c["registers"].value),
                         tuple(c["actors"].value), c["voice"].value, c["article"].value, c["sort"].value)

    def _changed(self, _change=None) -> None:
        if not self._busy:
            self.update()

    def select(self, **values) -> View:
        """Set several controls (sources=…, categories=…, article=…) and update once."""
        self._busy = True
        try:
            for name, value in values.items():
                control = self.controls[name]
                if name == "article" and value not in {v for _, v in control.options}:
                    control.options = [*control.options, (str(value), value)]
                control.value = tuple(value) if isinstance(control.value, tuple) else value
        finally:
            self._busy = False
        return self.update()

    def drill(self, **cell) -> View:
        """One click on a cell: that source and category only, every article, with the evidence tab open."""
        view = self.select(sources=(cell["source"],), categories=(cell["category"],), registers=(), article=ALL)
        self.widget.children[-1].selected_index = 0
        return view

    def update(self) -> View:
        s = self.selection
        ix = self.index
        keep = ix.mask(s, article=False)
        choices = ix.article_choices(s, keep)
        if s.article != ALL:
            keep &= ix.span_article == ix.article_pos.get(s.article, -1)
        article_id = s.article if s.article != ALL else (choices[0][1] if choices else None)
        self._busy = True
        try:
            self.controls["article"].options = [("all articles", ALL), *choices] + (
                [(s.article, s.article)] if s.article != ALL and s.article not in {v for _, v in choices} else [])
            self.controls["article"].value = s.article
            counts = ix.cell_counts(s)
            for (source, category), button in self.cells.items():
                n = int(counts[ix.sources.index(source), ix.categories.index(category)])
                button.description = str(n)
                on = (not s.sources or source in s.sources) and category in s.categories
                button.button_style = "info" if on else ""
        finally:
            self._busy = False
        view = ix.view(s, keep, article_id)
        self.summary.value, self.table.value = view.summary, view.table
        self.article.value, self.pairs.value = view.article, view.pairs
        self.last = view
        return view

    # -- display -----------------------------------------------------------
    def static_html(self) -> str:
        """The current state as one escaped HTML page fragment (no script): for papermill and reports."""
        s = self.selection
        said = ", ".join(s.registers) or "none"
        chosen = (f"<p><b>Explorer</b> (static view; open this notebook in JupyterLab to change the selection). "
                  f"Sources: {html.escape(', '.join(s.sources) or 'all')}; categories: "
                  f"{html.escape(', '.join(self.index.labels.get(c, c) for c in s.categories) or 'none')}; "
                  f"registers: {html.escape(said)}; actors: {html.escape(', '.join(s.actors) or 'all')}.</p>")
        return (f'<div class="slant-explore-static">{chosen}<h4>Summary of the selection</h4>{self.summary.value}'
                f"<h4>Article</h4>{self.article.value}<h4>Aligned sentences</h4>{self.pairs.value}"
                f"<h4>Terms and attributions</h4>{self.table.value}</div>")

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        return {**data, "text/html": self.static_html()}


def explore(results: Results, config=None, labels: dict[str, str] | None = None, **selection) -> Explorer:
    """Open the explorer on the tables of `slant.pipeline.analyze` (or `slant.scale.load_results`).

    ``config``: the `pipeline.Config` of the analysis (its actors are used for
    the alignment, its lexicon for category labels); ``selection`` sets the
    initial controls, e.g. ``explore(results, sources=["Outlet 000"],
    categories=["doubt"])``.
    """
    return Explorer(results, config, labels, **selection)
