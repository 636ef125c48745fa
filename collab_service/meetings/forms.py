"""Forms of the meeting pages; the rules that need the database are checked by the services."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.models import User
from collab_service.core.dates import REASONABLE
from collab_service.institutions.models import Unit
from collab_service.meetings.services.meetings import Guest

_DATE = {"type": "date"}
_TIME = {"type": "time"}
MAX_GUESTS = 100


def guests_parse(text: str) -> list[Guest]:
    """One guest per line: ``Name <e-mail>``, ``Name, e-mail`` or just the e-mail address."""
    guests = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if "<" in line and line.endswith(">"):
            name, _sep, email = line[:-1].rpartition("<")
        elif "," in line:
            name, _sep, email = line.rpartition(",")
        else:
            name, email = "", line
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError:
            raise forms.ValidationError(
                _("Line %(number)d: %(email)s is not a valid e-mail address."),
                params={"number": number, "email": email[:100]},
            ) from None
        guests.append(Guest(name=name.strip().strip('"'), email=email))
    if len(guests) > MAX_GUESTS:
        raise forms.ValidationError(
            _("Invite at most %(count)d guests at once."), params={"count": MAX_GUESTS}
        )
    return guests


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.email})" if obj.email else obj.display_name


class InviteForm(forms.Form):
    """Colleagues from the directory and guests by e-mail."""

    colleagues = PeopleField(
        label=_("Colleagues"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several people."),
    )
    co_organisers = PeopleField(
        label=_("Co-organisers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("They can let people in from the lobby, mute others and see attendance."),
    )
    guests = forms.CharField(
        label=_("Guests from outside the office"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: name and e-mail address, for example Jan Kowalski <jan@example.com>. "
            "Each guest gets a personal link and joins without an account."
        ),
    )

    def __init__(self, *args, colleagues: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = colleagues.order_by("full_name", "username")
        self.fields["colleagues"].queryset = people
        self.fields["co_organisers"].queryset = people

    def clean_guests(self) -> list[Guest]:
        return guests_parse(self.cleaned_data["guests"])


class MeetingForm(InviteForm):
    """A new meeting: what, when (or now), where in the office, and who."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("(none)")
    )
    start_now = forms.BooleanField(
        label=_("Start now"),
        required=False,
        help_text=_(
            "The meeting starts at once and lasts an hour; the date and times below "
            "are then not needed."
        ),
    )
    day = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs=_DATE))
    start_time = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs=_TIME)
    )
    end_time = forms.TimeField(
        label=_("Until"), required=False, widget=forms.TimeInput(attrs=_TIME)
    )
    lobby_enabled = forms.BooleanField(label=_("Lobby: moderators let people in"), required=False)
    recording_allowed = forms.BooleanField(
        label=_("Moderators may record the meeting"), required=False
    )

    field_order = [
        "title",
        "description",
        "unit",
        "start_now",
        "day",
        "start_time",
        "end_time",
        "colleagues",
        "co_organisers",
        "guests",
        "lobby_enabled",
        "recording_allowed",
    ]

    def __init__(self, *args, units: QuerySet[Unit], time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.time_zone = ZoneInfo(time_zone)

    def clean_day(self) -> date | None:
        day = self.cleaned_data["day"]
        if day is not None and abs(day - timezone.localdate()) > REASONABLE:
            raise forms.ValidationError(_("Choose a day within ten years."))
        return day

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start_now"):
            data["start"] = data["end"] = None
            return data
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        missing = [
            (name, message)
            for name, value, message in (
                ("day", day, _("Choose the date, or tick Start now.")),
                ("start_time", start, _("Give the start time.")),
                ("end_time", end, _("Give the end time.")),
            )
            if value is None and name not in self.errors
        ]
        for name, message in missing:
            self.add_error(name, message)
        if missing or self.errors:
            return data
        data["start"], data["end"] = span(day, start, end, self.time_zone)
        if data["end"] <= data["start"]:
            self.add_error("end_time", _("The meeting must end after it starts."))
        return data


def span(day: date, start: time, end: time, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The meeting's start and end; an end at midnight (00:00) means the end of the day."""
    starts = datetime.combine(day, start, tzinfo=tz)
    ends = datetime.combine(day, end, tzinfo=tz)
    if end == time(0, 0):
        ends += timedelta(days=1)
    return starts, ends


class MeetingEditForm(forms.Form):
    title = MeetingForm.base_fields["title"]
    description = MeetingForm.base_fields["description"]
    unit = MeetingForm.base_fields["unit"]
    day = MeetingForm.base_fields["day"]
    start_time = MeetingForm.base_fields["start_time"]
    end_time = MeetingForm.base_fields["end_time"]
    lobby_enabled = MeetingForm.base_fields["lobby_enabled"]
    recording_allowed = MeetingForm.base_fields["recording_allowed"]

    def __init__(self, *args, units: QuerySet[Unit], time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for name in ("day", "start_time", "end_time"):
            self.fields[name].required = True
        self.time_zone = ZoneInfo(time_zone)

    clean_day = MeetingForm.clean_day

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        data["start"], data["end"] = span(
            data["day"], data["start_time"], data["end_time"], self.time_zone
        )
        if data["end"] <= data["start"]:
            self.add_error("end_time", _("The meeting must end after it starts."))
        return data
