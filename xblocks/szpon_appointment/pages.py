"""What each view of the appointment block shows."""

from datetime import datetime

from edx_plugins.szpon.config import public_url as service_public_url
from xblocks.common.text import dom_id

CANCELLABLE = {"held", "confirmed"}


def when(t, moment: datetime | None) -> str:
    if moment is None:
        return ""
    return t.date(moment, "l, j E Y, H:i" if t.language == "pl" else "l, j F Y, H:i")


def _day(t, moment: datetime) -> str:
    return t.date(moment, "l, j E Y" if t.language == "pl" else "l, j F Y")


def days_of(t, slots) -> list[dict]:
    """Free times grouped by day (in the office's time, as the service gives them); one entry
    per start time however many officials are free then."""
    days: dict = {}
    for slot in slots:
        if slot.start is None:
            continue
        entry = days.setdefault(slot.start.date(), {"label": _day(t, slot.start), "times": {}})
        entry["times"].setdefault(
            slot.start.isoformat(),
            {
                "start": slot.start.isoformat(),
                "time": slot.start.strftime("%H:%M"),
                "label": t.gettext("Book %(time)s on %(day)s")
                % {"time": slot.start.strftime("%H:%M"), "day": entry["label"]},
            },
        )
    return [
        {"date": day.isoformat(), "label": entry["label"], "times": list(entry["times"].values())}
        for day, entry in sorted(days.items())
    ]


def _labels(t) -> dict:
    return {
        "instructions": t.gettext("Before you book"),
        "bookings": t.gettext("Your bookings"),
        "free": t.gettext("Free times"),
        "none_free": t.gettext("There are no free times in the coming days. Check again later."),
        "code": t.gettext("Reference code:"),
        "where": t.gettext("Where:"),
        "join": t.gettext("Join the video consultation"),
        "manage": t.gettext("Details and changes"),
        "cancel": t.gettext("Cancel"),
        "video": t.gettext("Video call"),
    }


def panel(block, t, bookings, slots, problem: str) -> str:
    """Bookings and free times: rendered with the page and again after each booking."""
    mine = [
        {
            "id": booking.id,
            "when": when(t, booking.start),
            "code": booking.reference_code,
            "where": booking.location or (_labels(t)["video"] if booking.mode == "video" else ""),
            "join_url": booking.join_url,
            "manage_url": booking.manage_url,
            "can_cancel": booking.status in CANCELLABLE,
            "cancel_label": t.gettext("Cancel the booking of %(when)s")
            % {"when": when(t, booking.start)},
        }
        for booking in bookings
    ]
    return block.loader.render_django_template(
        "templates/panel.html",
        {
            "uid": dom_id(block.usage_key()),
            "labels": _labels(t),
            "problem": problem,
            "bookings": mine,
            "days": days_of(t, slots) if not problem else [],
            "configured": bool(block.case_type) and not problem,
        },
    )


def _common(block, t) -> dict:
    return {
        "uid": dom_id(block.usage_key()),
        "title": block.effective_title(),
        "instructions": block.instructions,
        "labels": _labels(t),
    }


def _strings(t) -> dict:
    return {
        "working": t.gettext("Please wait…"),
        "failed": t.gettext(
            "Something went wrong. Reload the page and try again; if it keeps happening, "
            "tell the course team."
        ),
        "saved": t.gettext("Saved."),
        "invalid": t.gettext("Correct the marked fields."),
    }


def student(block, t, panel_html: str):
    ctx = _common(block, t)
    ctx["panel"] = panel_html
    return block.fragment(
        "templates/student.html",
        ctx,
        js="static/js/appointment.js",
        init="SzponAppointment",
        args={"strings": _strings(t)},
    )


def author(block, t):
    ctx = _common(block, t)
    ctx.update(
        rows=[
            (t.gettext("Case type number"), str(block.case_type or t.gettext("not set"))),
            (t.gettext("Days to show"), str(block.days)),
        ],
        preview_note=t.gettext(
            "Preview: learners see their bookings and the free times of the coming days, "
            "and book with one click."
        ),
        synced=t.gettext("Saved to the consultations service.")
        if block.case_type and block.synced_case_type == block.case_type
        else t.gettext("Not saved to the consultations service yet: save the settings."),
    )
    return block.fragment(
        "templates/author.html", ctx, js="static/js/appointment.js", init="SzponNoop", args={}
    )


def public(block, t, slots, problem: str):
    ctx = _common(block, t)
    base = service_public_url()
    page = f"{base}/visits/book/{block.case_type}/" if base and block.case_type else ""
    days = days_of(t, slots) if not problem else []
    for day in days:
        day["url"] = f"{page}?day={day['date']}" if page else ""
        day["link"] = t.gettext("Book a visit on %(day)s") % {"day": day["label"]}
        day["list"] = ", ".join(time["time"] for time in day["times"])
    ctx.update(
        problem=problem,
        days=days,
        page=page,
        configured=bool(block.case_type),
        texts={
            "intro": t.gettext(
                "You can book a visit without an account: the office's booking page opens "
                "in a new tab and asks for your name and e-mail address."
            ),
            "new_tab": t.gettext("(opens in a new tab)"),
            "book": t.gettext("Book a visit on the office's page"),
            "times": t.gettext("Free times:"),
            "not_set": t.gettext("This consultation is not set up yet."),
            "sign_in": t.gettext("Learners of the course sign in to book here."),
        },
    )
    return block.fragment(
        "templates/public.html", ctx, js="static/js/appointment.js", init="SzponNoop", args={}
    )


def studio(block, t):
    def field(name: str, kind: str, **extra) -> dict:
        spec = block.fields[name]
        return {
            "name": name,
            "id": f"{dom_id(block.usage_key())}-{name}",
            "kind": kind,
            "label": t.gettext(spec.display_name),
            "help": t.gettext(spec.help) if spec.help else "",
            "value": extra.pop("value", getattr(block, name)),
            "required": extra.pop("required", False),
            "choices": [],
            "low": extra.pop("low", None),
            "high": extra.pop("high", None),
        }

    fields = [
        field("title", "text", value=block.title or block.display_name, required=True),
        field("display_name", "text"),
        field("case_type", "number", low=1, required=True, value=block.case_type or ""),
        field("instructions", "textarea"),
        field("days", "number", low=1, high=31),
    ]
    return block.studio_fragment(fields, t, {"strings": _strings(t)})
