import uuid

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.models import User
from collab_service.notifications.services import email_enqueue


class LockoutMessageMixin:
    """Says why a sign-in is refused once django-axes has locked the username and address."""

    def clean(self) -> dict:
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                minutes = max(1, settings.SIGN_IN_LOCKOUT_SECONDS // 60)
                raise forms.ValidationError(
                    _(
                        "Too many failed attempts. Try again in %(minutes)d minutes or reset "
                        "your password."
                    )
                    % {"minutes": minutes},
                    code="throttled",
                ) from None
            raise


class SignInForm(LockoutMessageMixin, AuthenticationForm):
    """The standard sign-in form with autocomplete hints, refusing after repeated failures."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class AdminSignInForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The admin's sign-in, under the same lockout as the sign-in page."""


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the outbox, so an SMTP outage loses nothing.

    Unlike Django's, it also serves people who never set a password (invited officials whose
    welcome link expired); LMS-only accounts have no e-mail unless the LMS verified it.
    """

    def get_users(self, email: str):
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        email_enqueue(
            idempotency_key=f"password-reset:{uuid.uuid4()}",
            to=[to_email],
            subject=subject,
            body_text=render_to_string(email_template_name, context),
        )
