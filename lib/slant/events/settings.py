"""The settings of event grouping, read from the versioned data file ``data/events.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from ..data_files import load_data_file, packaged_path
from ..errors import SlantError

EVENTS_FILE = "events.yaml"


@dataclass(frozen=True)
class EventSettings:
    """How articles are grouped into events (see ``data/events.yaml`` for how each value was chosen).

    ``threshold``: least average similarity (0 to 1) at which two groups merge;
    ``same_source``: factor (0 to 1) on that similarity when the merge would
    put two articles of one source in one event (1 = no prior); ``mutual_boost``:
    factor (1 or more) on the similarity of two articles of different sources
    that are each other's best match in the other's source (1 = none); ``window_days``:
    most days between the first and last dated article of an event;
    ``grace_days``, ``fade_per_day``: two articles' similarity is kept whole up
    to ``grace_days`` apart, then loses ``fade_per_day`` of itself per further day;
    ``words``, ``names``, ``title``: weights of the three similarity blocks
    (content words, proper names, title words; they sum to 1);
    ``neighbours``: partners kept per article in the similarity graph;
    ``floor``: least similarity kept as an edge of that graph.
    """

    threshold: float
    same_source: float
    mutual_boost: float
    window_days: float
    grace_days: float
    fade_per_day: float
    words: float
    names: float
    title: float
    neighbours: int
    floor: float

    @property
    def weights(self) -> dict[str, float]:
        return {"words": self.words, "names": self.names, "title": self.title}

    def with_changes(self, **changes) -> "EventSettings":
        return replace(self, **changes)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "EventSettings":
        """The ``settings`` of an events file (the packaged one by default), checked."""
        path = Path(path) if path else packaged_path(EVENTS_FILE)
        values = load_data_file(path).get("settings")
        names = [f.name for f in fields(cls)]
        if not isinstance(values, dict) or sorted(values) != sorted(names):
            raise SlantError(f"{path}: 'settings' must give exactly {', '.join(names)}")
        try:
            settings = cls(**{f.name: int(values[f.name]) if f.type == "int" else float(values[f.name])
                              for f in fields(cls)})
        except (TypeError, ValueError):
            raise SlantError(f"{path}: every event setting must be a number") from None
        settings.check(path)
        return settings

    def check(self, where: object = "event settings") -> None:
        problems = [name for name in ("threshold", "same_source", "fade_per_day", "words", "names", "title",
                                      "floor")
                    if not 0 <= getattr(self, name) <= 1]
        problems += [name for name in ("window_days", "neighbours") if getattr(self, name) < 1]
        problems += ["grace_days"] if self.grace_days < 0 else []
        problems += ["mutual_boost"] if self.mutual_boost < 1 else []
        if problems:
            raise SlantError(f"{where}: out of range: {', '.join(problems)} (similarities, weights and "
                             "fade_per_day 0 to 1; window_days, neighbours and mutual_boost at least 1; "
                             "grace_days at least 0)")
        if abs(self.words + self.names + self.title - 1) > 1e-6:
            raise SlantError(f"{where}: the weights words, names and title must sum to 1")
