"""What officials (and the LMS on their behalf) send and see at the meetings API."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from collab_service.core.dates import REASONABLE
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.meetings import MAX_DURATION

_ID = {"min_value": 1, "max_value": 2**62}
MAX_PEOPLE = 200


class ParticipantSerializer(serializers.ModelSerializer):
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["id", "name", "email", "role", "invited_at", "withdrawn"]

    def get_withdrawn(self, participant: Participant) -> bool:
        return participant.revoked_at is not None

    def to_representation(self, participant: Participant) -> dict:
        data = super().to_representation(participant)
        if not self.context.get("can_manage"):
            data.pop("email")
        return data


class MeetingSerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.display_name")
    participants = serializers.SerializerMethodField()
    my_role = serializers.SerializerMethodField(help_text="The caller's role; null if not invited.")

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "description",
            "institution",
            "unit",
            "organiser",
            "start",
            "end",
            "status",
            "lobby_enabled",
            "recording_allowed",
            "sequence",
            "my_role",
            "participants",
        ]

    def _me(self, meeting: Meeting) -> Participant | None:
        user = self.context["request"].user
        return next(
            (p for p in meeting.participants.all() if p.user_id == user.pk and not p.revoked_at),
            None,
        )

    def get_my_role(self, meeting: Meeting) -> str | None:
        me = self._me(meeting)
        return me.role if me else None

    def get_participants(self, meeting: Meeting) -> list[dict]:
        me = self._me(meeting)
        context = {"can_manage": me is not None and me.is_moderator}
        people = sorted(meeting.participants.all(), key=lambda p: (p.role != "organiser", p.name))
        return ParticipantSerializer(people, many=True, context=context).data


class GuestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    email = serializers.EmailField(max_length=254)


class InviteSerializer(serializers.Serializer):
    colleagues = serializers.ListField(
        child=serializers.IntegerField(**_ID),
        required=False,
        default=list,
        max_length=MAX_PEOPLE,
        help_text="User ids of colleagues in the meeting's institution.",
    )
    co_organisers = serializers.ListField(
        child=serializers.IntegerField(**_ID), required=False, default=list, max_length=MAX_PEOPLE
    )
    guests = GuestSerializer(many=True, required=False, default=list, max_length=MAX_PEOPLE)


class MeetingCreateSerializer(InviteSerializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    unit = serializers.IntegerField(required=False, allow_null=True, default=None, **_ID)
    start = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Omit to start now."
    )
    end = serializers.DateTimeField(required=False, allow_null=True, default=None)
    lobby_enabled = serializers.BooleanField(required=False, default=False)
    recording_allowed = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs: dict) -> dict:
        now = timezone.now()
        for name in ("start", "end"):
            if attrs.get(name) and abs(attrs[name] - now) > REASONABLE:
                raise serializers.ValidationError({name: _("Choose a time within ten years.")})
        if attrs.get("start") and not attrs.get("end"):
            raise serializers.ValidationError({"end": _("Give the end time.")})
        return attrs


class MeetingUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    unit = serializers.IntegerField(required=False, allow_null=True, **_ID)
    start = serializers.DateTimeField(required=False)
    end = serializers.DateTimeField(required=False)
    lobby_enabled = serializers.BooleanField(required=False)
    recording_allowed = serializers.BooleanField(required=False)

    def validate(self, attrs: dict) -> dict:
        now = timezone.now()
        for name in ("start", "end"):
            if name in attrs and abs(attrs[name] - now) > REASONABLE + MAX_DURATION:
                raise serializers.ValidationError({name: _("Choose a time within ten years.")})
        return attrs


class JoinTicketSerializer(serializers.Serializer):
    """Everything the IFrame API needs; the token is short-lived and for the caller only."""

    domain = serializers.CharField()
    script_url = serializers.URLField()
    room = serializers.CharField(help_text="The IFrame API's roomName.")
    token = serializers.CharField(help_text="The signed room token (JWT).")
    url = serializers.URLField(help_text="Opens the room without the embed.")
    display_name = serializers.CharField()
    email = serializers.CharField()
    moderator = serializers.BooleanField()
    expires_at = serializers.DateTimeField()


class LiveStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["not_configured", "live", "empty", "unreachable"])
    participants = serializers.IntegerField(allow_null=True)
    checked_at = serializers.DateTimeField()


class AttendanceRowSerializer(serializers.Serializer):
    participant = serializers.UUIDField(source="participant_id", allow_null=True)
    name = serializers.CharField()
    role = serializers.CharField(help_text="Empty for someone in the room without an invitation.")
    email = serializers.CharField()
    minutes = serializers.IntegerField()
    seconds = serializers.IntegerField()
    first_join = serializers.DateTimeField(allow_null=True)
    last_leave = serializers.DateTimeField(allow_null=True, help_text="Null while still in.")
    stays = serializers.IntegerField()
