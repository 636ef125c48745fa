"""Forms of the set-up pages; the rules that need the database are checked by services.setup."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from collab_service.appointments.models import (
    AvailabilityException,
    CaseType,
    Location,
    WorkingHours,
)
from collab_service.appointments.services.questions import (
    DEFAULT_MAX_LENGTH,
    KEY,
    MAX_ANSWER_LENGTH,
    MAX_LABEL_LENGTH,
    MAX_QUESTIONS,
    questions_check,
)
from collab_service.core.dates import REASONABLE
from collab_service.core.text import slug_from_name
from collab_service.institutions.models import Institution

_DATE = {"type": "date"}
_TIME = {"type": "time"}
MAX_EXCEPTION_DAYS = 366


def _reasonable(day: date | None) -> date | None:
    if day is not None and abs(day - timezone.localdate()) > REASONABLE:
        raise forms.ValidationError(_("Choose a day within ten years."))
    return day


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "street_address", "postal_code", "city", "room", "accessibility_notes"]
        widgets = {"accessibility_notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "accessibility_notes": _(
                "For example step-free entrance, induction loop, lift. Shown to citizens."
            )
        }


class CaseTypeForm(forms.ModelForm):
    """A matter; its questions are edited on their own page."""

    class Meta:
        model = CaseType
        fields = [
            "name_pl",
            "name_en",
            "slug",
            "description_pl",
            "description_en",
            "what_to_bring_pl",
            "what_to_bring_en",
            "duration_minutes",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "min_notice_minutes",
            "horizon_days",
            "capacity",
            "mode",
            "locations",
            "units",
            "officials",
        ]
        labels = {"slug": _("Short name in addresses (optional)")}
        help_texts = {
            "slug": _("Left empty, it is made from the Polish name."),
            "buffer_before_minutes": _("Minutes kept free before each visit (0 to 240)."),
            "buffer_after_minutes": _("Minutes kept free after each visit (0 to 240)."),
            "min_notice_minutes": _(
                "How long before a visit it can still be booked online (0 to 43200, that is "
                "30 days)."
            ),
            "horizon_days": _("1 to 366."),
            "duration_minutes": _("5 to 480."),
            "capacity": _("1 for a visit at a desk, more for a group session (up to 200)."),
            "mode": _("Video calls can be booked once video meetings are set up."),
            "units": _("Every official of these units who receives citizens handles it."),
        }
        widgets = {
            "description_pl": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "what_to_bring_pl": forms.Textarea(attrs={"rows": 3}),
            "what_to_bring_en": forms.Textarea(attrs={"rows": 3}),
            "mode": forms.RadioSelect,
            "locations": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
            "officials": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, institution: Institution, people: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.institution = institution
        self.fields["slug"].required = False
        for name in ("buffer_before_minutes", "buffer_after_minutes"):
            self._limit(name, 0, 240)
        self._limit("min_notice_minutes", 0, 43200)
        self.fields["locations"].queryset = institution.locations.order_by("name")
        self.fields["units"].queryset = institution.units.order_by("name")
        self.fields["officials"].queryset = people.order_by("full_name", "pk")
        self.fields["officials"].label_from_instance = lambda user: user.display_name

    def _limit(self, name: str, low: int, high: int) -> None:
        field = self.fields[name]
        self.fields[name] = forms.IntegerField(
            label=field.label,
            help_text=field.help_text,
            initial=field.initial,
            min_value=low,
            max_value=high,
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        name = cleaned.get("name_pl")
        if "slug" in self.errors or not name:
            return cleaned
        field = "slug" if cleaned.get("slug") else "name_pl"
        slug = cleaned.get("slug") or slug_from_name(name)
        if not slug:
            self.add_error("slug", _("Give a short name in addresses made of letters or digits."))
            return cleaned
        taken = CaseType.objects.filter(institution=self.institution, slug=slug)
        if taken.exclude(pk=self.instance.pk).exists():
            self.add_error(
                field,
                _(
                    "Another matter of the institution already has the short name “%(slug)s”. "
                    "Change the name or give a different short name."
                )
                % {"slug": slug},
            )
        cleaned["slug"] = slug
        return cleaned


class QuestionForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    label_pl = forms.CharField(label=_("Question (Polish)"), max_length=MAX_LABEL_LENGTH)
    label_en = forms.CharField(
        label=_("Question (English)"), max_length=MAX_LABEL_LENGTH, required=False
    )
    type = forms.ChoiceField(
        label=_("Answer is"),
        choices=[("text", _("Text")), ("number", _("A number")), ("date", _("A date"))],
        initial="text",
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    max_length = forms.IntegerField(
        label=_("Longest answer, in characters"),
        min_value=1,
        max_value=MAX_ANSWER_LENGTH,
        initial=DEFAULT_MAX_LENGTH,
    )


class BaseQuestionFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        questions: list[dict] = []
        keys = {form.cleaned_data.get("key") for form in self.forms if form.cleaned_data}
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            key = data.get("key") or _new_key(data["label_pl"], keys)
            keys.add(key)
            questions.append({k: v for k, v in data.items() if k != "DELETE"} | {"key": key})
        try:
            self.questions = questions_check(questions)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _new_key(label: str, taken: set) -> str:
    base = slug_from_name(label, max_length=30).replace("-", "_") or "question"
    if not KEY.match(base):
        base = f"q_{base}"[:30]
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_QUESTIONS,
    validate_max=True,
)


class WorkingHoursForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(label=_("Day of the week"), coerce=int, choices=[])

    class Meta:
        model = WorkingHours
        fields = ["weekday", "start_time", "end_time", "location", "valid_from", "valid_until"]
        help_texts = {
            "valid_from": _("Optional: the first day these hours apply."),
            "valid_until": _("Optional: the last day these hours apply."),
        }
        widgets = {
            "start_time": forms.TimeInput(attrs=_TIME, format="%H:%M"),
            "end_time": forms.TimeInput(attrs=_TIME, format="%H:%M"),
            "valid_from": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
        }

    def __init__(self, *args, institution: Institution, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weekday"].choices = list(WEEKDAYS.items())
        self.fields["location"].queryset = institution.locations.order_by("name")
        self.fields["location"].empty_label = _("— none —")

    def clean_valid_from(self) -> date | None:
        return _reasonable(self.cleaned_data.get("valid_from"))

    def clean_valid_until(self) -> date | None:
        return _reasonable(self.cleaned_data.get("valid_until"))

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first, last = cleaned.get("valid_from"), cleaned.get("valid_until")
        if first and last and last < first:
            self.add_error("valid_until", _("“Valid until” cannot be before “valid from”."))
        return cleaned


class ExceptionForm(forms.Form):
    """Leave, extra hours or a closure, in the institution's local dates and times."""

    kind = forms.ChoiceField(label=_("What"), widget=forms.RadioSelect, choices=[])
    first_day = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs=_DATE))
    last_day = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs=_DATE),
        help_text=_("Leave empty for a single day."),
    )
    start_time = forms.TimeField(
        label=_("From (time)"), required=False, widget=forms.TimeInput(attrs=_TIME)
    )
    end_time = forms.TimeField(
        label=_("Until (time)"),
        required=False,
        widget=forms.TimeInput(attrs=_TIME),
        help_text=_(
            "Without times the days are whole; with times it runs from the time on the first "
            "day until the time on the last day. Extra hours need times."
        ),
    )
    location = forms.ModelChoiceField(
        label=_("Location (extra hours)"),
        queryset=Location.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def __init__(self, *args, institution: Institution, kinds: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tz = ZoneInfo(institution.time_zone)
        Kind = AvailabilityException.Kind
        self.fields["kind"].choices = [(k, Kind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
            self.fields["kind"].widget = forms.HiddenInput()
        if Kind.EXTRA in kinds:
            self.fields["location"].queryset = institution.locations.order_by("name")
        else:
            del self.fields["location"]

    def clean_first_day(self) -> date:
        return _reasonable(self.cleaned_data["first_day"])

    def clean_last_day(self) -> date | None:
        return _reasonable(self.cleaned_data.get("last_day"))

    def clean(self) -> dict:
        cleaned = super().clean()
        first = cleaned.get("first_day")
        if first is None:
            return cleaned
        last = cleaned.get("last_day") or first
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if last < first:
            self.add_error("last_day", _("The last day cannot be before the first day."))
        elif (last - first).days >= MAX_EXCEPTION_DAYS:
            self.add_error("last_day", _("Choose at most a year."))
        elif (start is None) != (end is None):
            self.add_error("end_time", _("Give both times, or none for whole days."))
        elif cleaned.get("kind") == AvailabilityException.Kind.EXTRA and start is None:
            self.add_error("start_time", _("Extra hours need a start and an end time."))
        elif start is not None and end is not None and first == last and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        else:
            cleaned["start"] = datetime.combine(first, start or time.min, tzinfo=self.tz)
            end_day = last if end is not None else last + timedelta(days=1)
            cleaned["end"] = datetime.combine(end_day, end or time.min, tzinfo=self.tz)
        return cleaned
