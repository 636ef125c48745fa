from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import serializers

from collab_service.appointments.models import Booking, CaseType
from collab_service.appointments.services.questions import MAX_ANSWER_LENGTH, MAX_QUESTIONS
from collab_service.core.dates import REASONABLE


def _localised(obj, field: str) -> str:
    english = getattr(obj, f"{field}_en")
    return english if get_language() == "en" and english else getattr(obj, f"{field}_pl")


class PublicCaseTypeSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    what_to_bring = serializers.SerializerMethodField()

    class Meta:
        model = CaseType
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "what_to_bring",
            "duration_minutes",
            "capacity",
            "mode",
            "form_fields",
        ]

    def get_name(self, case_type: CaseType) -> str:
        return _localised(case_type, "name")

    def get_description(self, case_type: CaseType) -> str:
        return _localised(case_type, "description")

    def get_what_to_bring(self, case_type: CaseType) -> str:
        return _localised(case_type, "what_to_bring")


class AvailabilityQuerySerializer(serializers.Serializer):
    start = serializers.DateField(source="first", help_text="First local date (YYYY-MM-DD).")
    end = serializers.DateField(source="last", help_text="Last local date, at most 31 days on.")
    official = serializers.IntegerField(
        required=False, min_value=1, max_value=2**62, help_text="Only this official's agenda."
    )

    def validate(self, attrs: dict) -> dict:
        if attrs["last"] < attrs["first"]:
            raise serializers.ValidationError({"end": "The end is before the start."})
        if (attrs["last"] - attrs["first"]).days > 31:
            raise serializers.ValidationError({"end": "Ask for at most 31 days at once."})
        today = timezone.localdate()
        if abs(attrs["first"] - today) > REASONABLE:
            raise serializers.ValidationError({"start": "Ask for dates within ten years."})
        return attrs


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    official = serializers.IntegerField(source="agenda_id")
    location = serializers.IntegerField(source="location_id", allow_null=True)
    seats_left = serializers.IntegerField()


class AnswersField(serializers.DictField):
    """Answers to a case type's questions by key: at most one for each question it may have."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("child", serializers.CharField(max_length=MAX_ANSWER_LENGTH))
        super().__init__(required=False, default=dict, **kwargs)

    def to_internal_value(self, data) -> dict:
        answers = super().to_internal_value(data)
        if len(answers) > MAX_QUESTIONS:
            raise serializers.ValidationError(
                _("At most %(max)d answers.") % {"max": MAX_QUESTIONS}
            )
        return answers


class BookingCreateSerializer(serializers.Serializer):
    case_type = serializers.IntegerField(min_value=1, max_value=2**62)
    start = serializers.DateTimeField()
    official = serializers.IntegerField(
        required=False, min_value=1, max_value=2**62, help_text="Omit for any available official."
    )
    mode = serializers.ChoiceField(choices=CaseType.Mode.choices[:2], required=False)
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone = serializers.RegexField(r"^\+?[0-9 ()-]{6,20}$", required=False, allow_blank=True)
    answers = AnswersField()
    consent = serializers.BooleanField(
        help_text="The citizen agrees to the processing of their data for this visit."
    )

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError("Consent is needed to book a visit.")
        return value


class PublicBookingSerializer(serializers.ModelSerializer):
    case_type = serializers.CharField(source="case_type.name")

    class Meta:
        model = Booking
        fields = [
            "reference_code",
            "status",
            "case_type",
            "start",
            "end",
            "mode",
            "hold_expires_at",
        ]
