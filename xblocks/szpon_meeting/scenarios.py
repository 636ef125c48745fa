"""Workbench scenarios: an open webinar under way now (guests allowed) and an on-demand hour."""

from datetime import datetime, timedelta
from xml.sax.saxutils import quoteattr
from zoneinfo import ZoneInfo

ZONE = "Europe/Warsaw"


def _quarter_hour_ago() -> str:
    now = datetime.now(ZoneInfo(ZONE)).replace(second=0, microsecond=0)
    start = now - timedelta(minutes=now.minute % 15)
    return start.strftime("%Y-%m-%dT%H:%M")


def scenarios() -> list[tuple[str, str]]:
    webinar = (
        "<szpon_meeting"
        f" display_name={quoteattr('Webinar: e-Doręczenia w urzędzie')}"
        f" title={quoteattr('Webinar: e-Doręczenia w urzędzie')}"
        ' schedule="scheduled"'
        f' start="{_quarter_hour_ago()}" time_zone="{ZONE}"'
        ' duration_minutes="120" completion_minutes="1" guest_access="true"'
        " hosts='[\"ewa.prowadzaca\"]'/>"
    )
    on_demand = (
        "<szpon_meeting"
        f" display_name={quoteattr('Dyżur konsultacyjny')}"
        f" title={quoteattr('Dyżur konsultacyjny zespołu szkoleń')}"
        ' schedule="on_demand" duration_minutes="45" completion_minutes="10"'
        ' lobby="false"/>'
    )
    return [
        ("Live meeting: scheduled webinar with guests", webinar),
        ("Live meeting: on-demand consultation hour", on_demand),
    ]
