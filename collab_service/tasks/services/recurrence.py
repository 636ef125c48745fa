"""Repeating tasks: RRULE validation, the presets the form offers, and the next occurrence.

Occurrences are computed on the wall clock of the institution's time zone, so a task due every
Monday at 9:00 stays at 9:00 across daylight-saving changes.
"""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab_service.tasks.errors import TaskError
from collab_service.tasks.models import Task
from collab_service.tasks.services.rule_shape import SEARCH_YEARS, rule_shape_check

MAX_LENGTH = 300
SUPPORTED_FREQUENCIES = {DAILY, WEEKLY, MONTHLY, YEARLY}

PRESETS = {
    "": gettext_lazy("Does not repeat"),
    "FREQ=DAILY": gettext_lazy("Every day"),
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR": gettext_lazy("Every weekday (Monday to Friday)"),
    "FREQ=WEEKLY": gettext_lazy("Every week on the due day"),
    "FREQ=MONTHLY": gettext_lazy("Every month on the due day"),
    "FREQ=YEARLY": gettext_lazy("Every year on the due date"),
}


def rrule_normalise(text: str, *, anchor: datetime | None = None) -> str:
    """The rule as stored: upper case, without an ``RRULE:`` prefix or spaces; '' for none.

    Raises:
        TaskError: the rule does not parse, is too long, repeats more often than daily, or
            never repeats within ``SEARCH_YEARS`` of ``anchor`` (the task's date, else now).
    """
    rule = "".join(text.split()).upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    if not rule:
        return ""
    if len(rule) > MAX_LENGTH:
        raise TaskError(_("The repeat rule is too long (at most 300 characters)."))
    if ":" in rule or "DTSTART" in rule:
        raise TaskError(_("Give only the RRULE part, for example FREQ=WEEKLY;BYDAY=MO."))
    start = (anchor or timezone.now()).astimezone(ZoneInfo("UTC"))
    parsed = _parse(rule, start)
    if parsed._freq not in SUPPORTED_FREQUENCIES:
        raise TaskError(_("Tasks repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    rule_shape_check(rule, start)
    after = start if parsed._dtstart.tzinfo else start.replace(tzinfo=None)
    # An open rule must repeat; a bounded one may have ended (the last task of its series).
    ended_may_be = parsed._count is not None or parsed._until is not None
    if next(_occurrences(parsed, after, inclusive=ended_may_be), None) is None:
        raise TaskError(
            _("This repeat rule gives no date within %(years)d years.") % {"years": SEARCH_YEARS}
        )
    return rule


def _occurrences(rule: rrule, after: datetime, *, inclusive: bool = False) -> Iterator[datetime]:
    """The rule's occurrences after ``after`` (or at it) within ``SEARCH_YEARS``, in order.

    COUNT is honoured from the rule's start, as RFC 5545 counts it; the span is set as UNTIL,
    which dateutil will not combine with COUNT, so COUNT is applied here."""
    limit = after + relativedelta(years=SEARCH_YEARS)
    until = min(rule._until, limit) if rule._until else limit
    count = rule._count
    bounded = rule.replace(count=None, until=until)
    for index, moment in enumerate(bounded):
        if count is not None and index >= count:
            return
        if moment > after or (inclusive and moment == after):
            yield moment


def _parse(rule: str, dtstart: datetime) -> rrule:
    """Parse against an aware start; a floating UNTIL needs a floating start instead."""
    try:
        try:
            return rrulestr(rule, dtstart=dtstart)
        except ValueError as error:
            if "UNTIL" not in rule or "UTC" not in str(error):
                raise
            return rrulestr(rule, dtstart=dtstart.replace(tzinfo=None))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise TaskError(
            _("The repeat rule is not valid: %(error)s") % {"error": str(error)[:200]}
        ) from None


def _anchor(task: Task) -> datetime | None:
    return task.due_at or task.start_at


def series_first(task: Task) -> Task:
    """The first occurrence of the task's series (COUNT and UNTIL count from it)."""
    first, seen = task, {task.pk}
    while first.previous_id is not None and first.previous_id not in seen:
        seen.add(first.previous_id)
        first = Task.objects.get(pk=first.previous_id)
    return first


def next_anchor(task: Task) -> datetime | None:
    """When the occurrence after ``task`` is due (or starts), or None once the rule is exhausted."""
    anchor = _anchor(task)
    if not task.rrule or anchor is None:
        return None
    tz = ZoneInfo(task.task_list.institution.time_zone)
    first_anchor = _anchor(series_first(task)) or anchor
    dtstart = timezone.localtime(first_anchor, tz)
    current = timezone.localtime(anchor, tz)
    try:
        rule_shape_check(task.rrule, dtstart)  # a rule stored before shapes were checked
    except TaskError:
        return None
    rule = _parse(task.rrule, dtstart)
    if rule._dtstart.tzinfo is None:
        current = current.replace(tzinfo=None)
    moment = next(_occurrences(rule, current), None)
    if moment is None:
        return None
    local = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    # Rebuild from the wall-clock fields so the offset is the one valid on that day.
    wall = local.replace(tzinfo=None)
    return datetime(*wall.timetuple()[:6], tzinfo=tz)
