"""Tables computed once per `pipeline.Results`: a notebook, its event pages and its findings ask for the same
table several times (at 10,000 articles the comparison notebook computed the within-event measures three times).

`per_results` caches a function of ``(results, *tables)`` while ``results`` lives, keyed by the identity of
its arguments (the cached arguments are held, so an identity is never reused while its entry exists); each
call gets its own copy, so a caller that changes its table changes no one else's.
"""

from __future__ import annotations

import functools
import weakref

_CACHE: dict[tuple, tuple] = {}


def per_results(fn=None, *, copy: bool = True):
    """Decorator: ``fn(results, *args)`` computed once per (results, args) identity while ``results`` lives (any
    weakly referable first argument: a `Results`, or a table computed from one). Each call gets a copy, unless
    ``copy=False`` for a table its callers only read (``@per_results(copy=False)``)."""
    def decorate(fn):
        @functools.wraps(fn)
        def cached(results, *args):
            key = (fn.__module__, fn.__qualname__, id(results), *map(id, args))
            hit = _CACHE.get(key)
            if hit is None or hit[0]() is not results:
                forget = lambda _, key=key, cache=_CACHE: cache.pop(key, None)  # noqa: E731
                hit = (weakref.ref(results, forget), args, fn(results, *args))
                _CACHE[key] = hit
            return hit[2].copy() if copy else hit[2]
        return cached
    return decorate(fn) if fn is not None else decorate
