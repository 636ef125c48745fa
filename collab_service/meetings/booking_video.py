"""Video visits get their meeting here (the appointments' video seam, see
``appointments.services.video``): the official as organiser, the citizen as guest.

The meeting follows its booking: moved with it, handed to the colleague who took it over,
cancelled with it. The citizen's link travels in the booking's own e-mails and manage page, so
the meeting sends no invitations of its own.
"""

from django.db import IntegrityError, transaction

from collab_service.appointments.models import Booking
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.invitations import personal_link
from collab_service.meetings.services.meetings import meeting_create

Role = Participant.Role
_ENDED = (Booking.Status.CANCELLED, Booking.Status.EXPIRED)


def booking_source(booking: Booking) -> str:
    return f"booking:{booking.pk}"


def booking_meeting(booking: Booking) -> Meeting | None:
    return Meeting.objects.filter(source=booking_source(booking)).first()


class BookingMeetings:
    def meeting_for_booking(self, booking: Booking) -> str:
        """Create or bring up to date the meeting of a video booking; the citizen's join link
        ("" for a visit called off before it had a meeting)."""
        meeting = booking_meeting(booking)
        if meeting is None and booking.status in _ENDED:
            return ""  # called off before it was confirmed: no call to make or cancel
        if meeting is None:
            try:
                with transaction.atomic():
                    meeting = _create(booking)
            except IntegrityError:  # made by a concurrent call a moment ago
                meeting = booking_meeting(booking)
        else:
            _follow(meeting, booking)
        citizen = meeting.participants.get(role=Role.GUEST)
        return personal_link(citizen)


def _create(booking: Booking) -> Meeting:
    official = booking.agenda.official
    meeting = meeting_create(
        organiser=official,
        institution=booking.institution,
        title=f"{booking.case_type.name_pl} – {booking.reference_code}",
        start=booking.start,
        end=booking.end,
        language=booking.language,
        source=booking_source(booking),
        now=min(booking.start, booking.created_at),
    )
    Participant.objects.create(
        meeting=meeting,
        name=booking.citizen_name,
        email=booking.citizen_email,
        role=Role.GUEST,
        language=booking.language,
    )
    _follow(meeting, booking)
    return meeting


def _follow(meeting: Meeting, booking: Booking) -> None:
    """Carry the booking's time, official and status over to its meeting."""
    changed = []
    if (meeting.start, meeting.end) != (booking.start, booking.end):
        meeting.start, meeting.end = booking.start, booking.end
        changed += ["start", "end"]
    if meeting.organiser_id != booking.agenda.official_id:
        meeting.organiser_id = booking.agenda.official_id
        meeting.participants.filter(role=Role.ORGANISER).update(
            user_id=booking.agenda.official_id,
            name=booking.agenda.official.display_name,
            email=booking.agenda.official.email,
        )
        changed.append("organiser")
    if booking.status in _ENDED and meeting.status != Meeting.Status.CANCELLED:
        meeting.status = Meeting.Status.CANCELLED
        changed.append("status")
    if changed:
        meeting.sequence = booking.sequence
        meeting.save(update_fields=[*changed, "sequence", "updated_at"])
