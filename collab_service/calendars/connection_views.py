"""The official's CalDAV connection page: sign-in details, test, calendars, state, disconnect.

Nothing here talks to the CalDAV server: tests and syncs run in workers, the page shows their
outcome.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.calendars.connection_forms import CalendarChoiceForm, ConnectionForm
from collab_service.calendars.models import CalendarConnection, PushItem
from collab_service.calendars.services.connections import (
    ConnectionInvalid,
    connection_choose_calendars,
    connection_delete,
    connection_save,
    connection_test_request,
)


def _connection(request: HttpRequest) -> CalendarConnection | None:
    return CalendarConnection.objects.filter(user=request.user).first()


def _page(request: HttpRequest, connection, *, form=None, choice_form=None, status=200):
    if form is None:
        initial = (
            {
                "server_url": connection.server_url,
                "username": connection.username,
                "auth_kind": connection.auth_kind,
            }
            if connection
            else None
        )
        form = ConnectionForm(initial=initial)
    if connection is not None and choice_form is None and connection.discovered_calendars:
        choice_form = CalendarChoiceForm(connection=connection)
    waiting = (
        PushItem.objects.filter(connection=connection, status=PushItem.Status.PENDING).count()
        if connection
        else 0
    )
    testing = bool(
        connection
        and connection.test_requested_at
        and (
            connection.last_tested_at is None
            or connection.last_tested_at < connection.test_requested_at
        )
    )
    context = {
        "connection": connection,
        "form": form,
        "choice_form": choice_form,
        "waiting": waiting,
        "testing": testing,
    }
    return render(request, "calendars/connection.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def connection_page(request: HttpRequest) -> HttpResponse:
    connection = _connection(request)
    if request.method == "GET":
        return _page(request, connection)
    form = ConnectionForm(request.POST)
    if form.is_valid():
        try:
            connection_save(user=request.user, **form.cleaned_data)
        except ConnectionInvalid as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved. The connection is being tested."))
            return redirect("calendars:connection")
    return _page(request, connection, form=form, status=400)


@login_required
@require_POST
def connection_test(request: HttpRequest) -> HttpResponse:
    connection = _connection(request)
    if connection is None:
        return redirect("calendars:connection")
    connection_test_request(connection=connection)
    messages.success(request, _("The test has started; its answer appears below."))
    return redirect("calendars:connection")


@login_required
@require_POST
def connection_calendars(request: HttpRequest) -> HttpResponse:
    connection = _connection(request)
    if connection is None or not connection.discovered_calendars:
        return redirect("calendars:connection")
    choice_form = CalendarChoiceForm(request.POST, connection=connection)
    if choice_form.is_valid():
        try:
            connection_choose_calendars(connection=connection, **choice_form.cleaned_data)
        except ConnectionInvalid as error:
            choice_form.add_error(None, str(error))
        else:
            messages.success(request, _("Your calendars are chosen; they will be kept in step."))
            return redirect("calendars:connection")
    return _page(request, connection, choice_form=choice_form, status=400)


@login_required
@require_POST
def connection_disconnect(request: HttpRequest) -> HttpResponse:
    connection = _connection(request)
    if connection is not None:
        connection_delete(connection=connection)
        messages.success(request, _("Your calendar is disconnected."))
    return redirect("calendars:connection")
