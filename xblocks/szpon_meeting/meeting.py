"""The live meeting block: learners join a course meeting, hosts start it and invite people."""

from datetime import UTC, datetime

from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Integer, List, Scope, String
from xblock.utils.resources import ResourceLoader

from xblocks.common import service
from xblocks.common.actions import json_action
from xblocks.common.block import ServiceBlockMixin
from xblocks.common.errors import ActionError
from xblocks.common.i18n import gettext_noop as _
from xblocks.szpon_meeting import forms, pages, schedule


@XBlock.needs("i18n")
@XBlock.wants("user", "settings")
class LiveMeetingBlock(ServiceBlockMixin, CompletableXBlockMixin, XBlock):
    """A live meeting in a unit: scheduled or on demand, with hosts, guests and attendance."""

    package = "xblocks.szpon_meeting"
    loader = ResourceLoader(__name__)
    block_settings_key = "szpon_meeting"
    has_author_view = True
    has_custom_completion = True
    icon_class = "video"
    # The block's wording for the service's refusals (see common.service.friendly).
    refusals = {
        "meeting_not_started": _("The meeting has not started yet: a host starts it."),
        "meeting_not_open": _(
            "The meeting is not open yet. You can join shortly before it starts."
        ),
        "meeting_ended": _("This meeting has ended."),
        "meeting_cancelled": _("This meeting has been cancelled."),
        "no_institution": _(
            "No office in the meeting service runs this course's meetings yet. "
            "Ask the service's administrator to add the course's organisation."
        ),
        404: _("This meeting has not been set up yet. The course team saves it in Studio."),
        409: _("The meeting is not open right now. Check its time and try again."),
        403: _("Only the meeting's hosts and the course staff can do this."),
    }

    display_name = String(
        display_name=_("Display name"),
        help=_("The name of this component in the course outline."),
        default=_("Live meeting"),
        scope=Scope.settings,
    )
    title = String(
        display_name=_("Meeting title"),
        help=_("Shown on the unit, in invitations and in calendars."),
        default="",
        scope=Scope.settings,
    )
    schedule = String(
        display_name=_("Schedule"),
        help=_(
            "A scheduled meeting has a start time; an on-demand one opens when a host starts it."
        ),
        values=[
            {"display_name": _("Scheduled"), "value": schedule.SCHEDULED},
            {"display_name": _("On demand"), "value": schedule.ON_DEMAND},
        ],
        default=schedule.SCHEDULED,
        scope=Scope.settings,
    )
    start = String(
        display_name=_("Start"),
        help=_("Date and time in the time zone chosen below, for example 2026-12-03 10:00."),
        default="",
        scope=Scope.settings,
    )
    time_zone = String(
        display_name=_("Time zone"),
        help=_("The time zone of the start time. Learners see the time with this zone named."),
        default="Europe/Warsaw",
        scope=Scope.settings,
    )
    duration_minutes = Integer(
        display_name=_("Duration (minutes)"),
        help=_("How long the meeting lasts, from 5 to 480 minutes."),
        default=60,
        scope=Scope.settings,
    )
    hosts = List(
        display_name=_("Hosts"),
        help=_(
            "Usernames of people who host the meeting, separated by commas. "
            "The course staff always host."
        ),
        default=[],
        scope=Scope.settings,
    )
    lobby = Boolean(
        display_name=_("Lobby"),
        help=_("Participants wait in a lobby until a host lets them in."),
        default=True,
        scope=Scope.settings,
    )
    recording_allowed = Boolean(
        display_name=_("Recording allowed"),
        help=_("Hosts may record the meeting."),
        default=False,
        scope=Scope.settings,
    )
    guest_access = Boolean(
        display_name=_("Guests without an account"),
        help=_("Visitors who are not signed in may join as guests (for open webinars)."),
        default=False,
        scope=Scope.settings,
    )
    completion_minutes = Integer(
        display_name=_("Minutes for completion"),
        help=_(
            "A learner who attends at least this many minutes completes the unit "
            "(0: joining is enough)."
        ),
        default=30,
        scope=Scope.settings,
    )
    public_id = String(
        display_name=_("Public reference in the service"),
        help=_("Filled in when the meeting is saved to the service."),
        default="",
        scope=Scope.settings,
    )
    completed = Boolean(default=False, scope=Scope.user_state)

    # Views

    def student_view(self, context=None):
        viewer = self.viewer()
        if not viewer.authenticated:
            return self.public_view(context)
        t = self.translator()
        meeting, problem = self._meeting_for(viewer, t)
        return pages.student(self, t, viewer, meeting, problem)

    def author_view(self, context=None):
        return pages.author(self, self.translator())

    def public_view(self, context=None):
        t = self.translator()
        meeting = None
        if self.public_id:
            try:
                meeting = service.public_read(
                    f"meeting:{self.public_id}",
                    lambda client: client.public_course_meeting(self.public_id),
                )
            except service.errors():
                meeting = None
        return pages.public(self, t, meeting)

    def studio_view(self, context=None):
        return pages.studio(self, self.translator())

    # Handlers

    @json_action
    def join(self, data, t):
        viewer = self._signed_in(t)
        with self._client(viewer) as client:
            meeting = client.meeting_by_block(self.usage_key())
            joined = client.meeting_join(meeting.id)
        if viewer.course_role == "learner" and self._completion_minutes(meeting) == 0:
            self._complete()
        # The room token stays with the service's join page: the browser only needs its address.
        return {
            "join_url": joined.join_url,
            "role": joined.role,
            "message": t.gettext("The meeting is open below."),
        }

    @json_action
    def start_meeting(self, data, t):
        viewer = self._signed_in(t)
        with self._client(viewer) as client:
            meeting = client.meeting_by_block(self.usage_key())
            if not (meeting.me and meeting.me.can_host):
                raise ActionError(t.gettext(self.refusals[403]), "not_host", 403)
            meeting = client.meeting_start(meeting.id)
        return {"state": meeting.state, "message": t.gettext("The meeting has started.")}

    @json_action
    def invite(self, data, t):
        viewer = self._signed_in(t)
        cleaned = forms.clean_invitation(data, t)
        if cleaned.errors:
            raise ActionError(
                t.gettext("Correct the marked fields."), "invalid", 400, cleaned.errors
            )
        with self._client(viewer) as client:
            meeting = client.meeting_by_block(self.usage_key())
            count = client.meeting_invite(
                meeting.id, emails=cleaned.values["emails"], usernames=cleaned.values["usernames"]
            )
        message = t.ngettext("%(count)s invitation sent.", "%(count)s invitations sent.", count) % {
            "count": count
        }
        return {"invited": count, "message": message}

    @json_action
    def check_attendance(self, data, t):
        """Ask the service how long the learner attended; complete the unit once it is enough."""
        viewer = self._signed_in(t)
        if viewer.course_role != "learner":
            return {"completed": False, "attended_minutes": 0, "message": ""}
        with self._client(viewer) as client:
            meeting = client.meeting_by_block(self.usage_key())
        me = meeting.me
        attended = me.attended_minutes if me else 0
        # Joining is enough with 0 minutes for completion, but only someone who joined.
        enough = attended > 0 and attended >= self._completion_minutes(meeting)
        if me and (me.completed or enough):
            self._complete()
        message = (
            t.gettext("You attended this meeting: the unit is complete.") if self.completed else ""
        )
        return {"completed": self.completed, "attended_minutes": attended, "message": message}

    @json_action
    def studio_submit(self, data, t):
        viewer = self.staff_only(t)
        cleaned = forms.clean_settings(data, t, now=datetime.now(UTC))
        if cleaned.errors:
            raise ActionError(
                t.gettext("Correct the marked fields."), "invalid", 400, cleaned.errors
            )
        for name, value in cleaned.values.items():
            setattr(self, name, value)
        warnings = list(cleaned.warnings)
        synced = self._sync(viewer, warnings, t)
        return {"saved": True, "synced": synced, "warnings": warnings}

    # Helpers

    def effective_title(self) -> str:
        return self.title or self.display_name

    def sync_payload(self, t) -> dict:
        window = schedule.planned_window(self.start, self.time_zone, self.duration_minutes)
        scheduled = self.schedule == schedule.SCHEDULED
        return {
            "block_id": self.usage_key(),
            "course_id": self.course_key(),
            "title": self.effective_title(),
            "schedule": self.schedule,
            "start": window[0] if scheduled and window else None,
            "duration_minutes": self.duration_minutes,
            "hosts": list(self.hosts),
            "lobby": self.lobby,
            "recording_allowed": self.recording_allowed,
            "guest_access": self.guest_access,
            "completion_minutes": self.completion_minutes,
            # The language of invitations and the join page; the service speaks these two.
            "language": t.language if t.language in ("pl", "en") else "en",
        }

    def _sync(self, viewer, warnings: list, t) -> bool:
        """Save the meeting to the service (studio_submit only: it may write settings fields);
        a failure leaves a warning."""
        try:
            with self._client(viewer) as client:
                meeting = client.meeting_sync(**self.sync_payload(t))
        except service.errors() as exc:
            warnings.append(
                t.gettext("The settings are saved, but the meeting service did not take them: ")
                + service.friendly(exc, t, self.refusals).message
            )
            return False
        self.public_id = meeting.public_id
        return True

    def _meeting_for(self, viewer, t):
        """The service's view of the meeting for this viewer, or None and a message (for the
        page: one short attempt)."""
        try:
            with self._client(viewer, render=True) as client:
                try:
                    meeting = client.meeting_by_block(self.usage_key())
                except service.errors() as exc:
                    if not (service.refused(exc, 404) and viewer.course_staff):
                        raise
                    meeting = client.meeting_sync(**self.sync_payload(t))
        except service.errors() as exc:
            return None, service.friendly(exc, t, self.refusals).message
        return meeting, ""

    def _client(self, viewer, render: bool = False):
        return service.client(
            viewer, course_id=self.course_key(), course_role=viewer.course_role, render=render
        )

    def _signed_in(self, t):
        viewer = self.viewer()
        if not viewer.authenticated:
            raise ActionError(t.gettext("Sign in to take part in the meeting."), "anonymous", 403)
        return viewer

    def _completion_minutes(self, meeting) -> int:
        return meeting.completion_minutes if meeting.completion_minutes else self.completion_minutes

    def _complete(self) -> None:
        if not self.completed:
            self.emit_completion(1.0)
            self.completed = True

    @staticmethod
    def workbench_scenarios():
        from xblocks.szpon_meeting.scenarios import scenarios

        return scenarios()
