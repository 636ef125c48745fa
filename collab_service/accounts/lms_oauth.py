"""The Open edX LMS as an OAuth2 provider: the authorization URL and the code-for-token exchange.

Browsers are sent to the LMS's public address; the service exchanges the code at the address it
reaches the LMS by (the same one, or an internal one such as ``http://lms:8000`` inside Tutor).
"""

from urllib.parse import urlencode

import httpx

SCOPES = ("user_id", "profile", "email")


class LmsOAuthError(Exception):
    """The code could not be exchanged for a token; the message says why, for the log."""


class LmsUnreachable(LmsOAuthError):
    """No usable answer: no connection, a timeout, a 5xx or an answer that is not a token."""


class LmsRefusedCode(LmsOAuthError):
    """The LMS answered 4xx: an expired or used code, or a client it does not know."""


class LmsOAuthClient:
    def __init__(
        self,
        *,
        public_url: str,
        server_url: str,
        client_id: str,
        client_secret: str,
        timeout_seconds: float,
    ) -> None:
        self.public_url = public_url.rstrip("/")
        self.server_url = server_url.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.timeout_seconds = timeout_seconds

    def authorize_url(self, *, redirect_uri: str, state: str) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "state": state,
                "scope": " ".join(SCOPES),
            }
        )
        return f"{self.public_url}/oauth2/authorize?{query}"

    def code_exchange(self, *, code: str, redirect_uri: str) -> str:
        """Return the access token (an asymmetrically signed JWT) the LMS gives for ``code``.

        Raises:
            LmsUnreachable: no connection, a timeout, a 5xx or an unreadable answer.
            LmsRefusedCode: the LMS refused the exchange (4xx).
        """
        url = f"{self.server_url}/oauth2/access_token"
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "token_type": "jwt",
            "asymmetric_jwt": "true",
        }
        try:
            # trust_env=False: a proxy meant for the outside world must not catch the LMS.
            with httpx.Client(timeout=self.timeout_seconds, trust_env=False) as http:
                response = http.post(url, data=form, headers={"Accept": "application/json"})
        except httpx.HTTPError as error:
            raise LmsUnreachable(f"POST {url} failed: {type(error).__name__}: {error}") from error
        if response.status_code >= 500 or 300 <= response.status_code < 400:
            raise LmsUnreachable(f"POST {url} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            body = None
        if 400 <= response.status_code < 500:
            error = body.get("error") if isinstance(body, dict) else None
            raise LmsRefusedCode(f"POST {url} answered {response.status_code} ({error or '?'})")
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise LmsUnreachable(f"POST {url} answered 200 without an access token")
        return token
