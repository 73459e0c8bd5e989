"""Deterministic synthetic corpora, for benchmarks and tests: recombined seed sentences, or invented events.

Each article is 8–20 sentences (by default) drawn (with a seeded `random.Random`) from the
sentences of the given seed articles, shuffled and grouped into paragraphs of
one to three; sources are ``Outlet 01``…``Outlet NN`` in turn. The same
arguments always give the same bytes.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Iterator

from ..errors import SlantError
from ..segment import sentences


def seed_sentences(seed_files) -> list[str]:
    """The sentences of the seed articles, in file order."""
    found = []
    for path in sorted(map(Path, seed_files)):
        text = path.read_text(encoding="utf-8")
        found += [text[s.start:s.end].strip() for s in sentences(text)]
    return [s for s in found if s]


def synthetic_articles(pool: list[str], n: int, *, n_sources: int = 20, seed: int = 0,
                       sentences_per_article: tuple[int, int] = (8, 20)) -> Iterator[dict]:
    """``n`` records (id, source, title, date, text) recombined from ``pool``."""
    rng = random.Random(seed)
    for i in range(n):
        chosen = rng.sample(pool, min(len(pool), rng.randint(*sentences_per_article)))
        paragraphs, position = [], 0
        while position < len(chosen):
            size = rng.randint(1, 3)
            paragraphs.append(" ".join(chosen[position:position + size]))
            position += size
        yield {"id": f"syn_{i:07d}", "source": f"Outlet {i % n_sources + 1:02d}", "title": chosen[0][:80],
               "date": f"2024-05-{i % 28 + 1:02d}", "text": "\n\n".join(paragraphs) + "\n"}


def write_corpus(path: str | Path, pool: list[str], n: int, *, n_sources: int = 20, seed: int = 0,
                 sentences_per_article: tuple[int, int] = (8, 20)) -> Path:
    """Write ``n`` synthetic articles as JSON lines (gzip when ``path`` ends in .gz), streaming."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        for record in synthetic_articles(pool, n, n_sources=n_sources, seed=seed,
                                         sentences_per_article=sentences_per_article):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# --- Invented multi-event corpora ------------------------------------------------------------------------------
# Built only from slant/data/synthetic_events.yaml (invented word parts and templates), never from a real corpus:
# each event gets its own names (people, place, organisation, thing), a kind (flood, strike, trial…), a date and
# one fixed set of facts (number, weekday, a shared quotation); every source tells it with its own title, lede,
# quotations and amount of loaded wording. Follow-ups reuse an earlier event's place and people weeks later, as a
# real news cycle does, and are separate events: the hard case for grouping by shared names.

EVENT_CORPUS_KEYS = ["id", "source", "title", "date", "text", "event"]
EVENT_SOURCES_COLUMNS = ["file", "source", "title", "date", "url", "note", "event"]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = ("second", "third", "fourth", "fifth")
# Share of optional sentences in loaded wording, per source in turn: outlets differ in how they word one story.
_LEANS = (0.15, 0.75, 0.4)


def _templates() -> dict:
    from ..data_files import load_data_file, packaged_path

    return load_data_file(packaged_path("synthetic_events.yaml"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Names:
    """Invented words, each used once in a corpus, from seeded word parts."""

    def __init__(self, parts: dict, rng: random.Random):
        self.parts, self.rng, self.used = parts, rng, set()

    def word(self) -> str:
        for attempt in range(1000):
            middle = self.rng.choice(self.parts["middles"]) if self.rng.random() < 0.5 or attempt > 20 else ""
            extra = self.rng.choice(self.parts["codas"]) if attempt > 200 else ""
            word = (self.rng.choice(self.parts["onsets"]) + middle + self.rng.choice(self.parts["codas"]) + extra)
            word = _capital(word.lower())
            if word not in self.used:
                self.used.add(word)
                return word
        raise SlantError("ran out of invented names; the corpus is too large for the word parts")

    def person(self) -> tuple[str, str]:
        surname = self.word()
        return f"{self.rng.choice(self.parts['given_names'])} {surname}", surname

    def place(self) -> str:
        name = self.word()
        return f"{name} {self.rng.choice(self.parts['place_suffixes'])}" if self.rng.random() < 0.3 else name


def _passer_by(parts: dict, rng: random.Random) -> str:
    """A bystander's invented name: one article's own, not kept unique (they are quoted once)."""
    surname = rng.choice(parts["onsets"]) + rng.choice(parts["middles"]) + rng.choice(parts["codas"])
    return f"{rng.choice(parts['given_names'])} {_capital(surname.lower())}"


def _cast(data: dict, names: _Names, rng: random.Random) -> dict:
    """The people, place and organisation of a story (shared by an event and its follow-ups)."""
    place = names.place()
    cast = {"place": place, "figure": rng.choice(data["figures"])}
    for role in ("lead", "critic", "expert"):
        cast[role], cast[f"{role}_s"] = names.person()
        cast[f"{role}_role"] = rng.choice(data["roles"][role])
        cast[f"{role}_role_a"] = ("an " if cast[f"{role}_role"][0] in "aeiouAEIOU" else "a ") + cast[f"{role}_role"]
    cast["org"] = rng.choice(data["organisations"]).format(place=place, surname=names.word())
    return cast


def _event_facts(data: dict, names: _Names, rng: random.Random, cast: dict, day: int) -> dict:
    kind = rng.choice(data["kinds"])
    thing = kind["thing"].format(name=names.word())
    n = rng.randint(12, 940)
    return {**cast, "kind": kind, "day": day, "thing": thing, "thing_cap": _capital(thing), "n": str(n),
            "number": kind["number"].format(n=n), "ordinal": rng.choice(_ORDINALS),
            "year": str(2000 + rng.randint(10, 20)), "lead_quote": rng.randrange(len(kind["lead_quotes"]))}


def _article_text(data: dict, facts: dict, rng: random.Random, variant: int, lean: float) -> tuple[str, str]:
    """(title, text) of one source's article on one event: the event's facts, this source's wording."""
    kind, shared = facts["kind"], data["shared"]

    def fill(template: str, **extra) -> str:
        return _capital(template.format_map({**facts, **extra}))

    def pick(options: list[str], offset: int = 0) -> str:
        return options[(variant + offset) % len(options)]

    lead_q = kind["lead_quotes"][facts["lead_quote"]]
    critic_q = rng.choice(kind["critic_quotes"])
    details = rng.sample(kind["details"], len(kind["details"]))
    paragraphs = [
        [fill(pick(kind["ledes"])), fill(details[0])],
        [fill(pick(shared["lead_attributions"], rng.randrange(4)), q=lead_q)],
        [fill(detail) for detail in details[1:]],
        [fill(rng.choice(shared["loaded_critic"] if rng.random() < lean else shared["critic_attributions"]),
              q=critic_q)],
        [fill(rng.choice(shared["expert"]))] + [fill(rng.choice(shared["background"]))],
    ]
    if rng.random() < lean:
        paragraphs[2].append(fill(rng.choice(shared["loaded_voice"])))
    other_lead = [q for q in kind["lead_quotes"] if q != lead_q]
    if rng.random() < 0.5:
        paragraphs.insert(4, [fill("“{q},” {lead_s} added.", q=rng.choice(other_lead))])
    paragraphs.insert(-1, [fill(rng.choice(shared["residents"]), resident=_passer_by(data["name_parts"], rng))])
    paragraphs.append([fill(rng.choice(shared["next_steps"])), fill(rng.choice(shared["closings"]))])
    title = fill(pick(kind["titles"], 1))
    return title, "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "source"


def event_corpus(n_events: int, sources: tuple[str, ...] = ("Outlet A", "Outlet B", "Outlet C"), *,
                 articles_per_source: int = 1, seed: int = 0, start_date: str = "2024-01-01",
                 follow_ups: float = 0.1) -> list[dict]:
    """Invented articles on ``n_events`` events, each covered by every source: dicts with EVENT_CORPUS_KEYS.

    Events are spread over about ``n_events / 3`` days (at least four weeks) from
    ``start_date``; a source's article is dated its event's day or up to two
    days later. A share ``follow_ups`` of events reuse an earlier event's place
    and people 14–90 days later (a different story). Events are labelled
    ``E0001``… in date order with their kind and place ("E0007 flood in
    Kelmere"); ids are ``<source slug>_<event>_<k>``. No corpus text is used:
    the same arguments give the same records on any machine.
    """
    from datetime import date, timedelta

    if n_events < 1 or articles_per_source < 1 or not sources:
        raise SlantError("event_corpus needs at least one event, one source and one article per source")
    data, rng = _templates(), random.Random(f"slant-events:{seed}")
    names, start = _Names(data["name_parts"], rng), date.fromisoformat(start_date)
    span = max(28, -(-n_events // 3))
    events = []
    for index in range(n_events):
        if events and rng.random() < follow_ups:
            parent = rng.choice(events)
            cast = {k: v for k, v in parent.items() if k in parent["cast_keys"]}
            day = parent["day"] + rng.randint(14, 90)
        else:
            cast, day = _cast(data, names, rng), rng.randrange(span)
        facts = _event_facts(data, names, rng, cast, day)
        facts["cast_keys"], facts["index"] = tuple(cast), index
        events.append(facts)
    records = []
    for number, facts in enumerate(sorted(events, key=lambda e: (e["day"], e["index"])), start=1):
        when = start + timedelta(days=facts["day"])
        facts.update(weekday=_WEEKDAYS[when.weekday()], next_weekday=_WEEKDAYS[(when.weekday() + 2) % 7])
        label = f"E{number:04d} {facts['kind']['name']} in {facts['place']}"
        for s, source in enumerate(sources):
            for k in range(1, articles_per_source + 1):
                article_rng = random.Random(f"slant-events:{seed}:{facts['index']}:{s}:{k}")
                title, text = _article_text(data, facts, article_rng, s + 3 * (k - 1), _LEANS[s % len(_LEANS)])
                published = when + timedelta(days=article_rng.choice((0, 0, 0, 1, 1, 2)))
                records.append({"id": f"{_slug(source)}_{number:04d}_{k}", "source": source, "title": title,
                                "date": published.isoformat(), "text": text, "event": label})
    return records


def write_event_corpus(folder: str | Path, records: list[dict]) -> Path:
    """Write ``records`` (from `event_corpus`) as ``<id>.txt`` files and a sources.csv with an event column."""
    import csv

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EVENT_SOURCES_COLUMNS)
        for record in records:
            (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
            writer.writerow([f"{record['id']}.txt", record["source"], record["title"], record["date"],
                             f"https://example.org/{_slug(record['source'])}/{record['id']}",
                             "synthetic article (slant.scale.synthetic.event_corpus)", record["event"]])
    return folder
