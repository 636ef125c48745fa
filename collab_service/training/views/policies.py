"""Certificate validity rules: platform admins manage them, institution admins read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collab_service.training.errors import TrainingError
from collab_service.training.forms import CertificatePolicyForm
from collab_service.training.models import CertificatePolicy
from collab_service.training.selectors import can_view_policies
from collab_service.training.services.policies import (
    certificate_policy_delete,
    certificate_policy_save,
)


def _platform_admin(request: HttpRequest) -> None:
    if not request.user.is_platform_admin:
        raise PermissionDenied


@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    if not can_view_policies(request.user):
        raise PermissionDenied
    context = {
        "policies": CertificatePolicy.objects.order_by("course_name", "course_id"),
        "can_manage": request.user.is_platform_admin,
    }
    return render(request, "training/policy_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _platform_admin(request)
    policy = get_object_or_404(CertificatePolicy, pk=pk) if pk is not None else None
    initial = {}
    if policy is not None:
        initial = {field: getattr(policy, field) for field in CertificatePolicyForm.base_fields}
    form = CertificatePolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_policy_save(policy=policy, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The rule is saved and expiry dates are updated."))
            return redirect("training:policies")
    status = 400 if form.errors else 200
    context = {"form": form, "policy": policy}
    return render(request, "training/policy_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def policy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _platform_admin(request)
    policy = get_object_or_404(CertificatePolicy, pk=pk)
    if request.method == "POST":
        certificate_policy_delete(policy=policy)
        messages.success(request, _("The rule is removed: these certificates no longer expire."))
        return redirect("training:policies")
    return render(request, "training/policy_delete.html", {"policy": policy})
