"""Checking what an author enters in Studio and what a host sends as invitations."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from xblocks.common import forms
from xblocks.szpon_meeting import schedule

MAX_HOSTS = 20
MAX_INVITES = 50


@dataclass
class Cleaned:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def clean_settings(data: dict, t, *, now: datetime) -> Cleaned:
    """Field values ready to store, or a translated error per field that cannot be used."""
    out = Cleaned()
    values, errors = out.values, out.errors

    def read(key, reader, message):
        try:
            values[key] = reader()
        except forms.Invalid:
            errors[key] = message

    read(
        "display_name",
        lambda: forms.text(data, "display_name", max_length=200),
        t.gettext("Use at most 200 characters."),
    )
    read(
        "title",
        lambda: forms.text(data, "title", max_length=200),
        t.gettext("Use at most 200 characters."),
    )
    if "title" in values and not values["title"]:
        errors["title"] = t.gettext("Give the meeting a title.")
    kind = data.get("schedule")
    if kind in (schedule.SCHEDULED, schedule.ON_DEMAND):
        values["schedule"] = kind
    else:
        errors["schedule"] = t.gettext("Choose whether the meeting is scheduled or on demand.")
    read(
        "duration_minutes",
        lambda: forms.integer(data, "duration_minutes", low=5, high=480),
        t.gettext("Enter a whole number of minutes from 5 to 480."),
    )
    _clean_time(data, t, out, now)
    read(
        "completion_minutes",
        lambda: forms.integer(data, "completion_minutes", low=0, high=480),
        t.gettext("Enter a whole number of minutes from 0 to 480."),
    )
    duration = values.get("duration_minutes")
    if duration is not None and values.get("completion_minutes", 0) > duration:
        errors["completion_minutes"] = t.gettext(
            "This cannot be longer than the meeting itself (%(minutes)s minutes)."
        ) % {"minutes": duration}
    _clean_hosts(data, t, out)
    for key in ("lobby", "recording_allowed", "guest_access"):
        read(key, lambda key=key: forms.flag(data, key), t.gettext("Choose yes or no."))
    return out


def _clean_time(data: dict, t, out: Cleaned, now: datetime) -> None:
    values, errors = out.values, out.errors
    try:
        zone_name = forms.text(data, "time_zone", max_length=64)
        schedule.zone(zone_name)
        values["time_zone"] = zone_name
    except (forms.Invalid, schedule.BadTime):
        errors["time_zone"] = t.gettext("Choose a time zone from the list.")
        zone_name = None
    try:
        start = forms.text(data, "start", max_length=32)
    except forms.Invalid:
        errors["start"] = t.gettext("Enter the date and time as YYYY-MM-DD HH:MM.")
        return
    values["start"] = start
    if values.get("schedule") == schedule.ON_DEMAND and not start:
        return
    if not start:
        if values.get("schedule") == schedule.SCHEDULED:
            errors["start"] = t.gettext("A scheduled meeting needs a start date and time.")
        return
    if zone_name is None:
        return
    try:
        moment = schedule.aware_start(start.replace(" ", "T"), zone_name)
    except schedule.BadTime as exc:
        if exc.reason == "gap":
            errors["start"] = t.gettext(
                "This time does not exist in the chosen time zone (the clocks move forward). "
                "Choose another time."
            )
        else:
            errors["start"] = t.gettext("Enter the date and time as YYYY-MM-DD HH:MM.")
        return
    values["start"] = moment.strftime(schedule.LOCAL_FORMAT)
    duration = values.get("duration_minutes")
    scheduled = values.get("schedule") == schedule.SCHEDULED
    if scheduled and duration is not None and moment + timedelta(minutes=duration) <= now:
        errors["start"] = t.gettext(
            "With this start the meeting would already be over. Choose a later time."
        )


def _clean_hosts(data: dict, t, out: Cleaned) -> None:
    try:
        hosts = forms.unique(forms.items(data.get("hosts")))
    except forms.Invalid:
        out.errors["hosts"] = t.gettext("Enter usernames separated by commas.")
        return
    wrong = forms.bad_usernames(hosts)
    if wrong:
        out.errors["hosts"] = t.gettext("These are not valid usernames: %(items)s") % {
            "items": ", ".join(wrong[:5])
        }
    elif len(hosts) > MAX_HOSTS:
        out.errors["hosts"] = t.gettext("Name at most %(count)s hosts.") % {"count": MAX_HOSTS}
    else:
        out.values["hosts"] = hosts


def clean_invitation(data: dict, t) -> Cleaned:
    """Colleagues' usernames and outside e-mail addresses, at least one and at most 50."""
    out = Cleaned()
    for key, bad, message in (
        (
            "usernames",
            forms.bad_usernames,
            t.gettext("These are not valid usernames: %(items)s"),
        ),
        (
            "emails",
            forms.bad_emails,
            t.gettext("These are not valid e-mail addresses: %(items)s"),
        ),
    ):
        try:
            found = forms.unique(forms.items(data.get(key)))
        except forms.Invalid:
            out.errors[key] = t.gettext("Separate the entries with commas or new lines.")
            continue
        wrong = bad(found)
        if wrong:
            out.errors[key] = message % {"items": ", ".join(wrong[:5])}
        out.values[key] = found
    if out.errors:
        return out
    total = len(out.values["usernames"]) + len(out.values["emails"])
    if total == 0:
        out.errors["usernames"] = t.gettext("Enter at least one username or e-mail address.")
    elif total > MAX_INVITES:
        out.errors["emails"] = t.gettext("Invite at most %(count)s people at once.") % {
            "count": MAX_INVITES
        }
    return out
