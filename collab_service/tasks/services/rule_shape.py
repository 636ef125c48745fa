"""Which repeat rules tasks accept, so that looking for the next date never walks far.

dateutil looks for an occurrence period by period and stops only at one, or at the year 9999:
a rule whose parts never meet (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) costs seconds of CPU per
request, and UNTIL does not shorten that walk. So a rule must have a shape in which every period
offers a date as soon as its parts can meet at all, and whether they can meet is asked of the
Gregorian calendar's 400-year cycle, placed at its last full repetition before the year 9999 so
that even a rule that never meets is walked for 400 yearly periods at most.
"""

from datetime import datetime

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

from collab_service.tasks.errors import TaskError

SEARCH_YEARS = 10  # a rule must give a date this soon; the next date is looked for no further
ALLOWED_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST")
# The calendar repeats every 400 years; 9600 is a leap century, like 2000.
_CYCLE_YEAR = 9600


def rule_parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for piece in filter(None, rule.split(";")):
        name, _sep, value = piece.partition("=")
        if name not in ALLOWED_PARTS or not value or name in parts:
            raise TaskError(
                _("A repeat rule may use only %(parts)s, each once.")
                % {"parts": ", ".join(ALLOWED_PARTS)}
            )
        parts[name] = value
    return parts


def _days(parts: dict[str, str]) -> list[str]:
    return [day for day in parts.get("BYDAY", "").split(",") if day]


def _fits_every_period(parts: dict[str, str]) -> bool:
    """With INTERVAL above 1 only some periods count, so each of them must hold a date."""
    freq, days = parts["FREQ"], _days(parts)
    ordinals = [day[:-2] for day in days if day[:-2]]
    monthdays = [int(day) for day in parts.get("BYMONTHDAY", "").split(",") if day]
    every_month_days = all(1 <= abs(day) <= 28 for day in monthdays)
    every_month_ordinals = all(1 <= abs(int(ordinal)) <= 4 for ordinal in ordinals)
    if freq == "DAILY":
        return not (days or monthdays or "BYMONTH" in parts)
    if freq == "WEEKLY":
        return not (ordinals or monthdays or "BYMONTH" in parts)
    if freq == "MONTHLY":
        return (
            "BYMONTH" not in parts
            and not (days and monthdays)
            and every_month_days
            and every_month_ordinals
        )
    return every_month_days and every_month_ordinals and not (days and monthdays)


def _can_meet(parts: dict[str, str], dtstart: datetime) -> bool:
    """Whether the rule's parts meet on any day, asked as a yearly rule over one 400-year cycle."""
    freq, days = parts["FREQ"], _days(parts)
    yearly = {name: parts[name] for name in ("BYMONTH", "BYMONTHDAY", "BYDAY") if name in parts}
    if freq == "WEEKLY" and not days:
        yearly["BYDAY"] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[dtstart.weekday()]
    if freq == "MONTHLY":
        yearly.setdefault("BYMONTH", "1,2,3,4,5,6,7,8,9,10,11,12")  # ordinals count in months
        if not days and "BYMONTHDAY" not in parts:
            yearly["BYMONTHDAY"] = str(dtstart.day)
    if freq == "YEARLY" and not days and "BYMONTHDAY" not in parts:
        yearly.setdefault("BYMONTH", str(dtstart.month))
        yearly["BYMONTHDAY"] = str(dtstart.day)
    if freq == "DAILY" and not yearly:
        return True
    text = ";".join(["FREQ=YEARLY", *(f"{name}={value}" for name, value in yearly.items())])
    cycle_start = datetime(_CYCLE_YEAR, 1, 1, dtstart.hour, dtstart.minute)
    return next(iter(rrulestr(text, dtstart=cycle_start)), None) is not None


def rule_shape_check(rule: str, dtstart: datetime) -> None:
    """Refuse a rule whose next date could take long to find (see the module's docstring).

    Raises:
        TaskError: parts other than ALLOWED_PARTS, INTERVAL above 1 with parts that some
            periods cannot meet, or parts that meet on no day at all.
    """
    parts = rule_parts(rule)
    if parts.get("FREQ") not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise TaskError(_("Tasks repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit():
        raise TaskError(_("INTERVAL must be a whole number."))
    if parts["FREQ"] in ("DAILY", "WEEKLY") and any(day[:-2] for day in _days(parts)):
        raise TaskError(
            _("BYDAY takes a position (such as -1FR) only in monthly and yearly rules.")
        )
    try:
        fits = int(interval) == 1 or _fits_every_period(parts)
    except ValueError:
        raise TaskError(_("The repeat rule is not valid.")) from None
    if not fits:
        raise TaskError(
            _(
                "With INTERVAL above 1, use BYDAY alone (weekly), BYMONTHDAY from 1 to 28 or "
                "BYDAY up to the fourth weekday (monthly), and no BYMONTH except yearly."
            )
        )
    if not _can_meet(parts, dtstart):
        raise TaskError(
            _("This repeat rule gives no date within %(years)d years.") % {"years": SEARCH_YEARS}
        )
