"""Every article gets an event: the label its sources file or corpus gives, else one found by grouping.

`resolve_events(articles, mode)` returns the articles' event labels and the
events table (`slant.events.EVENT_COLUMNS`). ``mode`` is one of `EVENT_MODES`:

- ``auto`` (default): a given label (the ``event`` column of a sources file or
  of a JSONL/CSV corpus) is kept; articles without one are grouped into events
  automatically (`slant.events.group_events`: story clustering over names,
  content words and dates). When some labels are given, automatic ids are
  prefixed ``auto-`` so that they never meet a user's label.
- ``none``: the whole corpus is one event (a corpus that is one event by
  construction, such as the seeds).

The events table adds ``found_by`` to each event: ``given`` (a label of the
inputs), ``grouped`` (automatic) or ``one event`` (``none``); `events_note`
says in a few words how a corpus's events were found, for captions and pages.
"""

from __future__ import annotations

import pandas as pd

from .errors import SlantError

EVENT_MODES = ("auto", "none")
FOUND_BY = ("given", "grouped", "one event")
ONE_EVENT = "all articles"
AUTO_PREFIX = "auto-"


def check_mode(mode) -> str:
    """The mode as given, checked: a one-line error names the accepted values."""
    value = str(mode if mode is not None else "auto").strip().lower() or "auto"
    if value not in EVENT_MODES:
        raise SlantError(f"events: expected {' or '.join(EVENT_MODES)}, got {mode!r}")
    return value


def given_labels(articles: pd.DataFrame) -> pd.Series:
    """The event labels the inputs gave (empty text where none), aligned with ``articles``."""
    if "event" not in articles:
        return pd.Series("", index=articles.index, dtype=object)
    return articles["event"].fillna("").astype(str).str.strip()


def resolve_events(articles: pd.DataFrame, mode: str = "auto") -> tuple[pd.Series, pd.DataFrame]:
    """(event per article aligned with ``articles``, events table) — see the module.

    ``articles`` needs id, source, title, date and text (the articles table).
    """
    from .events import describe_events, group_events

    mode = check_mode(mode)
    if articles.empty:
        empty = pd.Series([], index=articles.index, dtype=object)
        return empty, describe_events(articles, empty).assign(found_by=pd.Series([], dtype=object))
    if mode == "none":
        events = pd.Series(ONE_EVENT, index=articles.index, dtype=object)
        return events.astype("str"), _found_by(describe_events(articles, events), {ONE_EVENT}, "one event")
    given = given_labels(articles)
    events = given.copy()
    missing = given == ""
    if missing.any():
        grouped = group_events(articles[missing])
        events[missing] = (AUTO_PREFIX + grouped.astype(str)) if (~missing).any() else grouped.astype(str)
    return events.astype("str"), _found_by(describe_events(articles, events), set(given[~missing]), "given")


def _found_by(table: pd.DataFrame, named: set[str], how: str) -> pd.DataFrame:
    """Mark how each event was found; a label the user gave is the event's name, shown as written."""
    table = table.assign(found_by="grouped")
    if named and len(table):
        chosen = table["event"].astype(str).isin(named)
        table.loc[chosen, "label"] = table.loc[chosen, "event"].astype(str)
        table.loc[chosen, "found_by"] = how
    return table


def events_note(events: pd.DataFrame | None) -> str:
    """How the events of an events table were found, in a few words ("40 events, grouped automatically")."""
    if events is None or events.empty or "found_by" not in events:
        return "events not grouped"
    counts = events["found_by"].value_counts()
    n = len(events)
    if counts.get("one event"):
        return "the corpus taken as one event"
    if counts.get("grouped", 0) == n:
        return f"{n:,} event{'s' if n != 1 else ''}, grouped automatically"
    if counts.get("given", 0) == n:
        return f"{n:,} event{'s' if n != 1 else ''}, as labelled in the inputs"
    return f"{n:,} events: {counts.get('given', 0):,} labelled in the inputs, {counts.get('grouped', 0):,} grouped automatically"
