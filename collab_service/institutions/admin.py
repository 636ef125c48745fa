from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from collab_service.institutions.models import (
    Institution,
    Invitation,
    Membership,
    PeopleImport,
    Unit,
)


class UnitInline(admin.StackedInline):
    model = Unit
    fields = ("name", "slug", "parent", "location", "is_public")
    prepopulated_fields = {"slug": ("name",)}
    extra = 0
    show_change_link = True


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city", "is_active", "people_import_link")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "slug", "city")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [UnitInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("People"))
    def people_import_link(self, institution: Institution) -> str:
        url = reverse("institutions:people_import", args=[institution.slug])
        return format_html('<a href="{}">{}</a>', url, _("Import officials from CSV"))


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "institution", "parent", "is_public")
    list_filter = ("is_public",)
    search_fields = ("name", "institution__name")
    raw_id_fields = ("institution", "parent")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "institution", "unit", "role", "job_title")
    list_filter = ("role",)
    search_fields = ("user__full_name", "user__email", "institution__name", "unit__name")
    raw_id_fields = ("user", "institution", "unit")
    list_select_related = ("user", "institution", "unit")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent and answered on the pages; here they can be looked up."""

    list_display = ("email", "institution", "unit", "role", "status", "sent_at", "answered_at")
    list_filter = ("status", "role")
    search_fields = ("email", "institution__name", "unit__name")
    list_select_related = ("institution", "unit")
    readonly_fields = ("key", "sent_at", "answered_at", "invited_by")
    raw_id_fields = ("institution", "unit")


@admin.register(PeopleImport)
class PeopleImportAdmin(admin.ModelAdmin):
    list_display = ("institution", "created_at", "status", "processed", "invited", "created")
    list_filter = ("status",)
    search_fields = ("institution__name", "file_name")
    list_select_related = ("institution",)
    readonly_fields = ("rows", "errors", "processed", "created", "updated", "invited")
    raw_id_fields = ("institution", "uploaded_by")
