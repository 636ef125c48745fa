"""Set-up pages for who receives citizens: officials, their weekly hours, leave and extra hours,
and closures of the whole institution."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.appointments.models import Agenda, AvailabilityException, WorkingHours
from collab_service.appointments.services.setup import (
    SetupError,
    agenda_create,
    exception_delete,
    exception_save,
    working_hours_delete,
    working_hours_save,
)
from collab_service.appointments.setup_forms import ExceptionForm, WorkingHoursForm
from collab_service.appointments.setup_selectors import SetupScope, setup_scope
from collab_service.appointments.setup_views import form_error

Kind = AvailabilityException.Kind


@login_required
def officials(request: HttpRequest, slug: str) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    people = scope.people.select_related("agenda").order_by("full_name", "pk")
    return render(request, "appointments/setup/officials.html", {"scope": scope, "people": people})


@login_required
@require_POST
def receive(request: HttpRequest, slug: str, user_pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    person = get_object_or_404(scope.people, pk=user_pk)
    try:
        agenda = agenda_create(institution=scope.institution, official=person)
    except SetupError as exc:
        messages.error(request, str(exc))
        return redirect("setup:officials", slug=slug)
    messages.success(
        request,
        _("%(name)s receives citizens. Add their working hours.") % {"name": person.display_name},
    )
    return redirect("setup:agenda", slug=slug, pk=agenda.pk)


def _agenda(scope: SetupScope, pk: int) -> Agenda:
    return get_object_or_404(scope.agendas.select_related("official"), pk=pk)


@login_required
def agenda(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    chosen = _agenda(scope, pk)
    hours = [
        (row, WEEKDAYS[row.weekday])
        for row in chosen.working_hours.select_related("location").order_by(
            "weekday", "start_time", "valid_from", "pk"
        )
    ]
    exceptions = chosen.exceptions.filter(end__gt=timezone.now()).order_by("start", "pk")
    return render(
        request,
        "appointments/setup/agenda.html",
        {
            "scope": scope,
            "agenda": chosen,
            "hours": hours,
            "exceptions": exceptions,
            "tz": ZoneInfo(scope.institution.time_zone),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hours_edit(
    request: HttpRequest, slug: str, pk: int, hours_pk: int | None = None
) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    chosen = _agenda(scope, pk)
    hours = (
        WorkingHours(agenda=chosen)
        if hours_pk is None
        else get_object_or_404(chosen.working_hours, pk=hours_pk)
    )
    form = WorkingHoursForm(request.POST or None, instance=hours, institution=scope.institution)
    if request.method == "POST" and form.is_valid():
        try:
            working_hours_save(hours=form.instance)
        except SetupError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("The working hours are saved."))
            return redirect("setup:agenda", slug=slug, pk=pk)
    title = _("Add working hours") if hours_pk is None else _("Edit working hours")
    return render(
        request,
        "appointments/setup/form.html",
        {
            "scope": scope,
            "form": form,
            "title": f"{title}: {chosen.official.display_name}",
            "back": "setup:agenda",
            "back_pk": pk,
        },
    )


@login_required
@require_POST
def hours_remove(request: HttpRequest, slug: str, pk: int, hours_pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    hours = get_object_or_404(_agenda(scope, pk).working_hours, pk=hours_pk)
    working_hours_delete(hours=hours)
    messages.success(request, _("The working hours are removed."))
    return redirect("setup:agenda", slug=slug, pk=pk)


def _exception_form(
    request: HttpRequest, scope: SetupScope, agenda: Agenda | None
) -> ExceptionForm | None:
    """The form to show again, or None once the exception is saved."""
    kinds = [Kind.LEAVE, Kind.EXTRA] if agenda is not None else [Kind.CLOSURE]
    form = ExceptionForm(request.POST or None, institution=scope.institution, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        exception = AvailabilityException(
            institution=scope.institution,
            agenda=agenda,
            kind=data["kind"],
            location=data.get("location"),
            start=data["start"],
            end=data["end"],
            note=data["note"],
        )
        try:
            exception_save(exception=exception)
        except SetupError as exc:
            form_error(form, exc)
        else:
            return None
    return form


@login_required
@require_http_methods(["GET", "POST"])
def exception_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    chosen = _agenda(scope, pk)
    form = _exception_form(request, scope, chosen)
    if form is None:
        messages.success(request, _("The leave or extra hours are saved."))
        return redirect("setup:agenda", slug=slug, pk=pk)
    return render(
        request,
        "appointments/setup/form.html",
        {
            "scope": scope,
            "form": form,
            "title": _("Leave or extra hours: %(name)s") % {"name": chosen.official.display_name},
            "back": "setup:agenda",
            "back_pk": pk,
        },
    )


@login_required
@require_POST
def exception_remove(request: HttpRequest, slug: str, pk: int, exception_pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug)
    exception = get_object_or_404(_agenda(scope, pk).exceptions, pk=exception_pk)
    exception_delete(exception=exception)
    messages.success(request, _("Removed."))
    return redirect("setup:agenda", slug=slug, pk=pk)


@login_required
def closures(request: HttpRequest, slug: str) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    rows = AvailabilityException.objects.filter(
        institution=scope.institution, agenda__isnull=True, end__gt=timezone.now()
    ).order_by("start", "pk")
    return render(
        request,
        "appointments/setup/closures.html",
        {"scope": scope, "closures": rows, "tz": ZoneInfo(scope.institution.time_zone)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_add(request: HttpRequest, slug: str) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    form = _exception_form(request, scope, None)
    if form is None:
        messages.success(request, _("The closure is saved."))
        return redirect("setup:closures", slug=slug)
    return render(
        request,
        "appointments/setup/form.html",
        {"scope": scope, "form": form, "title": _("Add a closure"), "back": "setup:closures"},
    )


@login_required
@require_POST
def closure_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    scope = setup_scope(request.user, slug, admin_only=True)
    closure = get_object_or_404(
        AvailabilityException, institution=scope.institution, agenda__isnull=True, pk=pk
    )
    exception_delete(exception=closure)
    messages.success(request, _("The closure is removed."))
    return redirect("setup:closures", slug=slug)
