"""The one client of the collaboration service, used by the XBlocks and the plugin app.

Calls are made on behalf of a user with a short-lived JWT minted for them (``client_for``), or
without a token for the service's public endpoints (``public_client``). GET and PUT are
idempotent and retried on connection failures, timeouts and 5xx answers; POST never is.
"""

import logging
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import httpx
from django.utils import timezone, translation

from edx_plugins.szpon import compat
from edx_plugins.szpon.config import service_settings
from edx_plugins.szpon.errors import ServiceError, ServiceRefused, ServiceUnavailable
from edx_plugins.szpon.results import (
    CourseConsultation,
    CourseMeeting,
    JoinTicket,
    LearnerBooking,
    MeetingJoin,
    MeetingMe,
    PublicCourseMeeting,
    ServiceUser,
    Slot,
    TrainingCertificate,
    TrainingEventResult,
    TrainingRecord,
)

__all__ = [
    "CourseConsultation",
    "CourseMeeting",
    "JoinTicket",
    "LearnerBooking",
    "MeetingJoin",
    "MeetingMe",
    "PublicCourseMeeting",
    "ServiceClient",
    "ServiceError",
    "ServiceRefused",
    "ServiceUnavailable",
    "ServiceUser",
    "Slot",
    "TrainingCertificate",
    "TrainingEventResult",
    "TrainingRecord",
    "client_for",
    "public_client",
]

logger = logging.getLogger(__name__)

_IDEMPOTENT = {"GET", "PUT"}
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
_MAX_PAGES = 10


class ServiceClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str = "",
        timeout: float = 5.0,
        retries: int = 2,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not base_url:
            raise ServiceUnavailable(
                translation.gettext("Meetings are not set up on this site yet."),
                detail="the service's URL is not configured",
            )
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"JWT {token}"
        self.retries = max(int(retries), 0)
        self.backoff = backoff
        # trust_env=False: a proxy meant for the outside world must not catch the service.
        self.http = httpx.Client(
            base_url=base_url.rstrip("/") + "/api/v1/",
            headers=headers,
            timeout=timeout,
            transport=transport,
            trust_env=False,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "ServiceClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Course meetings

    def meeting_sync(
        self,
        *,
        block_id: str,
        course_id: str,
        title: str,
        schedule: str,
        start: datetime | None = None,
        duration_minutes: int = 60,
        hosts: Iterable[str] = (),
        lobby: bool = True,
        recording_allowed: bool = False,
        guest_access: bool = False,
        completion_minutes: int = 0,
        language: str = "",
    ) -> CourseMeeting:
        body = {
            "block_id": block_id,
            "course_id": course_id,
            "title": title,
            "schedule": schedule,
            "duration_minutes": duration_minutes,
            "hosts": list(hosts),
            "lobby": lobby,
            "recording_allowed": recording_allowed,
            "guest_access": guest_access,
            "completion_minutes": completion_minutes,
        }
        if start is not None:
            body["start"] = start.isoformat()
        if language:
            # The service takes plain language codes ("pl", "en"); the LMS may say "en-gb".
            # Without one it uses its own default.
            body["language"] = language.split("-")[0].lower()
        return CourseMeeting.from_json(self._call("PUT", "course-meetings/by-block/", json=body))

    def meeting_by_block(self, block_id: str) -> CourseMeeting:
        """Raises ServiceRefused with status 404 when the block was never synced."""
        data = self._call("GET", "course-meetings/by-block/", params={"block_id": block_id})
        return CourseMeeting.from_json(data)

    def course_meetings(self, course_id: str) -> list[CourseMeeting]:
        found = self._list("course-meetings/", {"course_id": course_id})
        return [CourseMeeting.from_json(item) for item in found]

    def meeting_start(self, meeting_id: int) -> CourseMeeting:
        return CourseMeeting.from_json(self._call("POST", f"course-meetings/{meeting_id}/start/"))

    def meeting_join(self, meeting_id: int) -> MeetingJoin:
        return MeetingJoin.from_json(self._call("POST", f"course-meetings/{meeting_id}/join/"))

    def meeting_invite(
        self, meeting_id: int, *, emails: Iterable[str] = (), usernames: Iterable[str] = ()
    ) -> int:
        """Invite people to a course meeting; returns how many invitations went out."""
        body = {"emails": list(emails), "usernames": list(usernames)}
        data = self._call("POST", f"course-meetings/{meeting_id}/invite/", json=body)
        return int(data.get("invited", 0)) if isinstance(data, dict) else 0

    def public_course_meeting(self, public_id: str) -> PublicCourseMeeting:
        data = self._call("GET", f"public/course-meetings/{public_id}/")
        return PublicCourseMeeting.from_json(data)

    # Consultations and learners' bookings

    def consultation_sync(
        self, *, block_id: str, course_id: str, title: str, case_type: int
    ) -> CourseConsultation:
        body = {
            "block_id": block_id,
            "course_id": course_id,
            "title": title,
            "case_type": case_type,
        }
        data = self._call("PUT", "course-consultations/by-block/", json=body)
        return CourseConsultation.from_json(data)

    def course_consultations(self, course_id: str) -> list[CourseConsultation]:
        found = self._list("course-consultations/", {"course_id": course_id})
        return [CourseConsultation.from_json(item) for item in found]

    def availability(
        self, case_type: int, start_date: date | None = None, days: int = 14
    ) -> list[Slot]:
        """Free slots of a case type from ``start_date`` (today) for ``days`` days (1 to 32)."""
        first = start_date or timezone.localdate()
        last = first + timedelta(days=min(max(days, 1), 32) - 1)
        params = {"start": first.isoformat(), "end": last.isoformat()}
        data = self._call("GET", f"public/case-types/{case_type}/availability/", params=params)
        return [Slot.from_json(item) for item in _items(data)]

    def learner_booking_create(
        self,
        *,
        case_type: int,
        start: datetime,
        block_id: str,
        mode: str = "",
        answers: dict[str, str] | None = None,
    ) -> LearnerBooking:
        body: dict[str, Any] = {
            "case_type": case_type,
            "start": start.isoformat(),
            "block_id": block_id,
        }
        if mode:
            body["mode"] = mode
        if answers:
            body["answers"] = answers
        return LearnerBooking.from_json(self._call("POST", "learner-bookings/", json=body))

    def learner_bookings(self, case_type: int | None = None) -> list[LearnerBooking]:
        params = {} if case_type is None else {"case_type": str(case_type)}
        return [LearnerBooking.from_json(item) for item in self._list("learner-bookings/", params)]

    def learner_booking_cancel(self, booking_id: str) -> LearnerBooking:
        data = self._call("POST", f"learner-bookings/{booking_id}/cancel/")
        return LearnerBooking.from_json(data)

    # Training records

    def training_event(
        self,
        *,
        event_id: str,
        event_type: str,
        occurred_at: str,
        course_id: str,
        course_name: str = "",
        enrollment_mode: str = "",
        is_passing: bool | None = None,
        certificate: dict | None = None,
    ) -> TrainingEventResult:
        """Deliver one training event; the service ignores a replay of the same ``event_id``."""
        body: dict[str, Any] = {
            "event_id": event_id,
            "event_type": event_type,
            "occurred_at": occurred_at,
            "course_id": course_id,
        }
        if course_name:
            body["course_name"] = course_name
        if enrollment_mode:
            body["enrollment_mode"] = enrollment_mode
        if is_passing is not None:
            body["is_passing"] = is_passing
        if certificate is not None:
            body["certificate"] = certificate
        response = self._send("POST", "training/events/", json=body)
        data = _json(response)
        record = data.get("record") if isinstance(data, dict) else None
        return TrainingEventResult(
            record=TrainingRecord.from_json(record), created=response.status_code == 201
        )

    def me(self) -> ServiceUser:
        return ServiceUser.from_json(self._call("GET", "me/"))

    # Transport

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        return _json(self._send(method, path, **kwargs))

    def _list(self, path: str, params: dict[str, str]) -> list[Any]:
        """Every item of a list answer, following the service's pages (a few at most)."""
        data = self._call("GET", path, params=params)
        found = _items(data)
        pages = 1
        while isinstance(data, dict) and data.get("next") and pages < _MAX_PAGES:
            data = self._call("GET", str(data["next"]))
            found.extend(_items(data))
            pages += 1
        return found

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        attempts = 1 + (self.retries if method in _IDEMPOTENT else 0)
        headers = {"Accept-Language": translation.get_language() or "en"}
        for attempt in range(1, attempts + 1):
            try:
                response = self.http.request(method, path, headers=headers, **kwargs)
            except _TRANSIENT as error:
                problem = f"{type(error).__name__}: {error}"
            except httpx.HTTPError as error:
                raise _unavailable(f"{method} {path} failed: {error}") from error
            else:
                if response.status_code < 500:
                    return _checked(response)
                problem = f"HTTP {response.status_code}"
            if attempt < attempts:
                logger.info("%s %s: %s; attempt %d of %d", method, path, problem, attempt, attempts)
                time.sleep(self.backoff * 2 ** (attempt - 1))
        logger.warning("%s %s gave up after %d attempt(s): %s", method, path, attempts, problem)
        raise _unavailable(f"{method} {path}: {problem}")


def _unavailable(detail: str) -> ServiceUnavailable:
    return ServiceUnavailable(
        translation.gettext("The meetings service is not available right now. Please try later."),
        detail=detail,
    )


def _checked(response: httpx.Response) -> httpx.Response:
    if response.status_code < 400:
        return response
    try:
        body = response.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    message = body.get("message") or translation.gettext(
        "The meetings service refused the request (HTTP %(status)s)."
    ) % {"status": response.status_code}
    raise ServiceRefused(
        str(message),
        status=response.status_code,
        code=str(body.get("code") or ""),
        errors=body.get("errors") if isinstance(body.get("errors"), dict) else None,
    )


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as error:  # json.JSONDecodeError included
        raise ServiceError(
            translation.gettext("The meetings service gave an answer we could not read."),
            status=response.status_code,
        ) from error


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict):
        data = data.get("results")
    return list(data) if isinstance(data, list) else []


def client_for(
    user: Any,
    *,
    course_id: str = "",
    course_role: str = "",
    timeout: float | None = None,
    retries: int | None = None,
) -> ServiceClient:
    """A client acting as ``user`` in ``course_id`` with ``course_role`` ("staff", "learner" or
    ""), carrying a freshly minted short-lived JWT; ``timeout`` and ``retries`` replace the
    configured ones.

    Raises:
        ImproperlyConfigured: no way to sign the token (see ``compat.create_user_jwt``).
    """
    conf = service_settings()
    token = compat.create_user_jwt(
        user,
        claims={"szpon": {"course_id": course_id, "course_role": course_role}},
        expires_in=int(conf["JWT_EXPIRES_SECONDS"]),
    )
    return ServiceClient(conf["URL"], token=token, **_limits(conf, timeout, retries))


def public_client(*, timeout: float | None = None, retries: int | None = None) -> ServiceClient:
    """A client without a token, for the service's public endpoints (server-side rendering of
    pages for anonymous visitors)."""
    conf = service_settings()
    return ServiceClient(conf["URL"], **_limits(conf, timeout, retries))


def _limits(conf: dict, timeout: float | None, retries: int | None) -> dict[str, Any]:
    return {
        "timeout": float(conf["TIMEOUT"]) if timeout is None else timeout,
        "retries": int(conf["RETRIES"]) if retries is None else retries,
    }
