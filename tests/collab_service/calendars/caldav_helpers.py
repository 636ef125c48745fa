"""The official's own calendar application, played by the ``caldav`` library against Radicale."""

from datetime import datetime

import caldav

from collab_service.calendars.crypto import secret_encrypt
from collab_service.calendars.models import CalendarConnection

PRODID = "-//Official's calendar app//EN"


def official_app(server, username: str) -> caldav.DAVClient:
    return caldav.DAVClient(url=server.url, username=username, password="app-password")


def make_calendar(server, username: str, cal_id: str = "work", components=("VEVENT",)):
    principal = official_app(server, username).principal()
    return principal.make_calendar(
        name=cal_id.title(), cal_id=cal_id, supported_calendar_component_set=list(components)
    )


def vevent(uid: str, start: datetime, end: datetime | None, *extra: str, all_day=False) -> str:
    if all_day:
        span = [f"DTSTART;VALUE=DATE:{start:%Y%m%d}"]
        if end is not None:
            span.append(f"DTEND;VALUE=DATE:{end:%Y%m%d}")
    else:
        span = [f"DTSTART:{start:%Y%m%dT%H%M%SZ}"]
        if end is not None:
            span.append(f"DTEND:{end:%Y%m%dT%H%M%SZ}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20260101T000000Z",
        *span,
        "SUMMARY:Busy",
        *extra,
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines)


def connect(user, server, username: str, *, busy=(), events_url="", tasks_url=""):
    return CalendarConnection.objects.create(
        user=user,
        server_url=server.url,
        username=username,
        secret_encrypted=secret_encrypt("app-password"),
        busy_calendar_urls=[str(url) for url in busy],
        events_calendar_url=str(events_url),
        tasks_calendar_url=str(tasks_url),
    )
