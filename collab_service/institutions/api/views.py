"""REST endpoints for institutions, units and memberships, scoped to what the caller may see."""

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from collab_service.institutions.api import serializers as s
from collab_service.institutions.models import Institution
from collab_service.institutions.selectors import (
    can_manage_institution,
    can_manage_unit,
    institutions_visible_to,
    invitations_visible_to,
    memberships_visible_to,
    public_institutions,
    units_visible_to,
)
from collab_service.institutions.services import invitations, people, structure


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return -1  # matches nothing
    return int(raw)


class ScopedInputMixin:
    """Validates input whose related ids may only name what the caller can see."""

    def _input(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(**kwargs)
        s.scope_related_fields(
            serializer,
            institutions=institutions_visible_to(self.request.user),
            units=units_visible_to(self.request.user),
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class MeView(generics.RetrieveAPIView):
    serializer_class = s.MeSerializer

    def get_object(self):
        return self.request.user


class InstitutionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.InstitutionSerializer
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return institutions_visible_to(self.request.user)

    @extend_schema(request=s.InstitutionUpdateSerializer, responses=s.InstitutionSerializer)
    def update(self, request: Request, *args, **kwargs) -> Response:
        institution = self.get_object()
        if not can_manage_institution(request.user, institution):
            raise PermissionDenied
        data = s.InstitutionUpdateSerializer(
            institution, data=request.data, partial=kwargs.get("partial", False)
        )
        data.is_valid(raise_exception=True)
        structure.institution_update(institution=institution, **data.validated_data)
        return Response(s.InstitutionSerializer(institution).data)


_institution_filter = OpenApiParameter("institution", int, description="Only this institution.")
_unit_filter = OpenApiParameter("unit", int, description="Only this unit.")


@extend_schema(parameters=[_institution_filter])
class UnitViewSet(ScopedInputMixin, viewsets.ModelViewSet):
    serializer_class = s.UnitSerializer
    lookup_value_regex = "[0-9]{1,18}"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        units = units_visible_to(self.request.user)
        institution_id = _int_param(self.request, "institution")
        if institution_id is not None:
            units = units.filter(institution_id=institution_id)
        return units

    @extend_schema(request=s.UnitCreateSerializer, responses={201: s.UnitSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = self._input(s.UnitCreateSerializer, data=request.data)
        if not can_manage_institution(request.user, data["institution"]):
            raise PermissionDenied
        unit = structure.unit_create(**data)
        return Response(s.UnitSerializer(unit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.UnitUpdateSerializer, responses=s.UnitSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        unit = self.get_object()
        if not can_manage_unit(request.user, unit):
            raise PermissionDenied
        data = self._input(s.UnitUpdateSerializer, data=request.data, partial=True)
        structure.unit_update(unit=unit, **data)
        return Response(s.UnitSerializer(unit).data)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        unit = self.get_object()
        if not can_manage_institution(request.user, unit.institution):
            raise PermissionDenied
        structure.unit_delete(unit=unit)
        return Response(status=status.HTTP_204_NO_CONTENT)


_MEMBERSHIP_COLUMNS = (
    "institution_id",
    "unit_id",
    "role",
    "job_title",
    "user__id",
    "user__username",
    "user__email",
    "user__full_name",
    "user__first_name",
    "user__last_name",
)


@extend_schema(parameters=[_institution_filter, _unit_filter])
class MembershipViewSet(ScopedInputMixin, viewsets.ModelViewSet):
    serializer_class = s.MembershipSerializer
    lookup_value_regex = "[0-9]{1,18}"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        # Institution first: the planner then walks the institution index, not the whole table.
        memberships = (
            memberships_visible_to(self.request.user)
            .select_related(None)
            .select_related("user")
            .only(*_MEMBERSHIP_COLUMNS)
            .order_by("institution_id", "pk")
        )
        for name in ("institution", "unit"):
            value = _int_param(self.request, name)
            if value is not None:
                memberships = memberships.filter(**{f"{name}_id": value})
        return memberships

    def _check_may_place(self, institution: Institution, unit, role: str) -> None:
        if can_manage_institution(self.request.user, institution):
            return
        if unit is not None and role == "official" and can_manage_unit(self.request.user, unit):
            return
        raise PermissionDenied

    @extend_schema(
        request=s.MembershipCreateSerializer,
        responses={
            200: s.MembershipSerializer,
            201: s.MembershipSerializer,
            202: s.InvitationSerializer,
        },
        description=(
            "A member of the institution gets the place at once (201 new place, 200 updated). "
            "Anyone else is sent an invitation (202) and joins when they accept it: the answer "
            "is the same whether or not the address has an account."
        ),
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = self._input(s.MembershipCreateSerializer, data=request.data)
        unit, institution = data.get("unit"), data["institution"]
        self._check_may_place(institution, unit, data.get("role") or "official")
        added = invitations.person_add(
            institution=institution,
            email=data["email"],
            full_name=data["full_name"],
            unit=unit,
            role=data.get("role"),
            job_title=data.get("job_title"),
            may_change_role=can_manage_institution(request.user, institution),
            invited_by=request.user,
            language=get_language(),
        )
        if added.invitation is not None:
            return Response(
                s.InvitationSerializer(added.invitation).data, status=status.HTTP_202_ACCEPTED
            )
        return Response(
            s.MembershipSerializer(added.membership).data,
            status=status.HTTP_201_CREATED if added.created else status.HTTP_200_OK,
        )

    @extend_schema(request=s.MembershipUpdateSerializer, responses=s.MembershipSerializer)
    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        membership = self.get_object()
        data = self._input(s.MembershipUpdateSerializer, data=request.data, partial=True)
        if not can_manage_institution(request.user, membership.institution):
            raise PermissionDenied
        people.membership_update(
            membership=membership,
            role=data.get("role"),
            unit=data.get("unit"),
            job_title=data.get("job_title"),
            move_unit="unit" in data,
        )
        return Response(s.MembershipSerializer(membership).data)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        membership = self.get_object()
        if not (
            can_manage_institution(request.user, membership.institution)
            or (
                membership.unit is not None
                and membership.role == "official"
                and can_manage_unit(request.user, membership.unit)
            )
        ):
            raise PermissionDenied
        people.membership_remove(membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[_institution_filter])
class InvitationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Invitations waiting for an answer; DELETE withdraws one (its link stops working)."""

    serializer_class = s.InvitationSerializer
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        pending = invitations_visible_to(self.request.user).order_by("-sent_at", "-pk")
        institution = _int_param(self.request, "institution")
        if institution is not None:
            pending = pending.filter(institution_id=institution)
        return pending

    def perform_destroy(self, instance) -> None:
        invitations.invitation_revoke(invitation=instance)


class PublicInstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    """The citizen-facing directory: active institutions and their public units."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]{1,80}"

    def get_queryset(self):
        return public_institutions(search=self.request.query_params.get("q", "")[:100])

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.PublicInstitutionDetailSerializer
        return s.PublicInstitutionSerializer

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Part of the name.")])
    def list(self, request: Request, *args, **kwargs) -> Response:
        return super().list(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
