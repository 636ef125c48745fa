"""The JSON event sync posts and the forms and answers of the reservation API."""

from datetime import UTC, datetime
from typing import ClassVar

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collab_service.meetings.services.attendance import Occupant

# 1970 to 2100: wider would not fit every database's date range.
_UNIX_TIME_MAX = 4_102_444_800


@extend_schema_field({"type": "number", "description": "Unix time in seconds"})
class UnixTimeField(serializers.Field):
    """A moment as Unix seconds (integer or fractional), read as an aware UTC datetime."""

    default_error_messages = {
        "invalid": _("Must be a Unix time in seconds (a number between 1970 and 2100)."),
    }

    def to_internal_value(self, data: object) -> datetime:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        if not 0 <= data < _UNIX_TIME_MAX:
            self.fail("invalid")
        return datetime.fromtimestamp(data, tz=UTC)

    def to_representation(self, value: datetime) -> float:
        return value.timestamp()


def _text(**kwargs) -> serializers.CharField:
    """A text that may be missing, empty or null (Prosody leaves out what the token lacks)."""
    return serializers.CharField(
        required=False, allow_blank=True, allow_null=True, default="", **kwargs
    )


class OccupantSerializer(serializers.Serializer):
    occupant_jid = serializers.CharField(max_length=255)
    joined_at = UnixTimeField()
    left_at = UnixTimeField(required=False, allow_null=True)
    name = _text()
    id = _text(max_length=255)
    email = _text()


class LeftOccupantSerializer(OccupantSerializer):
    left_at = UnixTimeField()


def to_occupant(data: dict) -> Occupant:
    return Occupant(
        jid=data["occupant_jid"],
        joined_at=data["joined_at"],
        left_at=data.get("left_at"),
        name=data.get("name") or "",
        id=data.get("id") or "",
        email=data.get("email") or "",
    )


class OccupantListField(serializers.ListField):
    """``all_occupants``: Prosody's JSON writes an empty list as ``{}``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(child=OccupantSerializer(), max_length=10_000, **kwargs)

    def to_internal_value(self, data: object) -> list:
        return super().to_internal_value([] if data == {} else data)


class _EventSerializer(serializers.Serializer):
    """What every event carries. For a breakout room, ``room_name`` is the main room's."""

    expected_event: ClassVar[str]

    event_name = serializers.CharField()
    room_name = serializers.CharField(max_length=1000)
    room_jid = serializers.CharField(required=False, allow_blank=True)
    is_breakout = serializers.BooleanField(required=False, default=False)
    breakout_room_id = _text(max_length=1000)

    def validate_event_name(self, value: str) -> str:
        if value != self.expected_event:
            raise serializers.ValidationError(
                _("This endpoint takes %(expected)s events.") % {"expected": self.expected_event}
            )
        return value

    def validate(self, attrs: dict) -> dict:
        if not attrs["is_breakout"]:
            attrs["breakout_room_id"] = ""
        elif not attrs.get("breakout_room_id"):
            raise serializers.ValidationError(
                {"breakout_room_id": [_("A breakout room's event names the breakout room.")]}
            )
        return attrs


class RoomCreatedSerializer(_EventSerializer):
    expected_event = "muc-room-created"

    created_at = UnixTimeField()


class RoomDestroyedSerializer(_EventSerializer):
    expected_event = "muc-room-destroyed"

    created_at = UnixTimeField()
    destroyed_at = UnixTimeField()
    all_occupants = OccupantListField()


class OccupantJoinedSerializer(_EventSerializer):
    expected_event = "muc-occupant-joined"

    occupant = OccupantSerializer()
    active_occupants_count = serializers.IntegerField(required=False, min_value=0)


class OccupantLeftSerializer(_EventSerializer):
    expected_event = "muc-occupant-left"

    occupant = LeftOccupantSerializer()
    active_occupants_count = serializers.IntegerField(required=False, min_value=0)


class OkSerializer(serializers.Serializer):
    ok = serializers.BooleanField()


class ConferenceRequestSerializer(serializers.Serializer):
    """The form Prosody posts before it creates a room (as Jicofo's reservation system did)."""

    name = serializers.CharField(max_length=1000)
    start_time = serializers.CharField(required=False, allow_blank=True)
    mail_owner = serializers.CharField(required=False, allow_blank=True, default="")


class ConferenceSerializer(serializers.Serializer):
    """A reservation: Prosody keeps the room until ``start_time`` plus ``duration`` seconds."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    mail_owner = serializers.CharField()
    start_time = serializers.DateTimeField(
        format="%Y-%m-%dT%H:%M:%S.000Z", default_timezone=UTC, help_text="UTC"
    )
    duration = serializers.IntegerField()
