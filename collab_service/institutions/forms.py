from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.models import User
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
    dry_run = forms.BooleanField(
        label=_("Only check the file, import nothing"), required=False, label_suffix=""
    )

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


class InvitationAccountForm(forms.Form):
    """The account a person without one makes when accepting an invitation."""

    full_name = forms.CharField(label=_("Full name"), max_length=255)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            person = User(email=self.email, username=self.email, full_name=data.get("full_name"))
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data
