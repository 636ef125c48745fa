"""Error pages: JSON under /api/, accessible HTML elsewhere."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def _respond(request: HttpRequest, status: int, message: str, code: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "code": code}, status=status)
    return render(
        request, "errors/error.html", {"status": status, "message": message}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 400, _("The request could not be understood."), "bad_request")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 403, _("You do not have access to this page."), "permission_denied")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 404, _("We could not find this page."), "not_found")


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context: the database or session may be what failed."""
    message = _("Something went wrong on our side. Please try again later.")
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "code": "server_error"}, status=500)
    html = loader.get_template("errors/500.html").render(
        {"message": message, "language": get_language()}
    )
    return HttpResponseServerError(html)
