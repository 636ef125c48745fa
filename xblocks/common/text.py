"""Small text helpers shared by the blocks' pages."""

import hashlib
from datetime import datetime


def dom_id(usage_key: str) -> str:
    """A stable id prefix for one block on a page (usage keys contain characters ids cannot)."""
    return "szpon-" + hashlib.sha256(usage_key.encode()).hexdigest()[:10]


def time_range(t, start: datetime, end: datetime | None, zone) -> str:
    """The time span in the zone and language, e.g. "Wednesday, 3 December 2026, 10:00-11:00"."""
    start = start.astimezone(zone)
    text = t.date(start, "l, j E Y, H:i" if t.language == "pl" else "l, j F Y, H:i")
    if end is None:
        return text
    end = end.astimezone(zone)
    if end.date() == start.date():
        return f"{text}–{end:%H:%M}"
    return f"{text} – {t.date(end, 'j E Y, H:i' if t.language == 'pl' else 'j F Y, H:i')}"
