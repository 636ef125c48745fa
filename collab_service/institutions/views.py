"""Pages for officials: their institutions, the people directory, and the CSV import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collab_service.institutions.errors import InstitutionError
from collab_service.institutions.forms import PersonAddForm
from collab_service.institutions.models import Institution, Membership
from collab_service.institutions.selectors import (
    can_manage_institution,
    institutions_visible_to,
    managed_units,
    memberships_visible_to,
    pending_invitations,
    user_memberships,
)
from collab_service.institutions.services import invitations


def _visible_institution(request: HttpRequest, slug: str) -> Institution:
    return get_object_or_404(institutions_visible_to(request.user), slug=slug)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = user_memberships(request.user)
    institutions = institutions_visible_to(request.user).order_by("name")
    if request.user.is_platform_admin:
        institutions = institutions[:50]
    return render(
        request,
        "institutions/dashboard.html",
        {"memberships": memberships, "institutions": institutions},
    )


@login_required
def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    institution = _visible_institution(request, slug)
    search = request.GET.get("q", "").strip()[:100]
    people = memberships_visible_to(request.user).filter(institution=institution)
    if search:
        people = people.filter(
            Q(user__full_name__icontains=search)
            | Q(user__email__icontains=search)
            | Q(unit__name__icontains=search)
        )
    page = Paginator(people.order_by("user__full_name", "pk"), 50).get_page(request.GET.get("page"))
    units = institution.units.annotate(people=Count("memberships")).order_by("name")
    waiting = [
        (invitation, invitations.invitation_expires_at(invitation))
        for invitation in pending_invitations(request.user, institution)[:100]
    ]
    return render(
        request,
        "institutions/workspace.html",
        {
            "institution": institution,
            "units": units,
            "page": page,
            "search": search,
            "can_manage": can_manage_institution(request.user, institution),
            "can_add_people": managed_units(request.user, institution).exists(),
            "invitations": waiting,
        },
    )


@login_required
def person_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add one person: admins anywhere in the institution, unit managers to their own units."""
    institution = _visible_institution(request, slug)
    units = managed_units(request.user, institution)
    if not units.exists() and not can_manage_institution(request.user, institution):
        raise PermissionDenied
    roles = (
        Membership.Role.values
        if can_manage_institution(request.user, institution)
        else [Membership.Role.OFFICIAL]
    )
    form = PersonAddForm(request.POST or None, units=units, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            added = invitations.person_add(
                institution=institution,
                language=get_language(),
                may_change_role=can_manage_institution(request.user, institution),
                invited_by=request.user,
                **form.cleaned_data,
            )
        except InstitutionError as exc:
            form.add_error(None, str(exc))
        else:
            if added.invitation is not None:
                message = _(
                    "We have sent an invitation to %(email)s. The person joins when they accept it."
                ) % {"email": added.invitation.email}
            else:
                message = _("%(name)s's place is saved.") % {
                    "name": added.membership.user.display_name
                }
            messages.success(request, message)
            return redirect("institutions:workspace", slug=institution.slug)
    return render(
        request, "institutions/person_add.html", {"institution": institution, "form": form}
    )


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    institution = _visible_institution(request, slug)
    invitation = get_object_or_404(pending_invitations(request.user, institution), pk=pk)
    try:
        invitations.invitation_revoke(invitation=invitation)
    except InstitutionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
        )
    return redirect("institutions:workspace", slug=institution.slug)
