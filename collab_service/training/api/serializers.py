from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collab_service.training.models import EventType, TrainingRecord
from collab_service.training.states import TrainingState, record_state

# LMS and service clocks differ a little; an event from further ahead would outrank real ones.
MAX_CLOCK_SKEW = timedelta(minutes=10)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
CERTIFICATE_EVENTS = {EventType.CERTIFICATE_CREATED, EventType.CERTIFICATE_REVOKED}


def _text(max_length: int) -> serializers.CharField:
    """An optional text; null (the LMS may have no value) counts as empty."""
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, allow_null=True, default=""
    )


class CertificateInSerializer(serializers.Serializer):
    mode = _text(100)
    grade = _text(100)
    status = _text(100)
    download_url = _text(500)

    def validate_download_url(self, value: str | None) -> str | None:
        if value and not value.startswith(("https://", "http://", "/")):
            raise serializers.ValidationError(_("Give an http(s) address or a path on the LMS."))
        return value

    def validate(self, attrs: dict) -> dict:
        return {name: value or "" for name, value in attrs.items()}


class TrainingEventInSerializer(serializers.Serializer):
    event_id = serializers.UUIDField()
    event_type = serializers.ChoiceField(choices=EventType.choices)
    occurred_at = serializers.DateTimeField()
    course_id = serializers.CharField(max_length=255)
    course_name = _text(255)
    enrollment_mode = _text(100)
    is_passing = serializers.BooleanField(required=False, allow_null=True, default=None)
    certificate = CertificateInSerializer(required=False, allow_null=True, default=None)

    def validate_occurred_at(self, value: datetime) -> datetime:
        if value < EARLIEST:
            raise serializers.ValidationError(_("The date is too far in the past."))
        if value > timezone.now() + MAX_CLOCK_SKEW:
            raise serializers.ValidationError(_("The date is in the future."))
        return value

    def validate(self, attrs: dict) -> dict:
        kind = attrs["event_type"]
        if kind == EventType.PASSING_STATUS_UPDATED and attrs["is_passing"] is None:
            raise serializers.ValidationError(
                {"is_passing": [_("A passing status event needs is_passing (true or false).")]}
            )
        if kind in CERTIFICATE_EVENTS and attrs["certificate"] is None:
            raise serializers.ValidationError(
                {"certificate": [_("A certificate event needs the certificate.")]}
            )
        return attrs

    def payload(self) -> dict:
        """The optional parts to keep with the event, JSON-ready."""
        data = self.validated_data
        payload: dict = {"course_name": data["course_name"] or ""}
        if data["enrollment_mode"]:
            payload["enrollment_mode"] = data["enrollment_mode"]
        if data["is_passing"] is not None:
            payload["is_passing"] = data["is_passing"]
        if data["certificate"] is not None:
            payload["certificate"] = dict(data["certificate"])
        return payload


class CertificateOutSerializer(serializers.Serializer):
    mode = serializers.CharField(source="certificate_mode")
    grade = serializers.CharField(source="certificate_grade")
    status = serializers.CharField(source="certificate_status")
    download_url = serializers.CharField(source="certificate_download_url")


class TrainingRecordSerializer(serializers.ModelSerializer):
    course_name = serializers.CharField(source="display_course")
    state = serializers.SerializerMethodField()
    certificate = CertificateOutSerializer(source="*")

    class Meta:
        model = TrainingRecord
        fields = [
            "course_id",
            "course_name",
            "enrolled_at",
            "unenrolled_at",
            "passed_at",
            "certificate_issued_at",
            "certificate_revoked_at",
            "expires_at",
            "state",
            "certificate",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=TrainingState.choices))
    def get_state(self, record: TrainingRecord) -> str:
        return record_state(record, self.context.get("now") or timezone.now()).value


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")
    email = serializers.EmailField()


class TrainingRecordListSerializer(TrainingRecordSerializer):
    person = PersonSerializer(source="user")

    class Meta(TrainingRecordSerializer.Meta):
        fields = ["id", "person", *TrainingRecordSerializer.Meta.fields]


class EventResultSerializer(serializers.Serializer):
    record = TrainingRecordSerializer()
