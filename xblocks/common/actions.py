"""JSON handlers that never raise: bad input and refusals come back as ``{"message", "code"}``.

``@XBlock.json_handler`` answers bad JSON in English only; these handlers answer in the
learner's language and turn the service's errors into friendly messages.
"""

import functools
import json
import logging

from webob import Response
from xblock.core import XBlock

from xblocks.common import service
from xblocks.common.errors import ActionError

log = logging.getLogger(__name__)


def json_response(body: dict, status: int = 200) -> Response:
    return Response(
        json.dumps(body), status=status, content_type="application/json", charset="utf8"
    )


def json_action(func):
    """Decorate ``func(self, data: dict, t: Translator) -> dict`` as a POST JSON handler."""

    @XBlock.handler
    @functools.wraps(func)
    def handler(self, request, suffix=""):
        t = self.translator()
        try:
            if request.method != "POST":
                raise ActionError(t.gettext("Send this form with POST."), "method_not_allowed", 405)
            data = _json_object(request.body, t)
            return json_response(func(self, data, t))
        except ActionError as exc:
            response = json_response(exc.body(), exc.status)
            if exc.status == 405:
                response.allow = ("POST",)
            return response
        except service.errors() as exc:
            refusal = service.friendly(exc, t, getattr(self, "refusals", {}))
            return json_response(refusal.body(), refusal.status)

    return handler


def _json_object(body: bytes, t) -> dict:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ActionError(
            t.gettext("The request could not be read. Reload the page and try again."), "bad_json"
        ) from None
    if not isinstance(data, dict):
        raise ActionError(
            t.gettext("The request could not be read. Reload the page and try again."), "bad_json"
        )
    return data
