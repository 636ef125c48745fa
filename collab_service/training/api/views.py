"""Training API: the LMS plugin reports learners' course events; people read their records."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.accounts.authentication import plugin_context
from collab_service.core.api.responses import errors
from collab_service.institutions.selectors import institutions_visible_to
from collab_service.training.api.serializers import (
    EventResultSerializer,
    TrainingEventInSerializer,
    TrainingRecordListSerializer,
)
from collab_service.training.models import TrainingRecord
from collab_service.training.selectors import (
    RecordFilters,
    can_view_training_of,
    institution_records,
    own_records,
)
from collab_service.training.services.records import training_event_record
from collab_service.training.states import TrainingState, state_q

STATE_FILTERS = [("trained", "trained"), *TrainingState.choices]


class TrainingEventView(APIView):
    @extend_schema(
        summary="Report a learner's course event (the LMS plugin, with its course context)",
        description=(
            "Idempotent by event_id: 201 the first time, 200 with the current record on a "
            "replay. Events may arrive in any order; the record follows occurred_at."
        ),
        request=TrainingEventInSerializer,
        responses={
            201: EventResultSerializer,
            200: OpenApiResponse(EventResultSerializer, description="A replayed event"),
            **errors(400, 401, 403, 409),
        },
    )
    def post(self, request: Request) -> Response:
        context = plugin_context(request)
        if context is None or not context.course_id:
            raise exceptions.PermissionDenied(
                _("Only the SZPoN plugin in the LMS reports training events, with a course."),
                code="plugin_context_required",
            )
        body = TrainingEventInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["course_id"] != context.course_id:
            raise exceptions.PermissionDenied(
                _("The event's course is not the course the token was issued for."),
                code="course_mismatch",
            )
        outcome = training_event_record(
            user=request.user,
            event_id=data["event_id"],
            event_type=data["event_type"],
            occurred_at=data["occurred_at"],
            course_id=data["course_id"],
            payload=body.payload(),
        )
        answer = EventResultSerializer({"record": outcome.record}, context={"now": timezone.now()})
        code = status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK
        return Response(answer.data, status=code)


class RecordQuerySerializer(serializers.Serializer):
    institution = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="An institution you administer: its members' records instead of your own.",
    )
    course_id = serializers.CharField(required=False, max_length=255)
    state = serializers.ChoiceField(required=False, choices=STATE_FILTERS)


class TrainingRecordList(generics.ListAPIView):
    serializer_class = TrainingRecordListSerializer

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "now": self.now}

    def get_queryset(self) -> QuerySet[TrainingRecord]:
        self.now = timezone.now()
        query = RecordQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        filters = RecordFilters(
            course_id=params.get("course_id", ""), state=params.get("state", "")
        )
        if "institution" not in params:
            records = own_records(self.request.user).select_related("user")
            if filters.course_id:
                records = records.filter(course_id=filters.course_id)
            if filters.state:
                records = records.filter(state_q(filters.state, self.now))
            return records.order_by("course_name", "course_id")
        institution = get_object_or_404(
            institutions_visible_to(self.request.user), pk=params["institution"]
        )
        if not can_view_training_of(self.request.user, institution):
            raise exceptions.PermissionDenied(
                _("Only the institution's admins see its members' training.")
            )
        return institution_records(institution, filters=filters, now=self.now)

    @extend_schema(
        summary="Training records: your own, or (institution=) your institution's members'",
        parameters=[RecordQuerySerializer],
        responses={200: TrainingRecordListSerializer(many=True), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
