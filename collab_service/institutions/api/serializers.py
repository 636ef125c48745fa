from datetime import datetime

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Invitation, Membership, Unit
from collab_service.institutions.services.invitations import invitation_expires_at

PUBLIC_INSTITUTION_FIELDS = [
    "name",
    "slug",
    "kind",
    "description",
    "street_address",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
]


class InstitutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", *PUBLIC_INSTITUTION_FIELDS, "time_zone", "country", "is_active"]
        read_only_fields = ["id"]


class InstitutionUpdateSerializer(InstitutionSerializer):
    class Meta(InstitutionSerializer.Meta):
        read_only_fields = ["id", "slug", "is_active"]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "institution",
            "parent",
            "name",
            "slug",
            "description",
            "email",
            "phone",
            "location",
            "is_public",
        ]
        read_only_fields = ["id", "institution"]


class UnitCreateSerializer(serializers.Serializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.none())
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), required=False, allow_null=True
    )
    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=80, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_public = serializers.BooleanField(required=False)


class UnitUpdateSerializer(UnitCreateSerializer):
    institution = None
    name = serializers.CharField(max_length=200, required=False)
    slug = serializers.SlugField(max_length=80, required=False)


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "name", "email"]


class MembershipSerializer(serializers.ModelSerializer):
    person = PersonSerializer(source="user", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "person", "institution", "unit", "role", "job_title"]


class MembershipCreateSerializer(serializers.Serializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.none())
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), required=False, allow_null=True
    )
    email = serializers.EmailField(max_length=254)
    full_name = serializers.CharField(max_length=255)
    role = serializers.ChoiceField(
        choices=Membership.Role.choices,
        required=False,
        help_text="Official for a new place; an existing place keeps its role when omitted.",
    )
    job_title = serializers.CharField(max_length=120, required=False, allow_blank=True)


class MembershipUpdateSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), required=False, allow_null=True
    )
    role = serializers.ChoiceField(choices=Membership.Role.choices, required=False)
    job_title = serializers.CharField(max_length=120, required=False, allow_blank=True)


class MeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    memberships = serializers.SerializerMethodField()
    is_platform_admin = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "email",
            "lms_user_id",
            "is_platform_admin",
            "memberships",
        ]

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user: User) -> list[dict]:
        return MembershipSerializer(user.memberships.order_by("pk"), many=True).data


class PublicUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["name", "slug", "description", "email", "phone", "location"]


class PublicInstitutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = PUBLIC_INSTITUTION_FIELDS


class PublicInstitutionDetailSerializer(PublicInstitutionSerializer):
    units = serializers.SerializerMethodField()

    class Meta(PublicInstitutionSerializer.Meta):
        fields = [*PublicInstitutionSerializer.Meta.fields, "units"]

    def get_units(self, institution: Institution) -> list[dict]:
        return PublicUnitSerializer(institution.units.filter(is_public=True), many=True).data


def scope_related_fields(serializer: serializers.Serializer, *, institutions, units) -> None:
    """Limit related-object choices to what the caller may see (others read as 'does not exist')."""
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.PrimaryKeyRelatedField):
            field.queryset = institutions if name == "institution" else units
            field.error_messages["does_not_exist"] = _("No such object.")


class InvitationSerializer(serializers.ModelSerializer):
    """An invitation sent to someone who is not yet a member: they join when they accept."""

    expires_at = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "institution",
            "unit",
            "email",
            "role",
            "job_title",
            "status",
            "sent_at",
            "expires_at",
        ]

    def get_expires_at(self, invitation: Invitation) -> datetime:
        return invitation_expires_at(invitation)
