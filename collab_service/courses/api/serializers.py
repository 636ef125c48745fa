"""What the LMS plugin and the browsers on course pages send and see."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collab_service.appointments.selectors import is_bookable
from collab_service.core.dates import REASONABLE
from collab_service.courses.models import KEY_LENGTH, CourseConsultation, CourseMeeting
from collab_service.courses.services.consultations import booking_page_url
from collab_service.courses.services.course_meetings import course_meeting_state
from collab_service.meetings.services.window import is_open_at

STATES = ["not_started", "upcoming", "live", "ended", "cancelled"]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
MAX_HOSTS = 50
MAX_INVITES = 100


def _key(**kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=KEY_LENGTH, **kwargs)


class BlockQuerySerializer(serializers.Serializer):
    block_id = _key(help_text="The block's usage key.")


class CourseQuerySerializer(serializers.Serializer):
    course_id = _key(help_text="The course key; must be the course the token comes from.")


class CourseMeetingSyncSerializer(serializers.Serializer):
    block_id = _key()
    course_id = _key()
    title = serializers.CharField(max_length=200)
    schedule = serializers.ChoiceField(choices=CourseMeeting.Schedule.choices)
    start = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Needed for scheduled meetings."
    )
    duration_minutes = serializers.IntegerField(min_value=5, max_value=720, default=60)
    hosts = serializers.ListField(
        child=serializers.CharField(max_length=150),
        required=False,
        default=list,
        max_length=MAX_HOSTS,
        help_text="LMS usernames who host (as moderators) besides the course staff.",
    )
    lobby = serializers.BooleanField(required=False, default=False)
    recording_allowed = serializers.BooleanField(required=False, default=False)
    guest_access = serializers.BooleanField(required=False, default=False)
    completion_minutes = serializers.IntegerField(
        min_value=0,
        max_value=720,
        required=False,
        default=0,
        help_text="Minutes in the room that count as attended (0: any presence).",
    )
    language = serializers.ChoiceField(
        choices=LANGUAGE_CODES,
        required=False,
        help_text="The room's language; Polish for a new meeting when left out, "
        "unchanged on an update.",
    )

    def validate(self, attrs: dict) -> dict:
        start = attrs.get("start")
        if attrs["schedule"] == CourseMeeting.Schedule.SCHEDULED and start is None:
            raise serializers.ValidationError({"start": _("A scheduled meeting needs a start.")})
        if start is not None and abs(start - timezone.now()) > REASONABLE:
            raise serializers.ValidationError({"start": _("Choose a time within ten years.")})
        return attrs


class CourseMeetingMeSerializer(serializers.Serializer):
    can_host = serializers.BooleanField()
    attended_minutes = serializers.IntegerField()
    completed = serializers.BooleanField()


def _absolute(name: str, *args) -> str:
    return settings.PUBLIC_URL + reverse(name, args=args)


class _CourseMeetingTimes(serializers.ModelSerializer):
    title = serializers.CharField(source="meeting.title")
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField(help_text="Public calendar file, no sign-in.")

    def _now(self) -> datetime:
        return self.context.get("now") or timezone.now()

    def _timeless(self, course_meeting: CourseMeeting) -> bool:
        return course_meeting_state(course_meeting, now=self._now()) == "not_started"

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_start(self, course_meeting: CourseMeeting) -> str | None:
        if self._timeless(course_meeting):
            return None
        return serializers.DateTimeField().to_representation(course_meeting.meeting.start)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_end(self, course_meeting: CourseMeeting) -> str | None:
        if self._timeless(course_meeting):
            return None
        return serializers.DateTimeField().to_representation(course_meeting.meeting.end)

    @extend_schema_field(serializers.ChoiceField(choices=STATES))
    def get_state(self, course_meeting: CourseMeeting) -> str:
        return course_meeting_state(course_meeting, now=self._now())

    def get_ics_url(self, course_meeting: CourseMeeting) -> str:
        return _absolute("api-public-course-meeting-ics", course_meeting.public_id)


class CourseMeetingSerializer(_CourseMeetingTimes):
    public_url = serializers.SerializerMethodField(
        help_text="The public endpoint of the meeting (schedule and guest join)."
    )
    me = serializers.SerializerMethodField(help_text="The caller's part.")

    class Meta:
        model = CourseMeeting
        fields = [
            "id",
            "block_id",
            "course_id",
            "public_id",
            "title",
            "schedule",
            "start",
            "end",
            "duration_minutes",
            "state",
            "hosts",
            "guest_access",
            "completion_minutes",
            "ics_url",
            "public_url",
            "me",
        ]

    def get_public_url(self, course_meeting: CourseMeeting) -> str:
        return _absolute("api-public-course-meeting", course_meeting.public_id)

    @extend_schema_field(CourseMeetingMeSerializer(allow_null=True))
    def get_me(self, course_meeting: CourseMeeting) -> dict | None:
        me = self.context.get("me", {}).get(course_meeting.pk)
        return CourseMeetingMeSerializer(me).data if me is not None else None


class PublicCourseMeetingSerializer(_CourseMeetingTimes):
    joinable = serializers.SerializerMethodField(help_text="Whether one can join right now.")

    class Meta:
        model = CourseMeeting
        fields = [
            "public_id",
            "title",
            "schedule",
            "start",
            "end",
            "state",
            "guest_access",
            "joinable",
            "ics_url",
        ]

    def get_joinable(self, course_meeting: CourseMeeting) -> bool:
        return not self._timeless(course_meeting) and is_open_at(
            course_meeting.meeting, self._now()
        )


class CourseTicketSerializer(serializers.Serializer):
    domain = serializers.CharField()
    script_url = serializers.URLField()
    room = serializers.CharField(help_text="The IFrame API's roomName.")
    token = serializers.CharField(help_text="The signed room token (JWT), for the caller only.")
    url = serializers.URLField(help_text="Opens the room without the embed.")
    display_name = serializers.CharField()
    moderator = serializers.BooleanField()
    expires_at = serializers.DateTimeField()


class CourseJoinSerializer(serializers.Serializer):
    ticket = CourseTicketSerializer()
    join_url = serializers.URLField(
        help_text="The service's join page for the caller: may be framed by the LMS, needs no "
        "sign-in and works for a limited time."
    )
    role = serializers.ChoiceField(choices=["moderator", "member"])


class CourseInviteSerializer(serializers.Serializer):
    emails = serializers.ListField(
        child=serializers.EmailField(max_length=254),
        required=False,
        default=list,
        max_length=MAX_INVITES,
    )
    usernames = serializers.ListField(
        child=serializers.CharField(max_length=150),
        required=False,
        default=list,
        max_length=MAX_INVITES,
        help_text="LMS usernames of people who have used the course's meetings before.",
    )

    def validate(self, attrs: dict) -> dict:
        if not attrs["emails"] and not attrs["usernames"]:
            raise serializers.ValidationError(_("Give at least one e-mail address or username."))
        return attrs


class CourseInvitedSerializer(serializers.Serializer):
    invited = serializers.IntegerField(help_text="Newly invited; those invited before are skipped.")


class GuestJoinSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, help_text="Shown to the others in the meeting.")


class GuestJoinAnswerSerializer(serializers.Serializer):
    join_url = serializers.URLField()


class ConsultationSyncSerializer(serializers.Serializer):
    block_id = _key()
    course_id = _key()
    title = serializers.CharField(max_length=200)
    case_type = serializers.IntegerField(min_value=1, max_value=2**62)


class ConsultationSerializer(serializers.ModelSerializer):
    case_type_name = serializers.CharField(source="case_type.name")
    bookable = serializers.SerializerMethodField()
    booking_url = serializers.SerializerMethodField(help_text="The citizens' booking page.")

    class Meta:
        model = CourseConsultation
        fields = [
            "block_id",
            "course_id",
            "title",
            "case_type",
            "case_type_name",
            "bookable",
            "booking_url",
        ]

    def get_bookable(self, consultation: CourseConsultation) -> bool:
        return is_bookable(consultation.case_type)

    def get_booking_url(self, consultation: CourseConsultation) -> str:
        return booking_page_url(consultation.case_type)
