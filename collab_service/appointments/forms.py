from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collab_service.core.dates import REASONABLE


class StatusLookupForm(forms.Form):
    reference_code = forms.CharField(
        label=_("Reference code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    email = forms.EmailField(
        label=_("E-mail address you booked with"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CheckInForm(forms.Form):
    reference_code = forms.CharField(
        label=_("Reference code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class BlockTimeForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean_day(self):
        day = self.cleaned_data["day"]
        if abs(day - timezone.localdate()) > REASONABLE:
            raise forms.ValidationError(_("Choose a day within ten years."))
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class DeskBookingForm(forms.Form):
    """An official books for a citizen who phones or comes in; e-mail is optional."""

    start = forms.ChoiceField(label=_("Time"))
    name = forms.CharField(label=_("Citizen's full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail (optional)"), max_length=254, required=False)
    phone = forms.RegexField(
        label=_("Phone (optional)"), regex=r"^\+?[0-9 ()-]{6,20}$", required=False
    )

    def __init__(self, *args, starts: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = starts
