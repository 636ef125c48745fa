"""Sign-in pages: local accounts (Django's LoginView) and the Open edX account (OAuth2)."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from collab_service.accounts.forms import SignInForm
from collab_service.accounts.jwt_verifier import lms_jwt_verifier
from collab_service.accounts.services.lms_sign_in import (
    LmsSignInFailed,
    lms_oauth_client,
    lms_sign_in_complete,
    lms_sign_in_start,
)

logger = logging.getLogger(__name__)

_SESSION_KEY = "lms_sign_in"
_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        if lms_oauth_client() is not None:
            context["lms_sign_in_url"] = _lms_login_url(context.get("next", ""))
        return context


def _lms_login_url(next_url: str) -> str:
    url = reverse("accounts:lms_login")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _redirect_uri() -> str:
    return f"{settings.PUBLIC_URL}{reverse('accounts:lms_complete')}"


def _safe_next(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else ""


@never_cache
@require_GET
def lms_login(request: HttpRequest) -> HttpResponse:
    client = lms_oauth_client()
    if client is None:
        raise Http404("Signing in with Open edX is not configured.")
    start = lms_sign_in_start(client=client, redirect_uri=_redirect_uri())
    request.session[_SESSION_KEY] = {
        "state": start.state,
        "next": _safe_next(request, request.GET.get("next", "")),
    }
    return redirect(start.authorize_url)


@never_cache
@require_GET
def lms_complete(request: HttpRequest) -> HttpResponse:
    client = lms_oauth_client()
    if client is None:
        raise Http404("Signing in with Open edX is not configured.")
    pending = request.session.pop(_SESSION_KEY, None) or {}
    next_url = _safe_next(request, pending.get("next", ""))
    try:
        user = lms_sign_in_complete(
            client=client,
            verifier=lms_jwt_verifier(),
            redirect_uri=_redirect_uri(),
            expected_state=pending.get("state"),
            state=request.GET.get("state", ""),
            code=request.GET.get("code", ""),
            error=request.GET.get("error", ""),
        )
    except LmsSignInFailed as exc:
        logger.warning("sign-in with Open edX failed: %s: %s", type(exc).__name__, exc)
        return _failure_page(request, exc, next_url)
    login(request, user, backend=_MODEL_BACKEND)
    return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


def _failure_page(request: HttpRequest, exc: LmsSignInFailed, next_url: str) -> HttpResponse:
    context = {
        "form": SignInForm(request),
        "next": next_url,
        "lms_sign_in_url": _lms_login_url(next_url),
        "lms_sign_in_error": exc.message,
    }
    return render(request, "accounts/login.html", context, status=exc.status)
