from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from collab_service.training.models import (
    CertificatePolicy,
    CertificateReminder,
    TrainingEvent,
    TrainingRecord,
)
from collab_service.training.services.policies import (
    certificate_policy_delete,
    certificate_policy_save,
)


@admin.register(CertificatePolicy)
class CertificatePolicyAdmin(admin.ModelAdmin):
    list_display = [
        "course_id",
        "course_name",
        "validity_months",
        "remind_days_before",
        "notify_institution_admins",
    ]
    list_filter = ["notify_institution_admins"]
    search_fields = ["course_id", "course_name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the rules page

    def save_model(self, request: HttpRequest, obj: CertificatePolicy, form, change) -> None:
        """Through the service, as the rules page saves: its checks, then the recomputation."""
        certificate_policy_save(
            policy=obj,
            course_id=obj.course_id,
            course_name=obj.course_name,
            validity_months=obj.validity_months,
            remind_days_before=obj.remind_days_before,
            notify_institution_admins=obj.notify_institution_admins,
            course_url=obj.course_url,
        )

    def delete_model(self, request: HttpRequest, obj: CertificatePolicy) -> None:
        certificate_policy_delete(policy=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for policy in queryset:
            certificate_policy_delete(policy=policy)


class CertificateReminderInline(admin.TabularInline):
    model = CertificateReminder
    extra = 0
    can_delete = False
    fields = ["expires_at", "recipients", "sent_at"]
    readonly_fields = fields


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    """Records are folded from events: read them here, change them only through events."""

    list_display = [
        "user",
        "course_id",
        "course_name",
        "passed_at",
        "certificate_issued_at",
        "certificate_revoked_at",
        "expires_at",
    ]
    search_fields = ["course_id", "course_name", "user__username", "user__email"]
    list_select_related = ["user"]
    inlines = [CertificateReminderInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(TrainingEvent)
class TrainingEventAdmin(admin.ModelAdmin):
    list_display = ["event_type", "course_id", "user", "occurred_at", "received_at"]
    list_filter = ["event_type"]
    search_fields = ["event_id", "course_id", "user__username"]
    date_hierarchy = "occurred_at"
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
