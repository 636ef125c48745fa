"""The CSV import of officials: upload and check, then follow the import and get its report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from collab_service.core.text import SpreadsheetWriter
from collab_service.institutions.forms import OfficialsImportForm
from collab_service.institutions.models import Institution, PeopleImport
from collab_service.institutions.selectors import can_manage_institution, institutions_visible_to
from collab_service.institutions.services.officials_import import (
    COLUMNS,
    CsvFileError,
    officials_file_check,
)
from collab_service.institutions.services.people_imports import people_import_start


def _managed_institution(request: HttpRequest, slug: str) -> Institution:
    institution = get_object_or_404(institutions_visible_to(request.user), slug=slug)
    if not can_manage_institution(request.user, institution):
        raise PermissionDenied
    return institution


def _import_of(request: HttpRequest, slug: str, pk: int) -> PeopleImport:
    institution = _managed_institution(request, slug)
    return get_object_or_404(
        PeopleImport.objects.select_related("institution"), pk=pk, institution=institution
    )


@login_required
def people_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload: a check only shows the report here; an import goes on in the background."""
    institution = _managed_institution(request, slug)
    checked = None
    form = OfficialsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if form.cleaned_data["dry_run"]:
                checked = officials_file_check(institution=institution, data=upload.read())
            else:
                started = people_import_start(
                    institution=institution,
                    data=upload.read(),
                    file_name=upload.name,
                    uploaded_by=request.user,
                    language=get_language(),
                )
                return redirect("institutions:people_import_progress", institution.slug, started.pk)
        except CsvFileError as exc:
            form.add_error("file", str(exc))
    recent = institution.people_imports.order_by("-created_at", "-pk")[:10]
    return render(
        request,
        "institutions/people_import.html",
        {
            "institution": institution,
            "form": form,
            "checked": checked,
            "checked_errors": [(e.line, e.column, e.message) for e in checked.errors]
            if checked
            else [],
            "columns": COLUMNS,
            "recent": recent,
        },
        status=400 if form.errors else 200,
    )


@login_required
def people_import_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """How far the import is; the page's script asks again with ``?format=json`` until done."""
    people_import = _import_of(request, slug, pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": people_import.status,
                "status_display": people_import.get_status_display(),
                "processed": people_import.processed,
                "total": people_import.total,
            }
        )
    return render(
        request,
        "institutions/people_import_progress.html",
        {"institution": people_import.institution, "people_import": people_import},
    )


@login_required
def people_import_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    people_import = _import_of(request, slug, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{people_import.pk}.csv"'
    writer = SpreadsheetWriter(response)
    writer.writerow([_("Line"), _("Column"), _("Problem")])
    writer.writerows(people_import.errors)
    writer.writerow([])
    writer.writerow([_("Placed in a new unit"), people_import.created])
    writer.writerow([_("Already present or updated"), people_import.updated])
    writer.writerow([_("Invited"), people_import.invited])
    writer.writerow([_("Rows imported"), f"{people_import.processed}/{people_import.total}"])
    return response
