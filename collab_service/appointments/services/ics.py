"""iCalendar invitations for bookings (iTIP over e-mail: RFC 5546 / RFC 6047)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vCalAddress, vText, vUri

from collab_service.appointments.models import Booking

PRODID = "-//SZPoN//Appointments//PL"


def booking_uid(booking: Booking) -> str:
    return f"booking-{booking.pk}@szpon"


def booking_ics(booking: Booking, *, method: str = "REQUEST", join_url: str = "") -> str:
    """One VEVENT with a stable UID; SEQUENCE grows with every change, CANCEL withdraws it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", booking.start)
    event.add("dtend", booking.end)
    event.add("summary", f"{booking.case_type.name}, {booking.institution.name}")
    event.add("description", f"{booking.reference_code}\n{join_url}".strip())
    if join_url:
        event.add("url", vUri(join_url))
        event.add(
            "conference",
            vUri(join_url),
            parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Jitsi"},
        )
    if booking.location is not None:
        where = ", ".join(
            part
            for part in (
                booking.location.name,
                booking.location.room,
                booking.location.street_address,
                booking.location.city,
            )
            if part
        )
        event.add("location", vText(where))
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organizer.params["cn"] = vText(booking.institution.name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{booking.citizen_email}")
    attendee.params["cn"] = vText(booking.citizen_name)
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if method == "REQUEST":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", timedelta(hours=-1))
        event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical().decode()
