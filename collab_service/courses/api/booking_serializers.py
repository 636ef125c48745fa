"""Learners' bookings as the consultation block sends and shows them."""

from rest_framework import serializers

from collab_service.appointments.api.citizen_serializers import CANCELLABLE
from collab_service.appointments.api.common import InstitutionTimeMixin
from collab_service.appointments.api.serializers import AnswersField
from collab_service.appointments.models import Booking, CaseType
from collab_service.appointments.services.manage import manage_url
from collab_service.appointments.services.video import visit_join_url
from collab_service.courses.models import KEY_LENGTH


class LearnerBookingCreateSerializer(serializers.Serializer):
    case_type = serializers.IntegerField(min_value=1, max_value=2**62)
    start = serializers.DateTimeField(help_text="One of the free times of the case type.")
    mode = serializers.ChoiceField(choices=CaseType.Mode.choices[:2], required=False)
    block_id = serializers.CharField(max_length=KEY_LENGTH)
    answers = AnswersField(child=serializers.CharField(max_length=2000, allow_blank=True))


class LearnerBookingQuerySerializer(serializers.Serializer):
    case_type = serializers.IntegerField(
        min_value=1, max_value=2**62, required=False, help_text="Only bookings of this case type."
    )


class LearnerCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class LearnerBookingSerializer(InstitutionTimeMixin, serializers.ModelSerializer):
    """Times are in the institution's zone."""

    case_type_name = serializers.CharField(source="case_type.name")
    location = serializers.SerializerMethodField(help_text="Where to come; empty for video.")
    join_url = serializers.SerializerMethodField(
        help_text="The link into the video call of a confirmed video visit, else empty."
    )
    manage_url = serializers.SerializerMethodField(
        help_text="The citizens' page of the booking (the link in the e-mails)."
    )
    block_id = serializers.CharField(source="learner.block_id")
    can_cancel = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "reference_code",
            "case_type",
            "case_type_name",
            "block_id",
            "start",
            "end",
            "mode",
            "status",
            "location",
            "join_url",
            "manage_url",
            "can_cancel",
        ]

    def get_location(self, booking: Booking) -> str:
        where = booking.location
        if where is None:
            return ""
        parts = (where.name, where.room, where.street_address, where.postal_code, where.city)
        return ", ".join(part for part in parts if part)

    def get_join_url(self, booking: Booking) -> str:
        return visit_join_url(booking)

    def get_manage_url(self, booking: Booking) -> str:
        return manage_url(booking)

    def get_can_cancel(self, booking: Booking) -> bool:
        return booking.status in CANCELLABLE
