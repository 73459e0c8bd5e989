"""One row per event: its dates, sources, size, and the words and names that set it apart (EVENT_COLUMNS)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from ..errors import SlantError
from .features import body_of, content_words, event_order, lower_case_words, proper_names, text_column

EVENT_COLUMNS = ["event", "label", "first_date", "last_date", "sources", "n_articles", "n_sources", "top_terms",
                 "top_names"]
TOP = 5  # terms and names listed per event
LABEL_ITEMS = 3  # names (then terms) in a label


def _iso(day: float) -> str:
    return "" if math.isnan(day) else (pd.Timestamp("1970-01-01") + pd.Timedelta(days=day)).date().isoformat()


def _scores(counts: list[Counter], members: list[int], document_frequency: Counter, n: int) -> Counter:
    """Each term of the member articles: summed (1 + log tf) × idf (smoothed, over the n articles)."""
    scores: Counter = Counter()
    for i in members:
        for term, count in counts[i].items():
            scores[term] += (1 + math.log(count)) * (math.log((1 + n) / (1 + document_frequency[term])) + 1)
    return scores


def _ranked(scores: Counter) -> list[str]:
    return [term for term, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))]


def _named_once(scores: Counter) -> Counter:
    """One form per name: a name ending in another name of two words or more counts as it ("Curator Joaquim
    Reis" as "Joaquim Reis"), a lone family name as the one longer name it ends ("Varga" as "Ilse Varga")."""
    merged = Counter(scores)
    for name in sorted(merged, key=lambda n: -len(n.split())):
        words = name.split()
        shorter = next((" ".join(words[k:]) for k in range(1, len(words) - 1)
                        if " ".join(words[k:]) in merged), None)
        if shorter:
            merged[shorter] += merged.pop(name)
    for name in [n for n in merged if " " not in n]:
        fuller = {n for n in merged if n.endswith(" " + name)}
        if len(fuller) == 1:
            merged[fuller.pop()] += merged.pop(name)
    return merged


def describe_events(articles: pd.DataFrame, events) -> pd.DataFrame:
    """EVENT_COLUMNS for the events of ``articles`` (``events``: one label per article, aligned), by first date.

    ``first_date``/``last_date``: ISO dates of the event's first and last
    dated article ("" when none is dated); ``sources``: its sources, sorted,
    comma-separated; ``top_terms``/``top_names``: its TOP most distinctive
    content words and proper names (summed 1 + log term frequency times
    inverse document frequency over the corpus), comma-separated; ``label``:
    the first date and the first LABEL_ITEMS names (completed with terms), e.g.
    "2010-07-02: Michael Steele, Afghanistan, Kristol".
    """
    events = list(events)
    if len(events) != len(articles):
        raise SlantError(f"{len(articles)} articles and {len(events)} event labels: they must be aligned")
    if "text" not in articles.columns:
        raise SlantError("describing events needs the articles' text column")
    order, days, _ = event_order(articles)
    texts, titles, sources = (text_column(articles, c) for c in ("text", "title", "source"))
    bodies = [body_of(texts[i], titles[i]) for i in range(len(articles))]
    words = [Counter(content_words(f"{titles[i]}\n{bodies[i]}", stems=False)) for i in range(len(articles))]
    lower_words = lower_case_words(bodies)
    names = [Counter(proper_names(body, surnames=False, lower_words=lower_words)) for body in bodies]
    word_df = Counter(term for counts in words for term in counts)
    name_df = Counter(name for counts in names for name in counts)
    members: dict[str, list[int]] = {}
    day_of: dict[int, float] = {}
    for position, day in zip(order, days):
        members.setdefault(str(events[position]), []).append(int(position))
        day_of[int(position)] = day
    rows = []
    for event, group in members.items():
        dated = [day_of[i] for i in group if not np.isnan(day_of[i])]
        first, last = (_iso(min(dated)), _iso(max(dated))) if dated else ("", "")
        outlets = sorted({sources[i] for i in group if sources[i]})
        terms = _ranked(_scores(words, group, word_df, len(articles)))[:TOP]
        top_names = _ranked(_named_once(_scores(names, group, name_df, len(articles))))[:TOP]
        shown = (top_names + [t for t in terms if t.lower() not in " ".join(top_names).lower()])[:LABEL_ITEMS]
        label = ", ".join(shown) or "(no words)"
        rows.append({"event": event, "label": f"{first}: {label}" if first else label, "first_date": first,
                     "last_date": last, "sources": ", ".join(outlets), "n_articles": len(group),
                     "n_sources": len(outlets), "top_terms": ", ".join(terms), "top_names": ", ".join(top_names)})
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)
