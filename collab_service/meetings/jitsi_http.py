"""Prosody's mod_muc_size over HTTP: how many people are in a Jitsi room right now.

The endpoints sit on Prosody's internal HTTP port (5280) without authentication of their own, so
they stay on the internal network. ``/room-census`` (every room at once) is never asked for.
Layers: ``RetryingGet`` (httpx, timeouts, retries) under ``RoomSizeClient`` (paths and answers).
"""

import json
import logging
import time
from typing import Any

import httpx

logger = logging.getLogger(__name__)

# Worth another attempt: the peer may come back within the backoff. GET is idempotent.
_TRANSIENT_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class JitsiUnavailable(Exception):
    """Prosody gave no usable answer: unreachable, too slow, a refusal or a garbled reply.

    ``attempts`` says how many requests were made; ``status`` is the last HTTP status, if any.
    """

    def __init__(self, message: str, *, attempts: int, status: int | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.status = status


class RetryingGet:
    """GET requests with short timeouts, retried with exponential backoff when worth it.

    Connect errors, timeouts, dropped connections and 5xx answers are retried (``retries`` more
    times, waiting ``backoff``, then twice as long each time); any other answer is returned.
    """

    def __init__(self, *, base_url: str, timeout: float, retries: int, backoff: float) -> None:
        if not base_url:
            raise ValueError("the base URL is empty")
        self.timeout = timeout
        self.retries = max(retries, 0)
        self.backoff = backoff
        try:
            # trust_env=False: a proxy meant for the outside world must not catch an internal
            # service.
            self.http = httpx.Client(base_url=base_url, timeout=timeout, trust_env=False)
        except httpx.InvalidURL as error:
            raise ValueError(f"invalid base URL {base_url!r}: {error}") from error

    @property
    def attempts(self) -> int:
        return self.retries + 1

    @property
    def worst_case_seconds(self) -> float:
        """The longest a ``get`` takes when each attempt stalls at one step (connecting, sending
        or awaiting the answer): ``timeout * attempts + backoff * (2**retries - 1)``.

        httpx applies the timeout to each step, so a peer that takes almost the whole timeout
        to accept and then stalls could stretch one attempt to twice that; on an internal network
        a connection is accepted, refused or dropped at once.
        """
        return self.timeout * self.attempts + self.backoff * (2**self.retries - 1)

    def get(self, path: str, params: dict[str, str]) -> tuple[httpx.Response, int]:
        """The first answer below 500, and how many attempts it took.

        Raises:
            JitsiUnavailable: every attempt failed or answered 5xx, or the request was invalid.
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.http.get(path, params=params)
            except _TRANSIENT_ERRORS as error:
                problem, status = f"failed: {type(error).__name__}: {error}", None
            except httpx.HTTPError as error:
                raise JitsiUnavailable(
                    f"GET {path} failed: {type(error).__name__}: {error}", attempts=attempt
                ) from error
            else:
                if response.status_code < 500:
                    return response, attempt
                problem, status = f"answered {response.status_code}", response.status_code
            if attempt >= self.attempts:
                raise JitsiUnavailable(
                    f"GET {path} {problem} ({attempt} attempts)", attempts=attempt, status=status
                )
            logger.debug("GET %s %s; attempt %d of %d", path, problem, attempt, self.attempts)
            time.sleep(self.backoff * 2 ** (attempt - 1))

    def close(self) -> None:
        self.http.close()


class RoomSizeClient:
    """How many people are in a room, from Prosody's mod_muc_size.

    ``xmpp_domain`` is the base XMPP domain (``meet.jitsi`` in docker-jitsi-meet); Prosody puts
    its MUC prefix in front by itself.
    """

    def __init__(
        self,
        *,
        base_url: str,
        xmpp_domain: str,
        timeout: float,
        retries: int,
        backoff: float,
    ) -> None:
        self.xmpp_domain = xmpp_domain
        self.http = RetryingGet(
            base_url=base_url, timeout=timeout, retries=retries, backoff=backoff
        )

    @property
    def worst_case_seconds(self) -> float:
        """The longest one call waits for Prosody (see ``RetryingGet.worst_case_seconds``)."""
        return self.http.worst_case_seconds

    def room_size(self, room: str) -> int | None:
        """The number of people in ``room``, or None when no such room is open.

        Raises:
            JitsiUnavailable: no answer, a refusal (4xx other than 404) or a garbled answer.
        """
        found = self._get_json("/room-size", room)
        if found is None:
            return None
        body, attempts = found
        participants = body.get("participants") if isinstance(body, dict) else None
        if type(participants) is not int or participants < 0:
            raise JitsiUnavailable(f"/room-size answered {body!r:.200}", attempts=attempts)
        return participants

    def close(self) -> None:
        self.http.close()

    def _get_json(self, path: str, room: str) -> tuple[Any, int] | None:
        """The decoded answer about ``room`` and the attempts it took; None on 404 (no room)."""
        response, attempts = self.http.get(path, {"room": room, "domain": self.xmpp_domain})
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise JitsiUnavailable(
                f"{path} answered {response.status_code}",
                attempts=attempts,
                status=response.status_code,
            )
        try:
            return json.loads(response.content), attempts
        except ValueError as error:
            raise JitsiUnavailable(f"{path} answered no JSON", attempts=attempts) from error
