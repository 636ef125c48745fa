from django import forms
from django.utils.translation import gettext_lazy as _

from collab_service.institutions.models import Membership, Unit

MAX_CSV_BYTES = 2 * 1024 * 1024


class OfficialsImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, full_name, unit, role, job_title (role and job_title may be empty). "
            "Comma or semicolon separated, UTF-8 or Windows-1250."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class PersonAddForm(forms.Form):
    email = forms.EmailField(
        max_length=254, label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— none —"),
        help_text=_("Required for officials and unit managers."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)

    def __init__(self, *args, units, roles, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["role"].choices = [c for c in Membership.Role.choices if c[0] in roles]
