"""The page behind an invitation's link: its owner accepts (signing in or making an account) or
declines. Anyone holding the link may open it; only the invited address's owner may accept."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.errors import InstitutionError
from collab_service.institutions.forms import InvitationAccountForm
from collab_service.institutions.models import Invitation
from collab_service.institutions.services.invitations import (
    invitation_accept,
    invitation_accept_as_new,
    invitation_by_token,
    invitation_decline,
    invitation_expires_at,
)

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_by_token(token)
    if invitation is None:
        return render(request, "institutions/invitation_gone.html", status=404)
    signed_in = request.user.is_authenticated
    is_owner = signed_in and request.user.email.strip().lower() == invitation.email.lower()
    has_account = not signed_in and User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if not signed_in and not has_account:
        form = InvitationAccountForm(
            request.POST if request.POST.get("action") == "create" else None,
            initial={"full_name": invitation.full_name},
            email=invitation.email,
        )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decline":
                invitation_decline(invitation=invitation)
                return render(
                    request, "institutions/invitation_declined.html", {"invitation": invitation}
                )
            if action == "accept" and is_owner:
                invitation_accept(invitation=invitation, user=request.user)
                return _joined(request, invitation)
            if action == "create" and form is not None and form.is_valid():
                user = invitation_accept_as_new(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend=_BACKEND)
                return _joined(request, invitation)
        except InstitutionError as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "institutions/invitation.html",
        {
            "invitation": invitation,
            "expires_at": invitation_expires_at(invitation),
            "signed_in": signed_in,
            "is_owner": is_owner,
            "has_account": has_account,
            "form": form,
        },
        status=status,
    )


def _joined(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request, _("Welcome to %(institution)s.") % {"institution": invitation.institution.name}
    )
    return redirect("institutions:workspace", slug=invitation.institution.slug)
