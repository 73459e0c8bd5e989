"""Headless Chromium for the tests, driven over the DevTools protocol on loopback (no browser download).

Debian's ``chromium`` package is used (``.ci/run`` installs it); tests that need
it are skipped with a reason when it is absent.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEADLINE = 90  # seconds for each wait
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str, timeout: float = 2):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # loopback only
        return json.loads(response.read())


def wait_for(check, what: str, deadline: float = DEADLINE):
    end = time.monotonic() + deadline
    while True:
        try:
            value = check()
            if value:
                return value
        except (OSError, ValueError):
            pass
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)


def stop(process: subprocess.Popen) -> None:
    """Stop a process started in its own session, its group and every descendant (kernels start their own)."""
    import psutil

    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if process.poll() is None:
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                pass
            try:
                process.wait(wait)
            except subprocess.TimeoutExpired:
                continue
    for child in descendants:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


class DevTools:
    """The few DevTools-protocol calls the test needs, over the page's websocket."""

    def __init__(self, url: str):
        import websocket

        self.socket = websocket.create_connection(url, timeout=DEADLINE, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []  # protocol events received while waiting for answers (console, errors)

    def call(self, method: str, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if "method" in message:
                self.events.append(message)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self):
        self.socket.close()


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium with its DevTools endpoint on a free loopback port: a `DevTools` on its page."""
    port = free_port()
    chromium = subprocess.Popen(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}", "--remote-debugging-address=127.0.0.1",
         f"--remote-debugging-port={port}", "--window-size=1400,1000", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    tools = None
    try:
        pages = wait_for(lambda: [t for t in get_json(f"http://127.0.0.1:{port}/json/list") if t["type"] == "page"],
                         "Chromium's DevTools endpoint")
        tools = DevTools(pages[0]["webSocketDebuggerUrl"])
        yield tools
    finally:
        if tools is not None:
            tools.close()
        stop(chromium)


