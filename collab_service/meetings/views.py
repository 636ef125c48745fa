"""Officials' meeting pages: the list, scheduling, the meeting itself, inviting and cancelling."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.meetings.errors import MeetingError
from collab_service.meetings.forms import InviteForm, MeetingEditForm, MeetingForm
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.selectors import (
    can_manage,
    meeting_participants,
    meetings_visible_to,
    participant_of,
)
from collab_service.meetings.services.attendance_report import attendance_csv, attendance_report
from collab_service.meetings.services.live import meeting_live_state
from collab_service.meetings.services.meetings import (
    meeting_cancel,
    meeting_create,
    meeting_update,
    participant_revoke,
    participants_invite,
)
from collab_service.meetings.services.window import is_open_at, join_window

PAST_SHOWN = 20


def _institutions(user: User) -> QuerySet[Institution]:
    return Institution.objects.filter(memberships__user=user).distinct().order_by("name")


def _colleagues(user: User, institutions: QuerySet[Institution]) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__institution__in=institutions, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
    )


def _visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def _managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = _visible_meeting(request, pk)
    if not can_manage(request.user, meeting):
        raise Http404
    return meeting


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    meetings = meetings_visible_to(request.user)
    recent = now - timedelta(minutes=30)
    upcoming = meetings.filter(end__gte=recent).order_by("start", "pk")
    past = meetings.filter(end__lt=recent).order_by("-start", "-pk")[:PAST_SHOWN]
    return render(
        request,
        "meetings/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_create": _institutions(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    institutions = _institutions(request.user)
    first = institutions.first()
    if first is None:
        return render(request, "meetings/no_institution.html", status=403)
    units = Unit.objects.filter(institution__in=institutions).select_related("institution")
    own_unit = (
        Membership.objects.filter(user=request.user, unit__isnull=False)
        .values_list("unit_id", flat=True)
        .first()
    )
    form = MeetingForm(
        request.POST or None,
        colleagues=_colleagues(request.user, institutions),
        units=units.order_by("institution__name", "name"),
        time_zone=first.time_zone,
        initial={"unit": own_unit, "day": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = data["unit"]
        try:
            meeting = meeting_create(
                organiser=request.user,
                institution=unit.institution if unit else first,
                unit=unit,
                title=data["title"],
                description=data["description"],
                start=data["start"],
                end=data["end"],
                lobby_enabled=data["lobby_enabled"],
                recording_allowed=data["recording_allowed"],
                colleagues=list(data["colleagues"]),
                co_organisers=list(data["co_organisers"]),
                guests=data["guests"],
                language=request.LANGUAGE_CODE,
            )
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is scheduled and the invitations are sent."))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/new.html", {"form": form}, status=400 if form.errors else 200)


def _detail_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    me = participant_of(request.user, meeting)
    manager = me is not None and me.is_moderator
    opens, closes = join_window(meeting)
    now = timezone.now()
    context = {
        "meeting": meeting,
        "me": me,
        "can_manage": manager,
        "participants": meeting_participants(meeting),
        "opens": opens,
        "is_open": is_open_at(meeting, now),
        "has_ended": now > closes,
        "time_zone": meeting.institution.time_zone,
    }
    if context["is_open"] and me is not None:
        context["live"] = meeting_live_state(meeting=meeting)
    if manager:
        context["attendance"] = attendance_report(meeting=meeting)
    if manager and "invite_form" not in extra:
        context["invite_form"] = _invite_form(request, meeting, data=None)
    context.update(extra)
    return context


def _invite_form(request: HttpRequest, meeting: Meeting, *, data) -> InviteForm:
    institutions = Institution.objects.filter(pk=meeting.institution_id)
    return InviteForm(data, colleagues=_colleagues(request.user, institutions))


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


@login_required
@require_POST
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    form = _invite_form(request, meeting, data=request.POST)
    if form.is_valid():
        try:
            added = participants_invite(
                meeting=meeting,
                colleagues=list(form.cleaned_data["colleagues"]),
                co_organisers=list(form.cleaned_data["co_organisers"]),
                guests=form.cleaned_data["guests"],
                language=request.LANGUAGE_CODE,
            )
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Invitations sent: %(count)d.") % {"count": len(added)}
                if added
                else _("Everyone you chose was already invited."),
            )
            return redirect("meetings:detail", pk=meeting.pk)
    context = _detail_context(request, meeting, invite_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int, participant_id: str) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    participant = get_object_or_404(Participant, pk=participant_id, meeting=meeting)
    try:
        participant_revoke(participant=participant)
    except MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s's invitation is withdrawn; their link no longer works.")
            % {"name": participant.name},
        )
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    tz = ZoneInfo(meeting.institution.time_zone)
    start, end = timezone.localtime(meeting.start, tz), timezone.localtime(meeting.end, tz)
    form = MeetingEditForm(
        request.POST or None,
        units=meeting.institution.units.order_by("name"),
        time_zone=meeting.institution.time_zone,
        initial={
            "title": meeting.title,
            "description": meeting.description,
            "unit": meeting.unit_id,
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "lobby_enabled": meeting.lobby_enabled,
            "recording_allowed": meeting.recording_allowed,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting_update(
                meeting=meeting,
                title=data["title"],
                description=data["description"],
                unit=data["unit"],
                start=data["start"],
                end=data["end"],
                lobby_enabled=data["lobby_enabled"],
                recording_allowed=data["recording_allowed"],
            )
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("meetings:detail", pk=meeting.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "meeting": meeting}
    return render(request, "meetings/edit.html", context, status=status)


@login_required
@require_POST
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    meeting_cancel(meeting=meeting)
    messages.success(request, _("The meeting is cancelled and the invitees are told."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
def attendance_download(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_meeting(request, pk)
    response = HttpResponse(attendance_csv(meeting=meeting), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{meeting.pk}.csv"'
    return response
