"""What a citizen sends and sees about their own booking."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collab_service.appointments.api.common import InstitutionTimeMixin
from collab_service.appointments.api.serializers import _localised
from collab_service.appointments.models import Booking, Location
from collab_service.appointments.services.manage import manage_token
from collab_service.appointments.services.reschedule import can_reschedule
from collab_service.appointments.services.video import visit_join_url

CANCELLABLE = (Booking.Status.HELD, Booking.Status.CONFIRMED)


class ConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=500, help_text="The token of the link in the confirmation e-mail."
    )


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MoveSerializer(serializers.Serializer):
    start = serializers.DateTimeField(help_text="The new start, one of the free times.")


class LookupSerializer(serializers.Serializer):
    reference_code = serializers.CharField(max_length=12)
    email = serializers.EmailField(max_length=254, help_text="The e-mail address booked with.")


class CitizenLocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = [
            "name",
            "room",
            "street_address",
            "postal_code",
            "city",
            "accessibility_notes",
        ]


class CitizenCaseTypeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()
    what_to_bring = serializers.SerializerMethodField()

    def get_name(self, case_type) -> str:
        return _localised(case_type, "name")

    def get_what_to_bring(self, case_type) -> str:
        return _localised(case_type, "what_to_bring")


class CitizenInstitutionSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    time_zone = serializers.CharField()


class CitizenBookingSerializer(InstitutionTimeMixin, serializers.ModelSerializer):
    """The visit as its manage page shows it; times are in the institution's zone."""

    status_display = serializers.CharField(source="get_status_display")
    case_type = CitizenCaseTypeSerializer()
    institution = CitizenInstitutionSerializer()
    location = CitizenLocationSerializer(allow_null=True)
    can_cancel = serializers.SerializerMethodField(
        help_text="Whether the citizen may still cancel the visit."
    )
    can_move = serializers.SerializerMethodField(
        help_text="Whether the citizen may still move the visit to another time."
    )
    join_url = serializers.SerializerMethodField(
        help_text="The citizen's link into the video call of a confirmed video visit, else empty."
    )

    class Meta:
        model = Booking
        fields = [
            "reference_code",
            "status",
            "status_display",
            "case_type",
            "institution",
            "start",
            "end",
            "mode",
            "location",
            "hold_expires_at",
            "cancel_reason",
            "can_cancel",
            "can_move",
            "join_url",
        ]

    def get_can_cancel(self, booking: Booking) -> bool:
        return booking.status in CANCELLABLE

    def get_can_move(self, booking: Booking) -> bool:
        return can_reschedule(booking)

    def get_join_url(self, booking: Booking) -> str:
        return visit_join_url(booking)


class CitizenBookingWithTokenSerializer(CitizenBookingSerializer):
    """The visit and the token of its manage endpoints (as the manage link in the e-mail)."""

    manage_token = serializers.SerializerMethodField()

    class Meta(CitizenBookingSerializer.Meta):
        fields = [*CitizenBookingSerializer.Meta.fields, "manage_token"]

    @extend_schema_field(serializers.CharField())
    def get_manage_token(self, booking: Booking) -> str:
        return manage_token(booking)
