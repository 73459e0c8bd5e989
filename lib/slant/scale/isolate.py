"""Run a function in a forked child process that can be stopped: time limits that cannot corrupt the caller.

`run_with_heartbeat(function, seconds)` calls ``function(beat)`` in a child
forked from this process (it inherits the corpus, the lexicon and the actors
without pickling them), and returns its result. The function calls ``beat()``
after each unit of work (an article); when ``seconds`` pass without a beat,
the child is killed and `TimeLimit` says how many beats it gave. An exception
in the child comes back as `ChildError` with the exception's type name and
message. Nothing is ever raised inside a running thread of the caller, so a
stopped analysis leaves no half-changed state behind (the ``ctypes`` way of
injecting an exception into a thread could fire inside any library call).

``os.fork`` is used directly, not ``multiprocessing``: Dask's worker processes
are daemons, which ``multiprocessing`` forbids to have children. Where fork
does not exist (Windows), `can_isolate` is False and callers run unguarded.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from typing import Callable

HEADER = struct.Struct("!cQ")  # kind (b"b" beat, b"r" result, b"e" error) and payload length
can_isolate = hasattr(os, "fork")


class TimeLimit(Exception):
    """The child gave no sign of progress for the time allowed; ``beats``: the units it finished before."""

    def __init__(self, beats: int, seconds: float):
        super().__init__(f"took longer than {seconds:g} s")
        self.beats = beats


class ChildError(Exception):
    """An exception raised in the child: its type name (``kind``), message, and the beats before it."""

    def __init__(self, kind: str, message: str, beats: int):
        super().__init__(message)
        self.kind, self.beats = kind, beats


def _send(fd: int, kind: bytes, payload: bytes = b"") -> None:
    data = HEADER.pack(kind, len(payload)) + payload
    while data:
        data = data[os.write(fd, data):]


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the child closed its pipe")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _child(function: Callable, write: int) -> None:
    """In the child: run, report beats, the result or the error; never return into the parent's code."""
    code = 0
    try:
        try:
            result = function(lambda *_: _send(write, b"b"))
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            _send(write, b"r", payload)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as data
            _send(write, b"e", pickle.dumps((type(exc).__name__, str(exc))))
    except BaseException:  # noqa: BLE001 - the parent sees the closed pipe
        code = 1
    finally:
        os._exit(code)


def run_with_heartbeat(function: Callable[[Callable[..., None]], object], seconds: float):
    """``function(beat)`` in a forked child, stopped when ``seconds`` pass without a beat (see the module)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        _child(function, write)
    os.close(write)
    beats = 0
    try:
        while True:
            deadline = time.monotonic() + seconds
            ready = []
            while not ready:
                left = deadline - time.monotonic()
                if left <= 0:
                    os.kill(pid, signal.SIGKILL)
                    raise TimeLimit(beats, seconds)
                ready, _, _ = select.select([read], [], [], left)
            kind, size = HEADER.unpack(_read_exactly(read, HEADER.size))
            payload = _read_exactly(read, size)
            if kind == b"b":
                beats += 1
            elif kind == b"r":
                return pickle.loads(payload)
            else:
                name, message = pickle.loads(payload)
                raise ChildError(name, message, beats)
    except EOFError:
        raise ChildError("ChildProcessError", "the analysing process ended without a result", beats) from None
    finally:
        os.close(read)
        os.waitpid(pid, 0)
