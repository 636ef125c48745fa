from django.contrib import admin

from collab_service.tasks.models import (
    ChecklistItem,
    Task,
    TaskComment,
    TaskEmailPreference,
    TaskList,
    TaskNotification,
)


@admin.register(TaskList)
class TaskListAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "unit", "owner", "is_archived", "created_at"]
    list_filter = ["is_archived", "institution"]
    search_fields = ["name"]
    raw_id_fields = ["unit", "owner", "created_by"]


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


class TaskCommentInline(admin.TabularInline):
    model = TaskComment
    extra = 0
    fields = ["author", "body", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["author"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["title", "task_list", "status", "priority", "due_at", "rrule", "sequence"]
    list_filter = ["status", "priority", "task_list__institution"]
    search_fields = ["title", "uid"]
    date_hierarchy = "due_at"
    raw_id_fields = ["task_list", "previous", "created_by", "assignees"]
    readonly_fields = ["uid", "sequence", "completed_at", "reminder_sent_at"]
    inlines = [ChecklistItemInline, TaskCommentInline]


@admin.register(TaskNotification)
class TaskNotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "task", "created_at", "batched_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient", "task", "actor", "comment"]


@admin.register(TaskEmailPreference)
class TaskEmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "enabled", "language", "updated_at"]
    list_filter = ["enabled", "language"]
    raw_id_fields = ["user"]
