"""Learners book a consultation from its block: the citizen flow's booking, confirmed at once
because the LMS vouches for the learner's e-mail address, and tied to their account."""

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.appointments.errors import SlotUnavailable
from collab_service.appointments.models import Booking
from collab_service.appointments.selectors import is_bookable
from collab_service.appointments.services.abuse import DAY, TooManyAttempts
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.case_type_plan import case_type_plan
from collab_service.appointments.services.confirmation import booking_confirm
from collab_service.appointments.services.manage import booking_cancel
from collab_service.appointments.services.questions import answers_validate
from collab_service.core.ratelimit import rate_limit_exceeded
from collab_service.courses.errors import CourseError, SlotTaken, WrongCourse
from collab_service.courses.models import CourseConsultation, LearnerBooking

UPCOMING = (Booking.Status.HELD, Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN)


class ConsultationUnknown(CourseError):
    status_code = 404
    code = "not_found"


def learner_booking_create(
    *,
    user: User,
    email: str,
    course_id: str,
    block_id: str,
    case_type_id: int,
    start: datetime,
    mode: str | None = None,
    answers: dict | None = None,
    language: str = "pl",
) -> Booking:
    """Book the slot at ``start`` for the learner and confirm it (the confirmation e-mail with
    its calendar invitation goes out as for citizens).

    Raises ConsultationUnknown, WrongCourse, CourseError, SlotTaken, SlotInvalid or
    TooManyAttempts (the citizens' daily limit per e-mail address).
    """
    consultation = (
        CourseConsultation.objects.filter(block_id=block_id).select_related("case_type").first()
    )
    if consultation is None:
        raise ConsultationUnknown(_("This consultation block has not been set up yet."))
    if consultation.course_id != course_id:
        raise WrongCourse(_("This consultation belongs to another course."))
    if consultation.case_type_id != case_type_id:
        raise CourseError(_("This consultation is for another case type."))
    case_type = case_type_plan(case_type_id).case_type
    if case_type is None or not is_bookable(case_type):
        raise CourseError(_("This matter cannot be booked at the moment."))
    checked = answers_validate(questions=case_type.form_fields, answers=answers or {})
    if rate_limit_exceeded(
        scope="booking-email",
        key=email,
        limit=settings.BOOKING_LIMIT_PER_EMAIL_DAY,
        window_seconds=DAY,
    ):
        raise TooManyAttempts(_("Too many booking attempts. Please try again later."))
    try:
        with transaction.atomic():
            booking, _created = booking_hold(
                case_type=case_type,
                start=start,
                mode=mode,
                citizen_name=user.display_name,
                citizen_email=email,
                answers=checked,
                language=language,
            )
            booking = booking_confirm(booking=booking)
            LearnerBooking.objects.create(
                booking=booking, user=user, course_id=course_id, block_id=block_id
            )
    except SlotUnavailable as taken:
        raise SlotTaken(str(taken)) from None
    return booking


def learner_bookings(
    *, user: User, case_type_id: int | None = None, now: datetime | None = None
) -> QuerySet[Booking]:
    """The learner's bookings that have not ended, soonest first."""
    now = now or timezone.now()
    bookings = Booking.objects.filter(
        learner__user=user, status__in=UPCOMING, end__gt=now
    ).select_related("case_type", "institution", "location", "learner")
    if case_type_id is not None:
        bookings = bookings.filter(case_type_id=case_type_id)
    return bookings.order_by("start", "pk")


def learner_booking_cancel(*, user: User, booking_id: UUID, reason: str = "") -> Booking | None:
    """Cancel the learner's own booking as a citizen would (None: no such booking of theirs)."""
    link = LearnerBooking.objects.filter(booking_id=booking_id, user=user).first()
    if link is None:
        return None
    return booking_cancel(booking=link.booking, reason=reason)
