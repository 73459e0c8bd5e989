"""The explorer in a real JupyterLab, driven in headless Chromium through the DevTools protocol (loopback only).

JupyterLab runs from the venv on a free loopback port with a random token, on a
temporary root holding a copy of notebooks/07_explore.ipynb and the seeds;
Chromium loads the notebook, runs every cell, changes the categories control
and the test checks that the highlighted words of the article change. The
server, its kernels and the browser are always stopped (fixtures with finally).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import CHROMIUM, DEADLINE, DevTools, browser, free_port, get_json, stop, wait_for  # noqa: F401
from helpers import ROOT, SEEDS

JUPYTER = Path(sys.executable).with_name("jupyter")
DEADLINE = 90  # seconds for each wait; the whole test takes ~30 s on a 2-CPU machine

pytestmark = [pytest.mark.notebooks,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")]


def running(process: subprocess.Popen, log: Path) -> bool:
    if process.poll() is not None:
        raise AssertionError(f"JupyterLab exited ({process.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
    return True


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a free loopback port: (base url, token, log path)."""
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "07_explore.ipynb", root / "notebooks")
    shutil.copytree(SEEDS, root / "seeds")
    port, token = free_port(), secrets.token_hex(16)
    state = tmp_path / "state"
    env = {**os.environ, "PATH": f"{JUPYTER.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"), "JUPYTER_CONFIG_DIR": str(state / "config"),
           "IPYTHONDIR": str(state / "ipython"), "MPLBACKEND": "Agg"}
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
             f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
             "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
             "--LabApp.extension_manager=readonly", f"--LabApp.user_settings_dir={state / 'settings'}",
             f"--LabApp.workspaces_dir={state / 'workspaces'}", *(["--allow-root"] if os.geteuid() == 0 else [])],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: running(server, log) and get_json(f"{base}/api/status?token={token}"), "JupyterLab to start")
        yield base, token, log
    finally:
        stop(server)


ARTICLE = "document.querySelector('.slant-explore-article-view')"
MARKS = f"Array.from({ARTICLE}?.querySelectorAll('mark') ?? []).map(m => m.textContent)"
CHOOSE_DOUBT = """(() => {
  const select = document.querySelector('.slant-explore-categories select');
  const label = o => o.textContent.replace(/\u00a0/g, ' ');  // ipywidgets prints option labels with no-break spaces
  for (const option of select.options) option.selected = label(option) === 'Doubt / distancing';
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return Array.from(select.selectedOptions).map(label);
})()"""


PAGE_STATE = """(() => {
  const app = window.jupyterapp, panel = Array.from(app?.shell?.widgets('main') ?? [])[0];
  return {title: document.title, app: typeof app, widget: panel?.constructor?.name,
          current: app?.shell?.currentWidget?.id, panel: panel?.id,
          kernel: panel?.sessionContext?.session?.kernel?.status, dialogs: document.querySelectorAll('.jp-Dialog').length,
          dialog: document.querySelector('.jp-Dialog')?.textContent?.slice(0, 300),
          outputs: Array.from(document.querySelectorAll('.jp-OutputArea-output')).map(o => o.textContent.slice(0, 200))};
})()"""


def test_changing_a_control_in_jupyterlab_changes_the_highlighted_text(lab, browser):
    base, token, log = lab
    browser.call("Page.enable")
    browser.call("Emulation.setFocusEmulationEnabled", enabled=True)  # a headless page never has focus otherwise
    browser.call("Page.navigate", url=f"{base}/lab/tree/notebooks/07_explore.ipynb?token={token}")
    try:
        wait_for(lambda: browser.js("""(async () => {
            const app = window.jupyterapp;
            if (!app) return false;
            await app.restored;
            const panel = Array.from(app.shell.widgets('main')).find(w => w.sessionContext && w.content?.widgets);
            if (!panel) return false;
            await panel.context.ready;
            await panel.sessionContext.ready;
            app.shell.activateById(panel.id);
            return panel.sessionContext.session?.kernel?.status === 'idle' && app.shell.currentWidget === panel;
        })()"""), "the notebook and its kernel")
        browser.js("window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => true)")
        before = wait_for(lambda: browser.js(MARKS), "the explorer's highlighted article")
        assert "purportedly" in before and "begging" in before
        assert browser.js(CHOOSE_DOUBT) == ["Doubt / distancing"]
        after = wait_for(lambda: (lambda m: m if m != before else None)(browser.js(MARKS)),
                         "the highlighted words to change")
        assert after == ["purportedly"]
        errors = browser.js("""Array.from(document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
                               .map(e => e.textContent).filter(t => t.includes('Error'))""")
        assert errors == []
        if os.environ.get("SLANT_SCREENSHOT"):  # for looking at the explorer as a person sees it
            browser.js("document.querySelector('.slant-explore-categories')?.scrollIntoView()")
            shot = browser.call("Page.captureScreenshot", format="png")["data"]
            Path(os.environ["SLANT_SCREENSHOT"]).write_bytes(__import__("base64").b64decode(shot))
    except AssertionError:
        print(log.read_text(errors="replace")[-4000:])
        print("page state:", browser.js(PAGE_STATE))
        raise
