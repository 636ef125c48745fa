"""The task form: what, who, when, how it repeats and when to remind."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.models import User
from collab_service.core.dates import REASONABLE
from collab_service.tasks.errors import TaskError
from collab_service.tasks.models import Task
from collab_service.tasks.services.recurrence import PRESETS, rrule_normalise

CUSTOM = "custom"
REMINDERS = [
    ("", _("No reminder")),
    ("0", _("At the due time")),
    ("15", _("15 minutes before")),
    ("60", _("1 hour before")),
    ("1440", _("1 day before")),
    ("2880", _("2 days before")),
    ("10080", _("1 week before")),
]


class PeopleField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _(
            "The person %(value)s cannot be assigned here: assign members of the list's unit "
            "(officials may assign only themselves)."
        ),
        "invalid_pk_value": _("“%(pk)s” is not a person."),
    }

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


def _day(value: date | None) -> date | None:
    if value is not None and abs(value - timezone.localdate()) > REASONABLE:
        raise forms.ValidationError(_("Choose a day within ten years."))
    return value


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    assignees = PeopleField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_time = forms.TimeField(
        label=_("Due time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Leave both times empty for a task due on a day rather than at an hour."),
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Task.Priority.choices, coerce=int, initial=0
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Task.Status.choices, initial=Task.Status.OPEN
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        required=False,
        choices=[*PRESETS.items(), (CUSTOM, _("Custom rule (advanced)"))],
        help_text=_("When a repeating task is marked done, its next occurrence is created."),
    )
    rrule = forms.CharField(
        label=_("Custom repeat rule (RRULE)"),
        required=False,
        max_length=300,
        help_text=_(
            "Only with “Custom rule”: an iCalendar RRULE such as FREQ=WEEKLY;BYDAY=MO,WE "
            "or FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12."
        ),
    )
    reminder = forms.TypedChoiceField(
        label=_("Reminder by e-mail"),
        required=False,
        choices=REMINDERS,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, people: QuerySet[User], time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignees"].queryset = people
        self.time_zone = ZoneInfo(time_zone)

    def clean_start_date(self) -> date | None:
        return _day(self.cleaned_data["start_date"])

    def clean_due_date(self) -> date | None:
        return _day(self.cleaned_data["due_date"])

    def clean(self) -> dict:
        data = super().clean()
        for day, hour in (("start_date", "start_time"), ("due_date", "due_time")):
            if data.get(hour) is not None and data.get(day) is None and day not in self.errors:
                self.add_error(day, _("Give the date for this time."))
        times = [data.get("start_time"), data.get("due_time")]
        data["all_day"] = all(value is None for value in times)
        if data.get("start_date") and data.get("due_date") and None in times and any(times):
            self.add_error("due_time", _("Give a time for both dates, or for neither."))
        data["start_at"] = self._moment(data.get("start_date"), data.get("start_time"))
        data["due_at"] = self._moment(data.get("due_date"), data.get("due_time"))
        start, due = data["start_at"], data["due_at"]
        if start and due and due < start:
            self.add_error("due_date", _("The due date must not be before the start."))
        self._clean_rule(data)
        return data

    def _moment(self, day: date | None, hour: time | None) -> datetime | None:
        if day is None:
            return None
        return datetime.combine(day, hour or time(0), tzinfo=self.time_zone)

    def _clean_rule(self, data: dict) -> None:
        repeat = data.get("repeat") or ""
        text = data.get("rrule", "") if repeat == CUSTOM else repeat
        if repeat == CUSTOM and not text.strip():
            self.add_error("rrule", _("Write the rule, or choose one of the ready options."))
            return
        try:
            data["rule"] = rrule_normalise(text, anchor=data.get("due_at") or data.get("start_at"))
        except TaskError as error:
            self.add_error("rrule" if repeat == CUSTOM else "repeat", str(error))
            return
        if data["rule"] and data.get("due_at") is None and data.get("start_at") is None:
            self.add_error("due_date", _("A repeating task needs a due date."))
        if data.get("reminder") is not None and data.get("due_at") is None:
            self.add_error("due_date", _("A reminder needs a due date."))


def task_initial(task: Task) -> dict:
    tz = ZoneInfo(task.task_list.institution.time_zone)
    initial: dict = {
        "title": task.title,
        "description": task.description,
        "assignees": list(task.assignees.all()),
        "priority": task.priority,
        "status": task.status,
        "reminder": task.reminder_minutes,
    }
    for prefix, moment in (("start", task.start_at), ("due", task.due_at)):
        if moment is not None:
            local = timezone.localtime(moment, tz)
            initial[f"{prefix}_date"] = local.date()
            initial[f"{prefix}_time"] = None if task.all_day else local.time()
    if task.rrule in PRESETS:
        initial["repeat"] = task.rrule
    else:
        initial["repeat"], initial["rrule"] = CUSTOM, task.rrule
    return initial
