from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from collab_service.institutions.models import Unit
from collab_service.training.models import (
    MAX_REMIND_DAYS,
    MAX_VALIDITY_MONTHS,
    validate_course_id,
)
from collab_service.training.selectors import RecordFilters
from collab_service.training.states import TrainingState

STATE_CHOICES = [
    ("", _("Any")),
    ("trained", _("Trained (valid certificate or passed)")),
    (TrainingState.EXPIRING_SOON, _("Certificate expires soon")),
    (TrainingState.EXPIRED, _("Certificate expired")),
    (TrainingState.REVOKED, _("Certificate revoked")),
    (TrainingState.ENROLLED, _("Enrolled, not passed yet")),
    (TrainingState.UNENROLLED, _("Unenrolled")),
]


class RecordFilterForm(forms.Form):
    """The overview's filters from the query string; anything invalid is simply ignored."""

    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("Any")
    )
    course = forms.ChoiceField(label=_("Course"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False, choices=STATE_CHOICES)

    def __init__(
        self, *args, units: QuerySet[Unit], courses: list[tuple[str, str]], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["course"].choices = [("", _("Any")), *courses]

    def filters(self) -> RecordFilters:
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return RecordFilters(
            unit=data.get("unit"), course_id=data.get("course", ""), state=data.get("state", "")
        )


class CertificatePolicyForm(forms.Form):
    course_id = forms.CharField(
        label=_("Course id"),
        max_length=255,
        validators=[validate_course_id],
        help_text=_("As in the LMS, for example course-v1:Urzad+RODO+2026."),
    )
    course_name = forms.CharField(label=_("Course name"), max_length=255, required=False)
    validity_months = forms.IntegerField(
        label=_("Certificate valid for (months)"),
        min_value=1,
        max_value=MAX_VALIDITY_MONTHS,
        initial=24,
    )
    remind_days_before = forms.IntegerField(
        label=_("Remind this many days before expiry"),
        min_value=0,
        max_value=MAX_REMIND_DAYS,
        initial=30,
    )
    notify_institution_admins = forms.BooleanField(
        label=_("Also e-mail the admins of the person's institutions"), required=False
    )
    course_url = forms.URLField(
        label=_("Course address for the reminder"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Leave empty to link to the course's page in the LMS."),
    )
