from datetime import date, timedelta

# Dates far from today overflow date arithmetic at the ends of the calendar and mean nothing here.
REASONABLE = timedelta(days=10 * 366)


def day_param(raw: str | None, *, today: date, default: date | None = None) -> date | None:
    """A YYYY-MM-DD query value within ten years of today, else ``default``."""
    try:
        day = date.fromisoformat(raw or "")
    except ValueError:
        return default
    return day if abs(day - today) <= REASONABLE else default
