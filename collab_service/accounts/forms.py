import uuid

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from collab_service.notifications.services import email_enqueue


class SignInForm(AuthenticationForm):
    """The standard sign-in form with autocomplete hints that password managers and WCAG want."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes through the outbox, so an SMTP outage loses nothing."""

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
