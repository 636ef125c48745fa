"""Secrets carried in addresses never reach the logs.

Citizens manage visits, officials accept invitations and calendars subscribe through links whose
path holds a token; the sign-in with Open edX returns with a code in the query. Access logs and
Django's "Not Found" warnings would keep them. ``redact`` resolves every path in a log line
against the service's own URLs and blanks the parts bound to a secret parameter, so a new route
with a ``token`` in its pattern is covered without a list to keep.
"""

import logging
import re
from urllib.parse import parse_qsl, urlencode

from django.urls import Resolver404, resolve

SECRET_PARAMETERS = frozenset({"token", "uidb64", "code"})
SECRET_QUERY_KEYS = frozenset({"code", "state", "token", "ticket", "jwt"})
REDACTED = "[redacted]"

_URL = re.compile(r"(?:https?://[^/\s\"']+)?(?P<path>/[^\s\"'?#]*)(?P<query>\?[^\s\"'#]*)?")


def _path(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    except Exception:  # a log filter never fails: settings not loaded (gunicorn's master), …
        return path
    for name in SECRET_PARAMETERS & match.kwargs.keys():
        value = str(match.kwargs[name])
        if value:
            path = path.replace(value, REDACTED)
    return path


def _query(query: str) -> str:
    """Secret values blanked; a value that is an address (``next=/invitations/…/``) redacted
    like a logged path."""
    pairs = parse_qsl(query[1:], keep_blank_values=True)
    kept = [
        (
            key,
            REDACTED
            if key.lower() in SECRET_QUERY_KEYS
            else redact(value)
            if value.startswith("/")
            else value,
        )
        for key, value in pairs
    ]
    if kept == pairs:
        return query
    return "?" + urlencode(kept, safe="[]/")


def redact(text: str) -> str:
    def one(match: re.Match) -> str:
        whole, path, query = match.group(0), match.group("path"), match.group("query") or ""
        prefix = whole[: match.start("path") - match.start()]
        return prefix + _path(path) + (_query(query) if query else "")

    return _URL.sub(one, text)


class RedactSecrets(logging.Filter):
    """A logging filter for every handler: the record's message, with secrets blanked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
