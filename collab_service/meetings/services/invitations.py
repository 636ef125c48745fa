"""Invitations: a personal signed link per invitee and an iTIP invitation (RFC 5546 / 7986)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText, vUri

from collab_service.meetings.errors import JoinRefused
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.window import join_window
from collab_service.notifications.services import email_enqueue

PRODID = "-//SZPoN//Meetings//PL"
_SALT = "meetings.join"


def personal_token(participant: Participant) -> str:
    return signing.dumps({"p": str(participant.pk), "v": participant.link_version}, salt=_SALT)


def personal_link(participant: Participant) -> str:
    path = reverse("meetings:personal_join", args=[personal_token(participant)])
    return settings.PUBLIC_URL + path


def participant_from_token(token: str) -> Participant:
    """The invitee a personal link belongs to; revoked and superseded links are refused."""
    invalid = JoinRefused(_("This meeting link is not valid."), reason="invalid")
    try:
        payload = signing.loads(token, salt=_SALT)
        participant = Participant.objects.select_related(
            "meeting__institution", "meeting__organiser", "user"
        ).get(pk=payload["p"])
    except (signing.BadSignature, Participant.DoesNotExist, KeyError, TypeError, ValueError):
        raise invalid from None
    if participant.revoked_at is not None or payload.get("v") != participant.link_version:
        raise JoinRefused(_("This meeting link has been withdrawn."), reason="revoked")
    return participant


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@szpon"


def _address(email: str) -> str:
    return f"mailto:{email}"


def meeting_ics(meeting: Meeting, *, participant: Participant, method: str = "REQUEST") -> str:
    """The invitation one invitee receives: their personal link as URL and CONFERENCE.

    Only the organiser and the invitee appear, so guests never see each other's addresses.
    """
    link = personal_link(participant)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("summary", meeting.title)
    event.add("description", f"{meeting.description}\n\n{link}".strip())
    event.add("url", vUri(link))
    event.add(
        "conference",
        vUri(link),
        parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": _("Join the meeting")},
    )
    organiser = meeting.organiser
    organizer = vCalAddress(_address(organiser.email or _from_address()))
    organizer.params["cn"] = vText(organiser.display_name)
    event.add("organizer", organizer)
    if participant.email and participant.user_id != organiser.pk:
        attendee = vCalAddress(_address(participant.email))
        attendee.params["cn"] = vText(participant.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _from_address() -> str:
    return settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">")


def _context(meeting: Meeting, participant: Participant) -> dict:
    tz = ZoneInfo(meeting.institution.time_zone)
    opens, _closes = join_window(meeting)
    return {
        "meeting": meeting,
        "participant": participant,
        "link": personal_link(participant),
        "start": timezone.localtime(meeting.start, tz),
        "end": timezone.localtime(meeting.end, tz),
        "opens": timezone.localtime(opens, tz),
        "time_zone": meeting.institution.time_zone,
    }


def invitation_send(*, participant: Participant, kind: str = "invite") -> None:
    """E-mail one invitee: ``invite`` and ``update`` carry a REQUEST, ``cancel`` a CANCEL.

    Keyed by participant and the meeting's SEQUENCE, so a retried change sends one e-mail.
    """
    if not participant.email:
        return
    meeting = participant.meeting
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    with translation.override(participant.language):
        subjects = {
            "invite": _("Invitation: %(title)s"),
            "update": _("Changed: %(title)s"),
            "cancel": _("Cancelled: %(title)s"),
        }
        subject = subjects[kind] % {"title": meeting.title}
        body = render_to_string(f"meetings/email/{kind}.txt", _context(meeting, participant))
        ics = meeting_ics(meeting, participant=participant, method=method)
    email_enqueue(
        idempotency_key=(
            f"meeting-{kind}:{meeting.pk}:{participant.pk}:{meeting.sequence}"
            f":{participant.link_version}"
        ),
        to=[participant.email],
        subject=subject,
        body_text=body,
        ics=ics,
        ics_method=method,
    )
