"""Reports and highlights are safe to open: every text that reaches HTML is escaped.

An article, title, source name, lexicon note or speaker carrying markup shows
it as text. The proof runs in headless Chromium: the payloads would set
``document.title`` or mark the DOM if any script ran or any attribute broke
out; ``--dump-dom`` shows that nothing did, and the payload is visible text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from slant.highlight import corpus_html
from slant.pipeline import analyze
from slant.publish import Publisher
from slant.report import build_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
HAS_CHROMIUM = Path(CHROMIUM).exists()
SCRIPT = "<script>document.title='PWNED'</script>"
ATTRIBUTE = "\" onmouseover=\"document.title='PWNED'\" x=\""
IMAGE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
PAYLOADS = (SCRIPT, ATTRIBUTE, IMAGE)
HEADER = 'name: evil\nversion: "1"\ndescription: test\nsources: [me]\nlicence: CC0\n'


@pytest.fixture(scope="module")
def evil_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evil")
    text = (f"Kyiv is begging the West {SCRIPT} for weapons, as the so-called counteroffensive stalls.\n"
            f"“We will win {IMAGE},” said Vladimir Putin{ATTRIBUTE}.\n"
            f"The regime in Moscow warned NATO. {ATTRIBUTE} Putin said so.\n")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "sources.csv").write_text(
        'file,source,title\na.txt,"Outlet <script>document.title=\'PWNED\'</script>",'
        '"Title "" onmouseover=""document.title=\'PWNED\'"" <b>bold</b>"\n', encoding="utf-8")
    lexicon = folder / "evil.yaml"
    lexicon.write_text(HEADER + "category: evil\nlabel: \"Evil <img src=x onerror=alert(1)>\"\n"
                       "note: \"\\\" onmouseover=\\\"document.title='PWNED'\\\" <script>document.title='PWNED'</script>\"\n"
                       "terms:\n  - term: regime\n", encoding="utf-8")
    return analyze(folder, folder / "sources.csv", [lexicon])


def page(results, tmp_path) -> Path:
    """The report page built from notebook outputs as the suite makes them (highlights, tables, findings)."""
    from slant.compare import category_labels

    publish = Publisher(tmp_path / "run")
    outputs = [corpus_html(results, category_labels()),
               publish.table(results.terms, "terms", caption=f"Terms of {results.articles['title'].iloc[0]}").html,
               publish.table(results.attributions, "attributions", caption="Who says what").html,
               publish.text([{"text": f"{results.articles['source'].iloc[0]} uses {SCRIPT}", "section": "01_x"}],
                            "findings", caption=f"Findings {IMAGE}").html]
    nb = nbformat.v4.new_notebook()
    # Markdown cells are the suite's own prose (code, not data), so they carry no payload here.
    nb.cells = [nbformat.v4.new_markdown_cell("# Loaded language\n\nHow to read this."),
                nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
                    "display_data", data={"text/html": html, "text/plain": "x"}) for html in outputs]
                    + [nbformat.v4.new_output("stream", name="stdout", text=SCRIPT)])]
    path = tmp_path / "01_evil.ipynb"
    nbformat.write(nb, str(path))
    report = tmp_path / "report.html"
    report.write_text(build_report([path], corpus=Path(f"/tmp/{IMAGE}"), run_dir=tmp_path), encoding="utf-8")
    return report


def test_payloads_are_escaped_in_highlights_tables_and_report(evil_results, tmp_path):
    html = page(evil_results, tmp_path).read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert not [a for a in attributes(html) if a.startswith("on")], "an event-handler attribute reached the markup"


def attributes(html: str) -> set[str]:
    """Every attribute name of every tag, as a browser's tokenizer reads them."""
    from html.parser import HTMLParser

    names: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.update(name for name, _ in attrs)

    Collect().feed(html)
    return names


def chromium_dom(path: Path, tmp_path: Path) -> str:
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--virtual-time-budget=3000", "--dump-dom",
         path.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(not HAS_CHROMIUM, reason="chromium is not installed (CI installs it: apt-get install chromium)")
def test_no_payload_runs_in_a_browser_and_each_shows_as_text(evil_results, tmp_path):
    report = page(evil_results, tmp_path)
    # A control page with the same payload unescaped proves the check can see a script run.
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><head><title>safe</title></head><body>{SCRIPT}{IMAGE}</body></html>",
                       encoding="utf-8")
    dom = chromium_dom(control, tmp_path)
    assert "<title>PWNED</title>" in dom and 'data-pwned="1"' in dom

    dom = chromium_dom(report, tmp_path)
    assert "PWNED</title>" not in dom and "data-pwned=" not in dom
    assert re.search(r"<title>slant report — ", dom)
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom  # shown as text
    assert "Outlet &lt;script&gt;" in dom                              # the source name, as text
    assert "<script" not in dom.lower()
