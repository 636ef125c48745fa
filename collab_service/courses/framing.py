"""Letting the LMS frame a page: only pages that call ``frameable`` may be framed, and only by
the origins in ``FRAME_ANCESTORS``; every other page keeps ``frame-ancestors 'none'`` and
``X-Frame-Options: DENY``."""

from django.conf import settings
from django.http import HttpResponse


def frame_ancestors_policy(policy: str, ancestors: list[str]) -> str:
    """The policy with its frame-ancestors directive replaced by the given origins."""
    directives = [
        directive.strip()
        for directive in policy.split(";")
        if directive.strip() and directive.split()[0].lower() != "frame-ancestors"
    ]
    directives.append(" ".join(["frame-ancestors", "'self'", *ancestors]))
    return "; ".join(directives)


def frameable(response: HttpResponse) -> HttpResponse:
    ancestors = settings.FRAME_ANCESTORS
    if not ancestors:
        return response
    policy = response.headers.get("Content-Security-Policy") or settings.CONTENT_SECURITY_POLICY
    response.headers["Content-Security-Policy"] = frame_ancestors_policy(policy, ancestors)
    response.xframe_options_exempt = True
    return response
