"""What each view of the live meeting block shows, built from the block and the service's answer."""

from datetime import UTC, datetime

from edx_plugins.szpon.config import public_url as service_public_url
from xblocks.common.text import dom_id, time_range
from xblocks.szpon_meeting import schedule


def _states(t) -> dict:
    return {
        "not_started": t.gettext("Not started yet"),
        "upcoming": t.gettext("Upcoming"),
        "live": t.gettext("Live now"),
        "ended": t.gettext("Ended"),
        "cancelled": t.gettext("Cancelled"),
    }


def _when(block, t, meeting) -> str:
    """The meeting's time in the block's zone, with the zone named."""
    try:
        zone = schedule.zone(block.time_zone)
    except schedule.BadTime:
        zone = UTC
    start = meeting.start if meeting is not None else None
    end = meeting.end if meeting is not None else None
    if start is None and block.schedule == schedule.SCHEDULED:
        window = schedule.planned_window(block.start, block.time_zone, block.duration_minutes)
        start, end = window if window else (None, None)
    if start is None and block.schedule == schedule.SCHEDULED:
        return t.gettext("Scheduled: the time is not set yet.")
    if start is None:
        return t.gettext(
            "On demand: the meeting opens when a host starts it and lasts %(minutes)s minutes."
        ) % {"minutes": block.duration_minutes}
    return t.gettext("%(when)s (time zone: %(zone)s)") % {
        "when": time_range(t, start, end, zone),
        "zone": block.time_zone,
    }


def _common(block, t) -> dict:
    uid = dom_id(block.usage_key())
    return {
        "uid": uid,
        "title": block.effective_title(),
        "labels": {
            "ics": t.gettext("Add to your calendar (.ics)"),
            "join": t.gettext("Join the meeting"),
            "start": t.gettext("Start the meeting"),
            "room": t.gettext("Meeting room"),
            "leave": t.gettext("Leave the meeting"),
            "new_tab": t.gettext("Open the meeting in a new tab"),
            "state": t.gettext("Status:"),
            "when": t.gettext("When:"),
        },
    }


def _js_strings(t, title: str) -> dict:
    return {
        "working": t.gettext("Please wait…"),
        "failed": t.gettext(
            "Something went wrong. Reload the page and try again; if it keeps happening, "
            "tell the course team."
        ),
        "frame_title": t.gettext("Live meeting: %(title)s") % {"title": title},
        "left": t.gettext("You left the meeting."),
    }


def student(block, t, viewer, meeting, problem: str):
    ctx = _common(block, t)
    state = meeting.state if meeting is not None else ""
    me = meeting.me if meeting is not None else None
    can_host = bool(me and me.can_host) or viewer.course_staff
    open_states = {"upcoming", "live", "not_started"}
    ctx.update(
        state=state,
        state_label=_states(t).get(state, ""),
        when=_when(block, t, meeting),
        ics_url=meeting.ics_url if meeting is not None else "",
        problem=problem,
        can_join=meeting is not None and state in open_states,
        can_start=meeting is not None
        and can_host
        and block.schedule == schedule.ON_DEMAND
        and state not in {"live", "cancelled"},
        can_host=meeting is not None and can_host,
        completion=_completion_text(block, t, viewer),
        invite=_invite_labels(t),
    )
    args = {
        "strings": _js_strings(t, block.effective_title()),
        "learner": viewer.course_role == "learner",
        "completed": block.completed,
        "check_attendance": viewer.course_role == "learner"
        and not block.completed
        and state in {"live", "ended"},
    }
    return block.fragment(
        "templates/student.html", ctx, js="static/js/meeting.js", init="SzponLiveMeeting", args=args
    )


def _completion_text(block, t, viewer) -> str:
    if viewer.course_role != "learner":
        return ""
    if block.completed:
        return t.gettext("You attended this meeting: the unit is complete.")
    if block.completion_minutes == 0:
        return t.gettext("Joining the meeting completes this unit.")
    return t.ngettext(
        "Attend at least %(count)s minute to complete this unit.",
        "Attend at least %(count)s minutes to complete this unit.",
        block.completion_minutes,
    ) % {"count": block.completion_minutes}


def _invite_labels(t) -> dict:
    return {
        "heading": t.gettext("Invite people"),
        "intro": t.gettext(
            "Colleagues with an account get the invitation by username; anyone else by e-mail."
        ),
        "usernames": t.gettext("Colleagues' usernames"),
        "emails": t.gettext("E-mail addresses"),
        "separate": t.gettext("Separate them with commas or new lines."),
        "send": t.gettext("Send invitations"),
    }


def author(block, t):
    ctx = _common(block, t)
    yes, no = t.gettext("yes"), t.gettext("no")
    kinds = {schedule.SCHEDULED: t.gettext("Scheduled"), schedule.ON_DEMAND: t.gettext("On demand")}
    ctx.update(
        when=_when(block, t, None),
        rows=[
            (t.gettext("Schedule"), kinds.get(block.schedule, block.schedule)),
            (t.gettext("Hosts"), ", ".join(block.hosts) or t.gettext("course staff only")),
            (t.gettext("Lobby"), yes if block.lobby else no),
            (t.gettext("Recording allowed"), yes if block.recording_allowed else no),
            (t.gettext("Guests without an account"), yes if block.guest_access else no),
            (t.gettext("Minutes for completion"), str(block.completion_minutes)),
        ],
        synced=t.gettext("Saved to the meeting service.")
        if block.public_id
        else t.gettext("Not saved to the meeting service yet: save the settings to create it."),
        preview_note=t.gettext(
            "Preview: learners see the meeting's status, the calendar link and the Join button."
        ),
    )
    return block.fragment(
        "templates/author.html", ctx, js="static/js/meeting.js", init="SzponNoop", args={}
    )


def public(block, t, meeting):
    ctx = _common(block, t)
    window = schedule.planned_window(block.start, block.time_zone, block.duration_minutes)
    if meeting is not None:
        state = meeting.state
    elif block.schedule == schedule.SCHEDULED:
        state = schedule.planned_state(window, datetime.now(UTC))
    else:
        state = ""
    service_url = service_public_url()
    guests = bool(block.guest_access and block.public_id and service_url)
    ctx.update(
        state=state,
        state_label=_states(t).get(state, ""),
        when=_when(block, t, meeting),
        ics_url=meeting.ics_url if meeting is not None else "",
        guests=guests,
        sign_in=t.gettext("Sign in to the course to take part in this meeting."),
        guest={
            "heading": t.gettext("Join as a guest"),
            "name": t.gettext("Your name"),
            "name_help": t.gettext("Other participants will see this name."),
            "submit": t.gettext("Join as a guest"),
        },
    )
    strings = _js_strings(t, block.effective_title())
    strings.update(
        name_missing=t.gettext("Enter your name (at most 200 characters)."),
        refused=t.gettext("Guests cannot join this meeting."),
        not_open=t.gettext("The meeting is not open right now. Check its time and try again."),
        busy=t.gettext("Too many attempts. Wait a minute and try again."),
        unavailable=t.gettext(
            "The meetings and consultations service is not available right now. "
            "Try again in a few minutes."
        ),
    )
    args = {
        "strings": strings,
        "guest_join_url": (
            f"{service_url}/api/v1/public/course-meetings/{block.public_id}/guest-join/"
            if guests
            else ""
        ),
        "language": t.language,
    }
    return block.fragment(
        "templates/public.html",
        ctx,
        js="static/js/meeting.js",
        init="SzponMeetingPublic",
        args=args,
    )


def studio(block, t):
    kinds = [
        (schedule.SCHEDULED, t.gettext("Scheduled")),
        (schedule.ON_DEMAND, t.gettext("On demand")),
    ]
    fields = [
        _field(block, t, "title", "text", value=block.title or block.display_name, required=True),
        _field(block, t, "display_name", "text"),
        _field(block, t, "schedule", "select", choices=kinds),
        _field(block, t, "start", "datetime-local", value=block.start),
        _field(
            block,
            t,
            "time_zone",
            "select",
            choices=[(name, name) for name in schedule.zone_choices(block.time_zone)],
        ),
        _field(block, t, "duration_minutes", "number", low=5, high=480),
        _field(block, t, "hosts", "text", value=", ".join(block.hosts)),
        _field(block, t, "lobby", "checkbox"),
        _field(block, t, "recording_allowed", "checkbox"),
        _field(block, t, "guest_access", "checkbox"),
        _field(block, t, "completion_minutes", "number", low=0, high=480),
    ]
    args = {"strings": _js_strings(t, block.effective_title()) | _studio_strings(t)}
    return block.studio_fragment(fields, t, args)


def _studio_strings(t) -> dict:
    return {
        "saved": t.gettext("Saved."),
        "invalid": t.gettext("Correct the marked fields."),
    }


def _field(
    block, t, name: str, kind: str, *, value=None, required=False, choices=(), low=None, high=None
) -> dict:
    spec = block.fields[name]
    return {
        "name": name,
        "id": f"{dom_id(block.usage_key())}-{name}",
        "kind": kind,
        "label": t.gettext(spec.display_name),
        "help": t.gettext(spec.help) if spec.help else "",
        "value": getattr(block, name) if value is None else value,
        "required": required,
        "choices": list(choices),
        "low": low,
        "high": high,
    }
