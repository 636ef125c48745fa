"""An institution's training overview for its admins: who is trained in what, per person, CSV."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from collab_service.institutions.models import Institution, Membership
from collab_service.institutions.selectors import institutions_visible_to
from collab_service.training.forms import RecordFilterForm
from collab_service.training.selectors import (
    RecordFilters,
    can_view_training_of,
    course_choices,
    course_summaries,
    institution_members,
    institution_records,
    member_records,
    units_by_person,
)
from collab_service.training.services.export import records_csv
from collab_service.training.views.common import record_rows

PER_PAGE = 50


def _institution(request: HttpRequest, slug: str) -> Institution:
    """Another institution is 404 as if missing; the own one without admin rights is 403."""
    institution = get_object_or_404(institutions_visible_to(request.user), slug=slug)
    if not can_view_training_of(request.user, institution):
        raise PermissionDenied
    return institution


def _filter_form(request: HttpRequest, institution: Institution) -> RecordFilterForm:
    return RecordFilterForm(
        request.GET,
        units=institution.units.order_by("name"),
        courses=course_choices(institution),
    )


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    institution = _institution(request, slug)
    now = timezone.now()
    form = _filter_form(request, institution)
    filters = form.filters()
    per_course = RecordFilters(unit=filters.unit, course_id=filters.course_id)
    summaries = course_summaries(institution_records(institution, filters=per_course, now=now), now)
    page = Paginator(institution_records(institution, filters=filters, now=now), PER_PAGE).get_page(
        request.GET.get("page")
    )
    units = units_by_person(institution, [record.user_id for record in page.object_list])
    rows = [(row, units.get(row.record.user_id, [])) for row in record_rows(page.object_list, now)]
    context = {
        "institution": institution,
        "form": form,
        "summaries": summaries,
        "people": institution_members(institution, unit=filters.unit).count(),
        "page": page,
        "rows": rows,
        "filtered": any([filters.unit, filters.course_id, filters.state]),
    }
    return render(request, "training/institution.html", context)


@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    institution = _institution(request, slug)
    now = timezone.now()
    records = institution_records(
        institution, filters=_filter_form(request, institution).filters(), now=now
    )
    body = records_csv(institution=institution, records=records, now=now)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"training-{institution.slug}-{timezone.localdate(now).isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def person(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    institution = _institution(request, slug)
    official = get_object_or_404(institution_members(institution), pk=user_id)
    now = timezone.now()
    memberships = (
        Membership.objects.filter(institution=institution, user=official)
        .select_related("unit")
        .order_by("unit__name")
    )
    context = {
        "institution": institution,
        "official": official,
        "memberships": memberships,
        "rows": record_rows(
            member_records(institution, official).order_by("course_name", "course_id"), now
        ),
    }
    return render(request, "training/person.html", context)
