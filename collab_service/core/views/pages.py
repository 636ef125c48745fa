"""Public pages: the directory of institutions for citizens, and the API reference."""

from functools import lru_cache

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from drf_spectacular.generators import SchemaGenerator

from collab_service.appointments.selectors import bookable_case_types
from collab_service.institutions.models import Institution
from collab_service.institutions.selectors import public_institutions, public_units

_HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def home(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    paginator = Paginator(public_institutions(search=search), 25)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "core/home.html", {"page": page, "search": search})


def institution_public(request: HttpRequest, slug: str) -> HttpResponse:
    institution = get_object_or_404(Institution, slug=slug, is_active=True)
    return render(
        request,
        "core/institution_public.html",
        {
            "institution": institution,
            "units": public_units(institution),
            "case_types": bookable_case_types().filter(institution=institution),
        },
    )


@lru_cache(maxsize=4)
def _api_operations(language: str) -> tuple[dict, list[dict]]:
    """The schema's operations, built once per language (summaries and messages are translated)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in _HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    "anchor": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or operation.get("description", ""),
                    "tags": operation.get("tags", []),
                    "parameters": operation.get("parameters", []),
                    "body_schema": next(iter(body.values()), {}).get("schema", {}).get("$ref", ""),
                    "responses": sorted(operation.get("responses", {}).keys()),
                }
            )
    return schema.get("info", {}), operations


def api_docs(request: HttpRequest) -> HttpResponse:
    info, operations = _api_operations(get_language())
    return render(request, "core/api_docs.html", {"info": info, "operations": operations})
