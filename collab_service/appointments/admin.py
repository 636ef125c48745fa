from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from collab_service.appointments.models import (
    Agenda,
    AvailabilityException,
    Booking,
    BusyInterval,
    CaseType,
    Location,
    WorkingHours,
)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "institution", "city", "room")
    search_fields = ("name", "institution__name")
    raw_id_fields = ("institution",)


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    list_display = ("name_pl", "institution", "duration_minutes", "capacity", "mode", "is_active")
    list_filter = ("mode", "is_active")
    search_fields = ("name_pl", "name_en", "institution__name")
    raw_id_fields = ("institution",)
    filter_horizontal = ()
    prepopulated_fields = {"slug": ("name_pl",)}


class WorkingHoursInline(admin.StackedInline):
    model = WorkingHours
    raw_id_fields = ("location",)
    extra = 0


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ("official", "institution")
    search_fields = ("official__full_name", "official__username", "institution__name")
    raw_id_fields = ("official", "institution")
    readonly_fields = ("version",)
    inlines = [WorkingHoursInline]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ("kind", "institution", "agenda", "start", "end")
    list_filter = ("kind",)
    raw_id_fields = ("institution", "agenda", "location")


@admin.register(BusyInterval)
class BusyIntervalAdmin(admin.ModelAdmin):
    list_display = ("agenda", "start", "end", "source")
    list_filter = ("source",)
    raw_id_fields = ("agenda",)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference_code", "case_type", "start", "status", "agenda")
    list_filter = ("status",)
    search_fields = ("reference_code", "citizen_email")
    date_hierarchy = "start"
    readonly_fields = [f.name for f in Booking._meta.fields if f.name not in {"official_note"}]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("Citizen"))
    def citizen(self, booking: Booking) -> str:
        return booking.citizen_name
