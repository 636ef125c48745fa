"""The waiting list over the API: join for a case type and days; see or leave one's place."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.appointments.api.public_views import _bookable, _Public
from collab_service.appointments.api.serializers import AnswersField
from collab_service.appointments.models import WaitingListEntry
from collab_service.appointments.services.abuse import booking_attempt_allow
from collab_service.appointments.services.questions import answers_validate
from collab_service.appointments.services.waiting_list import (
    entry_from_token,
    waiting_join,
    waiting_position,
    waiting_withdraw,
)
from collab_service.core.client_ip import client_address


class WaitingJoinSerializer(serializers.Serializer):
    case_type = serializers.IntegerField(min_value=1, max_value=2**62)
    first_day = serializers.DateField(help_text="First local date that suits the citizen.")
    last_day = serializers.DateField(help_text="Last local date that suits the citizen.")
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone = serializers.RegexField(r"^\+?[0-9 ()-]{6,20}$", required=False, allow_blank=True)
    answers = AnswersField()
    consent = serializers.BooleanField(
        help_text="The citizen agrees to the processing of their data for the waiting list."
    )

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("Consent is needed to join the waiting list."))
        return value


class WaitingJoinedSerializer(serializers.Serializer):
    message = serializers.CharField()


class WaitingOfferSerializer(serializers.Serializer):
    reference_code = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    hold_expires_at = serializers.DateTimeField()


class WaitingEntrySerializer(serializers.ModelSerializer):
    case_type = serializers.CharField(source="case_type.name")
    position = serializers.SerializerMethodField(help_text="1 is first in line; null once offered.")
    offer = serializers.SerializerMethodField()

    class Meta:
        model = WaitingListEntry
        fields = ["status", "case_type", "first_day", "last_day", "position", "offer"]

    def get_position(self, entry: WaitingListEntry) -> int | None:
        return waiting_position(entry)

    @extend_schema(responses=WaitingOfferSerializer(allow_null=True))
    def get_offer(self, entry: WaitingListEntry) -> dict | None:
        if entry.status != WaitingListEntry.Status.OFFERED or entry.offer is None:
            return None
        return WaitingOfferSerializer(entry.offer).data


class WaitingJoin(_Public, APIView):
    @extend_schema(request=WaitingJoinSerializer, responses={202: WaitingJoinedSerializer})
    def post(self, request: Request) -> Response:
        """Join the waiting list. The link to one's place in line is sent by e-mail only, and
        the answer is the same whether the e-mail was already in line or not."""
        data = WaitingJoinSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        booking_attempt_allow(client=client_address(request), email=values["email"])
        case_type = _bookable(values["case_type"]).case_type
        answers = answers_validate(questions=case_type.form_fields, answers=values["answers"])
        waiting_join(
            case_type=case_type,
            first_day=values["first_day"],
            last_day=values["last_day"],
            citizen_name=values["name"],
            citizen_email=values["email"],
            citizen_phone=values.get("phone", ""),
            answers=answers,
            language=get_language(),
        )
        message = _("You are on the waiting list. We have sent you an e-mail.")
        return Response({"message": message}, status=status.HTTP_202_ACCEPTED)


class WaitingEntryDetail(_Public, APIView):
    @extend_schema(responses=WaitingEntrySerializer)
    def get(self, request: Request, token: str) -> Response:
        """One's place in line, by the token from the waiting-list e-mail."""
        return Response(WaitingEntrySerializer(entry_from_token(token)).data)

    @extend_schema(responses=WaitingEntrySerializer)
    def delete(self, request: Request, token: str) -> Response:
        """Leave the waiting list; a time offered and not yet confirmed is released."""
        entry = waiting_withdraw(entry=entry_from_token(token))
        return Response(WaitingEntrySerializer(entry).data)
