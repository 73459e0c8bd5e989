"""Charts compose into a user's figure (``ax=``) and never change a user's matplotlib backend."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd

from slant import charts


def _sentences() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a1", "a1", "a1", "b1", "b1"],
                         "source": pd.Categorical(["A", "A", "A", "B", "B"], categories=["A", "B"]),
                         "start": [0, 10, 20, 0, 10], "voice": ["outlet", "outlet", "quoted", "outlet", "outlet"],
                         "compound": [0.5, -0.5, 0.9, 0.2, 0.4]})


def test_importing_slant_charts_leaves_the_backend_alone():
    probe = "import matplotlib; import slant.charts, slant.notebook; print(matplotlib.get_backend())"
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           env={"MPLBACKEND": "svg", "PATH": ""})
    assert shown.stdout.strip() == "svg"


def test_single_axes_charts_draw_into_the_callers_figure():
    fig, (left, right) = plt.subplots(1, 2)
    try:
        assert charts.sentiment_by_source(_sentences(), ax=left) is fig
        dots = [c for c in left.collections if len(c.get_offsets())]
        assert sorted(len(c.get_offsets()) for c in dots) == [2, 2]  # the four own-voice sentences, two per source
        assert [t.get_text() for t in left.texts if t.get_text().startswith("mean")] == ["mean +0.00", "mean +0.30"]
        matrix = pd.DataFrame({"A": [1.0, 2.0], "B": [3.0, float("nan")]}, index=["x", "y"])
        assert charts.heatmap(matrix, title="counts", unit="terms", ax=right, note="not drawn") is fig
        assert sorted(t.get_text() for t in right.texts) == ["1", "2", "3"]  # the empty cell stays blank
        assert fig.get_supxlabel() == ""  # a note goes only on a figure of the chart's own
        assert plt.fignum_exists(fig.number)  # the caller's figure is left open for the caller
    finally:
        plt.close(fig)


def test_the_arc_of_a_large_corpus_shares_the_callers_axes():
    rows = [{"article_id": f"{s}{k}", "source": s, "start": i, "voice": "outlet", "compound": 0.1 * i}
            for s in "AB" for k in range(8) for i in range(5)]
    sentences = pd.DataFrame(rows).astype({"source": pd.CategoricalDtype(["A", "B"])})
    fig, ax = plt.subplots()
    try:
        assert charts.sentiment_arc(sentences, ax=ax) is fig
        assert len(ax.lines) == 2 + 1  # one median line per source, and the zero line
        assert [t.get_text().strip() for t in ax.texts] == ["A", "B"]
        own = charts.sentiment_arc(sentences)  # on its own: one panel per source
        assert len([a for a in own.axes if a.get_visible()]) == 2
    finally:
        plt.close(fig)


def test_a_scatter_of_many_dots_is_an_image_inside_the_svg():
    import io

    rows = [{"article_id": f"a{i // 20}", "source": "A", "start": i, "voice": "outlet", "compound": (i % 21 - 10) / 10}
            for i in range(charts.style.RASTER_POINTS + 1)]
    fig = charts.sentiment_by_source(pd.DataFrame(rows).astype({"source": "category"}))
    svg = io.BytesIO()
    fig.savefig(svg, format="svg")
    text = svg.getvalue().decode()
    assert "<image" in text and text.count("<use ") < 500  # one embedded picture, not 2,001 vector dots
