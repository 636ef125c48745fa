"""The citizen booking form, built from the free times of the day and the questions asked."""

import time
from datetime import datetime

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from collab_service.appointments.services.availability import Slot
from collab_service.appointments.services.questions import question_label

ANY = ""


_RENDERED_SALT = "appointments.booking-form"


def rendered_token() -> str:
    return signing.dumps(time.time(), salt=_RENDERED_SALT)


class HumanPaceForm(forms.Form):
    """Carries a signed render time: bots that post at once are refused, without a captcha."""

    rendered = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {})["rendered"] = rendered_token()
        super().__init__(*args, **kwargs)

    def clean_rendered(self) -> str:
        token = self.cleaned_data["rendered"]
        try:
            rendered_at = signing.loads(token, salt=_RENDERED_SALT, max_age=4 * 3600)
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("The form has expired. Please fill it in again.")
            ) from exc
        if time.time() - float(rendered_at) < settings.BOOKING_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check the form and send it again.")
            )
        return token


class BookingForm(HumanPaceForm):
    start = forms.ChoiceField(label=_("Time"), widget=forms.RadioSelect)
    official = forms.ChoiceField(label=_("Official"), required=False)
    name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We will send a link to confirm the visit."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Phone (optional)"),
        regex=r"^\+?[0-9 ()-]{6,20}$",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the institution processes my data to arrange and hold this visit."),
    )

    def __init__(
        self,
        *args,
        slots: list[Slot],
        officials: dict[int, str],
        questions: list[dict],
        tz,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        starts = sorted({slot.start for slot in slots})
        self.fields["start"].choices = [
            (start.isoformat(), formats.time_format(timezone.localtime(start, tz), "H:i"))
            for start in starts
        ]
        self.fields["official"].choices = [(ANY, _("Any available official"))] + [
            (str(pk), name) for pk, name in officials.items()
        ]
        self.questions = questions
        for question in questions:
            field = forms.CharField(
                label=question_label(question),
                required=bool(question.get("required")),
                max_length=int(question.get("max_length", 200)),
            )
            if question.get("type") == "date":
                field.widget = forms.DateInput(attrs={"type": "date"})
            elif question.get("type") == "number":
                field.widget = forms.TextInput(attrs={"inputmode": "numeric"})
            self.fields[f"q_{question['key']}"] = field

    def clean_start(self) -> datetime:
        return datetime.fromisoformat(self.cleaned_data["start"])

    def answers(self) -> dict[str, str]:
        return {q["key"]: self.cleaned_data.get(f"q_{q['key']}", "") for q in self.questions}


class WaitingListForm(HumanPaceForm):
    first_day = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    name = BookingForm.base_fields["name"]
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We will e-mail you when a time becomes free."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = BookingForm.base_fields["phone"]
    consent = forms.BooleanField(
        label=_(
            "I agree that the institution processes my data to offer me a visit "
            "from the waiting list."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day cannot be before the first day."))
        return cleaned


class MoveForm(forms.Form):
    start = forms.ChoiceField(label=_("New time"), widget=forms.RadioSelect)

    def __init__(self, *args, slots: list[Slot], tz, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [
            (start.isoformat(), formats.time_format(timezone.localtime(start, tz), "H:i"))
            for start in sorted({slot.start for slot in slots})
        ]

    def clean_start(self) -> datetime:
        return datetime.fromisoformat(self.cleaned_data["start"])
