"""A stand-in for the Open edX LMS as OAuth2 provider: a real HTTP server on 127.0.0.1.

``GET /oauth2/authorize`` plays the LMS with ``user`` signed in who allows access at once (the
application is created with ``--skip-authorization``), or refuses when ``deny`` is set: it
redirects to the redirect URI with a one-use code (or ``error=access_denied``) and the state.
``POST /oauth2/access_token`` checks grant type, client id and secret, the code and that the
redirect URI is the one the code was issued for, like django-oauth-toolkit, and answers with an
RS512 JWT signed by the test key the service trusts (``tests.infra.jwt_keys``). As the LMS, it
answers an opaque token without ``token_type=jwt`` and an HS256 one without
``asymmetric_jwt=true``. ``token_claims``/``token_key`` alter the token; ``queue(...)`` scripts
raw answers to the token endpoint; ``stop()`` leaves the port refusing connections.
"""

import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest

from tests.infra.background_server import BackgroundServer
from tests.infra.jwt_keys import lms_token

CLIENT_ID = "szpon-collab-sso"
CLIENT_SECRET = "stand-in-client-secret"
REDIRECT_URI = "http://testserver/accounts/lms/complete/"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes


@dataclass(frozen=True)
class SeenRequest:
    method: str
    path: str
    params: dict[str, str]


@dataclass
class _Grant:
    redirect_uri: str
    claims: dict


@dataclass
class LmsOAuthStandIn:
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    redirect_uris: tuple[str, ...] = (REDIRECT_URI,)
    user: dict = field(
        default_factory=lambda: {
            "user_id": 42,
            "preferred_username": "urzedniczka42",
            "email": "ola@example.gov.pl",
            "email_verified": True,
            "name": "Ola Urzędniczka",
        }
    )
    deny: bool = False
    token_claims: dict = field(default_factory=dict)
    token_key: str = "lms"
    requests: list[SeenRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._grants: dict[str, _Grant] = {}
        self._script: list[Reply] = []
        server = _Server(("127.0.0.1", 0), _Handler)
        server.standin = self
        self._background = BackgroundServer(server)
        self.url = self._background.url

    def start(self) -> "LmsOAuthStandIn":
        self._background.start()
        return self

    def stop(self) -> None:
        """Stop answering: connections to the port are refused from now on."""
        self._background.stop()

    def queue(self, *replies: Reply) -> None:
        """Answer the next token requests with these, whatever they ask."""
        with self._lock:
            self._script.extend(replies)

    def seen(self, path: str) -> list[SeenRequest]:
        with self._lock:
            return [seen for seen in self.requests if seen.path == path]

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        problem = self._authorize_problem(params)
        if problem:
            return 400, {}, problem.encode()
        answer = {"state": params.get("state", "")}
        if self.deny:
            answer["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(16)
            with self._lock:
                self._grants[code] = _Grant(params["redirect_uri"], dict(self.user))
            answer["code"] = code
        return 302, {"Location": f"{params['redirect_uri']}?{urlencode(answer)}"}, b""

    def _authorize_problem(self, params: dict[str, str]) -> str:
        if params.get("response_type") != "code":
            return "unsupported_response_type"
        if params.get("client_id") != self.client_id:
            return "invalid_client_id"
        if params.get("redirect_uri") not in self.redirect_uris:
            return "mismatching_redirect_uri"
        if not {"user_id", "profile", "email"} <= set(params.get("scope", "").split()):
            return "invalid_scope"
        return ""

    def access_token(self, form: dict[str, str]) -> Reply:
        with self._lock:
            if self._script:
                return self._script.pop(0)
        if form.get("grant_type") != "authorization_code":
            return _error(400, "unsupported_grant_type")
        if form.get("client_id") != self.client_id or not secrets.compare_digest(
            form.get("client_secret", ""), self.client_secret
        ):
            return _error(401, "invalid_client")
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return _error(400, "invalid_grant")
        if form.get("token_type", "").lower() != "jwt":
            token = secrets.token_urlsafe(30)
        elif form.get("asymmetric_jwt") != "true":
            token = jwt.encode({"user_id": grant.claims["user_id"]}, "lms-secret", "HS256")
        else:
            claims = {**grant.claims, "administrator": False, **self.token_claims}
            claims["scopes"] = ["user_id", "profile", "email"]
            token = lms_token(key_name=self.token_key, **claims)
        body = {
            "access_token": token,
            "token_type": "JWT",
            "expires_in": 3600,
            "scope": "user_id profile email",
        }
        return Reply(200, json.dumps(body).encode())


def _error(status: int, error: str) -> Reply:
    return Reply(status, json.dumps({"error": error}).encode())


class _Server(ThreadingHTTPServer):
    standin: LmsOAuthStandIn
    block_on_close = False


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = _single_values(url.query)
        standin = self.server.standin
        with standin._lock:
            standin.requests.append(SeenRequest("GET", url.path, params))
        if url.path != "/oauth2/authorize":
            self._send(404, {}, b"")
            return
        self._send(*standin.authorize(params))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = _single_values(self.rfile.read(length).decode())
        standin = self.server.standin
        with standin._lock:
            standin.requests.append(SeenRequest("POST", url.path, form))
        if url.path != "/oauth2/access_token":
            self._send(404, {}, b"")
            return
        reply = standin.access_token(form)
        self._send(reply.status, {"Content-Type": "application/json"}, reply.body)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass


def _single_values(query: str) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(query).items()}


def service_pointed_at(standin: LmsOAuthStandIn, settings) -> None:
    """Point the service's sign-in with Open edX at the stand-in (``settings``: pytest-django's)."""
    settings.LMS_URL = standin.url
    settings.LMS_OAUTH = {
        "client_id": standin.client_id,
        "client_secret": standin.client_secret,
        "url": standin.url,
        "timeout_seconds": 2.0,
    }


@pytest.fixture
def lms_oauth(settings):
    """The stand-in, with the service's sign-in with Open edX pointed at it."""
    standin = LmsOAuthStandIn().start()
    service_pointed_at(standin, settings)
    yield standin
    standin.stop()
