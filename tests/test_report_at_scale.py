"""The report on a corpus of the shape users bring (3 outlets × 60 events, 180 invented articles), in Chromium.

Issue bounds: report.html ≤ 2 MB and ≤ 40,000 px tall at 1,400 px; every page
≤ 2 MB; the run folder ≤ 25 MB; notebooks keep their charts and no article
dumps; every link of the summary resolves; no empty table, no "NaN".
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from browser import browser, needs_chromium, wait_for  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.notebooks, needs_chromium]
MB = 1_000_000


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    from slant import report
    from slant.scale.synthetic import event_corpus, write_event_corpus

    folder = write_event_corpus(tmp_path_factory.mktemp("corpus") / "three_outlets",
                                event_corpus(60, ("Outlet A", "Outlet B", "Outlet C"), seed=1))
    return report.run(folder, folder / "sources.csv", tmp_path_factory.mktemp("out"))


def _open(browser, page: Path) -> dict:
    for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
        browser.call(domain)
    browser.call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
    browser.events.clear()
    browser.call("Page.navigate", url=page.as_uri())
    wait_for(lambda: browser.js("document.readyState") == "complete", f"{page.name} to load")
    errors = [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"
              or (e["method"] in ("Log.entryAdded", "Runtime.consoleAPICalled")
                  and e["params"].get("entry", e["params"]).get("level", e["params"].get("type")) == "error")]
    return {"height": browser.js("document.documentElement.scrollHeight"),
            "width": browser.js("document.documentElement.scrollWidth"),
            "images": browser.js("Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)"),
            "empty_tables": browser.js("Array.from(document.querySelectorAll('table'))"
                                       ".filter(t => t.querySelectorAll('tbody tr').length === 0).length"),
            "text": browser.js("document.body.innerText"), "errors": errors}


def test_the_run_folder_and_every_page_stay_small(corpus_report):
    run_dir = corpus_report.run_dir
    files = [p for p in run_dir.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 25 * MB
    pages = [p for p in files if p.suffix == ".html"]
    assert len(list((run_dir / "events").glob("*.html"))) == 61  # one page per event and the index
    assert len(list((run_dir / "articles").glob("*.html"))) == 181
    assert max(p.stat().st_size for p in pages) <= 2 * MB
    for notebook in (run_dir / "notebooks").glob("*.ipynb"):
        assert notebook.stat().st_size <= 2 * MB, notebook.name
        outputs = [o for cell in nbformat.read(str(notebook), as_version=4).cells for o in cell.get("outputs", [])]
        html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
        assert html.count('<div class="slant-article"') <= 10, notebook.name  # one event's view at most, no dumps


def test_the_summary_reads_in_chromium_within_its_bounds(corpus_report, browser):
    seen = _open(browser, corpus_report.report)
    assert seen["errors"] == [] and seen["images"] and all(seen["images"])
    assert seen["height"] <= 40_000 and seen["width"] <= 1400
    assert corpus_report.report.stat().st_size <= 2 * MB
    assert seen["empty_tables"] == 0
    assert not re.search(r"\bNaN\b", seen["text"])
    assert "60 events, as labelled in the inputs" in seen["text"]


def test_every_link_of_the_summary_resolves(corpus_report):
    page = corpus_report.report.read_text(encoding="utf-8")
    links = set(re.findall(r'(?:href|src)="([^"#]+)', page))
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert any(link.startswith("events/") for link in local) and any(link.startswith("tables/") for link in local)
    missing = [link for link in local if not (corpus_report.run_dir / unquote(link)).is_file()]
    assert missing == []


def test_an_event_page_and_an_article_page_open_clean(corpus_report, browser):
    run_dir = corpus_report.run_dir
    event_page = sorted((run_dir / "events").glob("E*.html"))[0]
    article_page = sorted((run_dir / "articles").glob("*.html"))[1]
    for page in (event_page, article_page):
        seen = _open(browser, page)
        assert seen["errors"] == [] and all(seen["images"]) and seen["empty_tables"] == 0, page.name
        assert not re.search(r"\bNaN\b", seen["text"]), page.name
        links = set(re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")))
        assert [link for link in links if not re.match(r"[a-z]+:", link)
                and not (page.parent / unquote(link)).is_file()] == [], page.name
