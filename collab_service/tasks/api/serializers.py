"""What the tasks API reads and answers."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from collab_service.core.dates import REASONABLE
from collab_service.tasks.models import ChecklistItem, Task, TaskComment, TaskList
from collab_service.tasks.selectors import ORDERINGS, is_overdue
from collab_service.tasks.services.tasks import MAX_REMINDER_MINUTES

_ID = {"min_value": 1, "max_value": 2**62}
MAX_PEOPLE = 100


class TaskListSerializer(serializers.ModelSerializer):
    is_personal = serializers.BooleanField(read_only=True)

    class Meta:
        model = TaskList
        fields = [
            "id",
            "name",
            "description",
            "institution",
            "unit",
            "owner",
            "is_personal",
            "is_archived",
            "created_at",
        ]


class TaskListCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    unit = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The unit whose members share the list; omit for a personal list.",
        **_ID,
    )


class TaskListUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    is_archived = serializers.BooleanField(required=False)


class ChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "text", "is_done", "position"]
        read_only_fields = ["id", "is_done", "position"]


class ChecklistItemUpdateSerializer(serializers.Serializer):
    is_done = serializers.BooleanField()


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = TaskComment
        fields = ["id", "author", "author_name", "body", "created_at"]
        read_only_fields = ["id", "author", "author_name", "created_at"]

    def get_author_name(self, comment: TaskComment) -> str:
        return comment.author.display_name if comment.author else ""


class TaskSerializer(serializers.ModelSerializer):
    assignees = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    checklist = ChecklistItemSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()
    next_occurrence = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "uid",
            "task_list",
            "title",
            "description",
            "assignees",
            "start_at",
            "due_at",
            "all_day",
            "priority",
            "status",
            "rrule",
            "reminder_minutes",
            "previous",
            "next_occurrence",
            "overdue",
            "checklist",
            "sequence",
            "completed_at",
            "created_at",
            "updated_at",
        ]

    def get_overdue(self, task: Task) -> bool:
        return is_overdue(task)

    def get_next_occurrence(self, task: Task) -> int | None:
        following = Task.objects.filter(previous=task).values_list("pk", flat=True).first()
        return following


class TaskWriteSerializer(serializers.Serializer):
    """Fields of a new task; a PATCH sends only those that change."""

    task_list = serializers.IntegerField(**_ID)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    assignees = serializers.ListField(
        child=serializers.IntegerField(**_ID),
        required=False,
        max_length=MAX_PEOPLE,
        help_text="User ids of members of the list's unit.",
    )
    start_at = serializers.DateTimeField(required=False, allow_null=True)
    due_at = serializers.DateTimeField(required=False, allow_null=True)
    all_day = serializers.BooleanField(
        required=False, help_text="The dates are days: their times are ignored."
    )
    priority = serializers.ChoiceField(
        choices=Task.Priority.choices, required=False, help_text="0 none, 1 high, 5 normal, 9 low"
    )
    status = serializers.ChoiceField(choices=Task.Status.choices, required=False)
    rrule = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="An RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO; empty for none.",
    )
    reminder_minutes = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_REMINDER_MINUTES
    )

    def validate(self, attrs: dict) -> dict:
        now = timezone.now()
        for name in ("start_at", "due_at"):
            if attrs.get(name) and abs(attrs[name] - now) > REASONABLE:
                raise serializers.ValidationError({name: [_("Choose a time within ten years.")]})
        return attrs


class TaskUpdateSerializer(TaskWriteSerializer):
    task_list = None
    title = serializers.CharField(max_length=200, required=False)


class TaskQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("active", "active"), *Task.Status.choices], required=False
    )
    priority = serializers.ChoiceField(choices=Task.Priority.choices, required=False)
    assignee = serializers.IntegerField(required=False, **_ID)
    task_list = serializers.IntegerField(required=False, **_ID)
    q = serializers.CharField(
        required=False, max_length=200, help_text="Text in title or description"
    )
    assigned_to_me = serializers.BooleanField(required=False, default=False)
    overdue = serializers.BooleanField(required=False, default=False)
    due_this_week = serializers.BooleanField(required=False, default=False)
    ordering = serializers.ChoiceField(choices=list(ORDERINGS), required=False, default="due")
    include_archived = serializers.BooleanField(required=False, default=False)


class BulkCloseSerializer(serializers.Serializer):
    tasks = serializers.ListField(
        child=serializers.IntegerField(**_ID), min_length=1, max_length=500
    )


class BulkCloseResultSerializer(serializers.Serializer):
    closed = serializers.IntegerField(help_text="How many tasks were marked done.")
