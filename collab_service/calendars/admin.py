from django.contrib import admin

from collab_service.calendars.models import CalendarConnection, CalendarFeed, PushItem


@admin.register(CalendarConnection)
class CalendarConnectionAdmin(admin.ModelAdmin):
    list_display = ["user", "server_url", "state", "last_pull_at", "last_push_at", "last_error_at"]
    list_filter = ["state"]
    search_fields = ["user__username", "user__full_name", "server_url"]
    exclude = ["secret_encrypted"]
    readonly_fields = ["last_error", "discovered_calendars", "last_pull_at", "last_push_at"]


@admin.register(PushItem)
class PushItemAdmin(admin.ModelAdmin):
    list_display = ["source", "connection", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    search_fields = ["source", "connection__user__username"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "last_used_at"]
    exclude = ["token"]
