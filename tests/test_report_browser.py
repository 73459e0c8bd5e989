"""The seeds' report as a person sees it, in headless Chromium: images load, no script errors, summary first."""

import base64
import io

import pytest

from browser import browser, needs_chromium  # noqa: F401  (the fixture)
from helpers import SEEDS

pytestmark = [pytest.mark.notebooks, needs_chromium]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    from slant import report

    return report.run(SEEDS, SEEDS / "sources.csv", tmp_path_factory.mktemp("report"))


def test_report_opens_with_every_image_loaded_no_errors_and_the_summary_table(seed_report, browser):
    browser.call("Page.enable")
    browser.call("Runtime.enable")
    browser.call("Log.enable")
    browser.call("Page.navigate", url=seed_report.report.as_uri())
    from browser import wait_for

    wait_for(lambda: browser.js("document.readyState") == "complete", "the report to load")
    images = browser.js("Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
    figures = len(list((seed_report.run_dir / "figures").glob("*.png")))
    assert len(images) >= figures > 10
    assert all(complete and width > 0 for complete, width in images), "a broken image"
    assert browser.js("document.querySelector('#table-source_summary table') !== null")
    assert browser.js("document.querySelectorAll('script').length") == 0
    errors = [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"
              or (e["method"] in ("Log.entryAdded", "Runtime.consoleAPICalled")
                  and e["params"].get("entry", e["params"]).get("level", e["params"].get("type")) == "error")]
    assert errors == []
    shot = browser.call("Page.captureScreenshot", format="png")["data"]
    from PIL import Image

    picture = Image.open(io.BytesIO(base64.b64decode(shot))).convert("L")
    low, high = picture.getextrema()
    assert high - low > 100, "the screenshot is blank"
