"""Hosts invite people to a course meeting from the course: by e-mail or by LMS username.

Everyone gets the meetings app's invitation (a personal link and a calendar invitation).
"""

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.courses.errors import CourseError, MeetingNotOpen
from collab_service.courses.models import CourseMeeting
from collab_service.courses.services.course_meetings import course_meeting_state, hosts_clean
from collab_service.institutions.models import Membership
from collab_service.meetings.services.meetings import Guest, participants_invite


def _people(usernames: Sequence[str]) -> list[User]:
    """The service's users for LMS usernames; names it has never seen are refused."""
    wanted = hosts_clean(usernames)
    people = list(User.objects.filter(lms_user_id__isnull=False, username__in=wanted))
    unknown = sorted(set(wanted) - {person.username for person in people})
    if unknown:
        raise CourseError(
            _(
                "These people have not used the meetings yet, so they cannot be invited by "
                "username: %(names)s. Invite them by e-mail."
            )
            % {"names": ", ".join(unknown)}
        )
    return people


def course_meeting_invite(
    *,
    course_meeting: CourseMeeting,
    emails: Sequence[str] = (),
    usernames: Sequence[str] = (),
    language: str = "pl",
) -> int:
    """Invite people; returns how many were newly invited (those already invited are skipped).

    People of the meeting's institution are invited as colleagues, everyone else by e-mail
    as a guest.
    """
    if course_meeting_state(course_meeting, now=timezone.now()) == "not_started":
        raise MeetingNotOpen(
            _("Start the meeting first, then invite people to it."), code="meeting_not_started"
        )
    meeting = course_meeting.meeting
    people = _people(usernames)
    members = set(
        Membership.objects.filter(institution=meeting.institution, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    colleagues = [person for person in people if person.pk in members]
    outsiders = [person for person in people if person.pk not in members]
    without_email = [person.username for person in outsiders if not person.email]
    if without_email:
        raise CourseError(
            _("These people have no verified e-mail address to invite them at: %(names)s")
            % {"names": ", ".join(without_email)}
        )
    guests = [Guest(name=person.display_name, email=person.email) for person in outsiders]
    guests += [Guest(name="", email=email) for email in emails]
    added = participants_invite(
        meeting=meeting, colleagues=colleagues, guests=guests, language=language
    )
    return len(added)
