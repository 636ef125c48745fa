from django.contrib import admin

from collab_service.meetings.models import AttendanceSession, Meeting, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["name", "email", "user", "role", "invited_at", "revoked_at"]
    readonly_fields = ["invited_at", "revoked_at"]
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "organiser", "start", "end", "status"]
    list_filter = ["status", "institution"]
    search_fields = ["title", "room_name"]
    date_hierarchy = "start"
    raw_id_fields = ["organiser", "unit"]
    readonly_fields = ["room_name", "sequence", "source", "room_created_at", "room_destroyed_at"]
    inlines = [ParticipantInline]


@admin.register(AttendanceSession)
class AttendanceSessionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "name", "joined_at", "left_at"]
    raw_id_fields = ["meeting", "participant"]
