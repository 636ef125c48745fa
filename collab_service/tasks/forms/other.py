"""The smaller forms: lists, filters, checklist items, comments, statuses and e-mail settings."""

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.models import User
from collab_service.institutions.models import Unit
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.selectors import TaskFilters


class TaskListForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    unit = forms.ModelChoiceField(
        label=_("Shared with"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Nobody: my personal list"),
        help_text=_("A unit's list is seen and edited by everyone in the unit."),
    )

    def __init__(self, *args, units: QuerySet[Unit] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


SORTS = [
    ("due", _("Due date, soonest first")),
    ("-due", _("Due date, latest first")),
    ("priority", _("Priority, highest first")),
    ("-created", _("Newest first")),
    ("created", _("Oldest first")),
    ("title", _("Title")),
]


class TaskFilterForm(forms.Form):
    """Filters and sorting from the query string; anything invalid is simply ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("active", _("Not done yet")), *Task.Status.choices],
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("Any")), *Task.Priority.choices],
        coerce=int,
        empty_value=None,
    )
    assignee = forms.TypedChoiceField(
        label=_("Assigned to"), required=False, coerce=int, empty_value=None
    )
    list = forms.TypedChoiceField(label=_("List"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(
        self, *args, people: QuerySet[User], lists: QuerySet[TaskList] | None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Anybody")),
            *((person.pk, person.display_name) for person in people),
        ]
        if lists is None:
            del self.fields["list"]
        else:
            self.fields["list"].choices = [
                ("", _("Every list")),
                *((task_list.pk, task_list.name) for task_list in lists),
            ]

    def filters(self, **extra) -> TaskFilters:
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
        return TaskFilters(
            status=data.get("status", ""),
            priority=data.get("priority"),
            assignee=data.get("assignee"),
            task_list=data.get("list"),
            search=data.get("q", ""),
            ordering=data.get("sort", "due"),
            **extra,
        )


class ChecklistItemForm(forms.Form):
    text = forms.CharField(label=_("New checklist item"), max_length=300)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)


class EmailSettingsForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send me e-mails about my tasks"), required=False)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
