"""Set-up pages for institution admins: the start page, locations, and case types (matters)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.appointments.models import CaseType, Location
from collab_service.appointments.services.setup import (
    SetupError,
    case_type_active_set,
    case_type_delete,
    case_type_save,
    location_delete,
    location_save,
    questions_save,
)
from collab_service.appointments.setup_forms import CaseTypeForm, LocationForm, QuestionFormSet
from collab_service.appointments.setup_selectors import setup_institutions, setup_scope


def form_error(form: forms.BaseForm, error: SetupError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    institutions = list(setup_institutions(request.user).order_by("name")[:50])
    if not institutions:
        raise PermissionDenied
    if len(institutions) == 1:
        return redirect("setup:home", slug=institutions[0].slug)
    return render(request, "appointments/setup/index.html", {"institutions": institutions})


@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    return render(request, "appointments/setup/home.html", {"scope": scope})


@login_required
def locations(request: HttpRequest, slug: str) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    return render(
        request,
        "appointments/setup/locations.html",
        {"scope": scope, "locations": scope.institution.locations.order_by("name", "pk")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    location = (
        Location(institution=scope.institution)
        if pk is None
        else get_object_or_404(scope.institution.locations, pk=pk)
    )
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        location_save(location=form.instance)
        messages.success(request, _("The location is saved."))
        return redirect("setup:locations", slug=slug)
    return render(
        request,
        "appointments/setup/form.html",
        {
            "scope": scope,
            "form": form,
            "title": _("Add a location") if pk is None else _("Edit the location"),
            "back": "setup:locations",
        },
    )


@login_required
@require_POST
def location_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    location = get_object_or_404(scope.institution.locations, pk=pk)
    try:
        location_delete(location=location)
        messages.success(request, _("The location is deleted."))
    except SetupError as exc:
        messages.error(request, str(exc))
    return redirect("setup:locations", slug=slug)


@login_required
def case_types(request: HttpRequest, slug: str) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    rows = scope.institution.case_types.annotate(visits=Count("bookings", distinct=True)).order_by(
        "-is_active", "name_pl", "pk"
    )
    return render(
        request, "appointments/setup/case_types.html", {"scope": scope, "case_types": rows}
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_type_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    case_type = (
        CaseType(institution=scope.institution)
        if pk is None
        else get_object_or_404(scope.institution.case_types, pk=pk)
    )
    form = CaseTypeForm(
        request.POST or None, instance=case_type, institution=scope.institution, people=scope.people
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_type_save(
                case_type=form.instance,
                locations=list(data["locations"]),
                units=list(data["units"]),
                officials=list(data["officials"]),
            )
        except SetupError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The matter is saved."))
            return redirect("setup:case_types", slug=slug)
    return render(
        request,
        "appointments/setup/form.html",
        {
            "scope": scope,
            "form": form,
            "title": _("Add a matter") if pk is None else _("Edit the matter"),
            "back": "setup:case_types",
        },
    )


@login_required
@require_POST
def case_type_active(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    case_type = get_object_or_404(scope.institution.case_types, pk=pk)
    active = request.POST.get("active") == "1"
    case_type_active_set(case_type=case_type, active=active)
    if active:
        messages.success(request, _("%(name)s can be booked.") % {"name": case_type.name})
    else:
        messages.success(request, _("%(name)s can no longer be booked.") % {"name": case_type.name})
    return redirect("setup:case_types", slug=slug)


@login_required
@require_POST
def case_type_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    case_type = get_object_or_404(scope.institution.case_types, pk=pk)
    try:
        case_type_delete(case_type=case_type)
        messages.success(request, _("The matter is deleted."))
    except SetupError as exc:
        messages.error(request, str(exc))
    return redirect("setup:case_types", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    case_type = get_object_or_404(scope.institution.case_types, pk=pk)
    formset = QuestionFormSet(request.POST or None, initial=case_type.form_fields, prefix="q")
    if request.method == "POST" and formset.is_valid():
        questions_save(case_type=case_type, questions=formset.questions)
        messages.success(request, _("The questions are saved."))
        return redirect("setup:questions", slug=slug, pk=pk)
    return render(
        request,
        "appointments/setup/questions.html",
        {"scope": scope, "case_type": case_type, "formset": formset},
    )
