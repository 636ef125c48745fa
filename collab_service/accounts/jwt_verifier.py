"""Verification of JWTs issued by the Open edX LMS (asymmetric keys from a configured JWK set).

The LMS publishes no JWKS endpoint, so the operator hands its public key set to the service.
"""

import json
from dataclasses import dataclass
from functools import lru_cache

import jwt
from django.conf import settings
from jwt import PyJWK, PyJWKSet

_ASYMMETRIC = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}


class InvalidLmsToken(Exception):
    """The token cannot be trusted; the message says why in terms safe to show the caller."""


class LmsJwtNotConfigured(InvalidLmsToken):
    pass


PLUGIN_CLAIM = "szpon"
COURSE_ROLES = ("staff", "learner")


MAX_USER_ID = 2**63 - 1  # what the database's big integer column holds
MAX_EMAIL_LENGTH = 254
MAX_NAME_LENGTH = 255


@dataclass(frozen=True)
class PluginContext:
    """What our LMS plugin asserts in the tokens it mints (claim ``szpon``): the course the
    request comes from and the user's role in it. OAuth-issued LMS tokens never carry this claim,
    so only code holding the LMS signing key can make it."""

    course_id: str = ""
    course_role: str = ""

    @property
    def is_course_staff(self) -> bool:
        return bool(self.course_id) and self.course_role == "staff"


@dataclass(frozen=True)
class LmsIdentity:
    lms_user_id: int
    username: str
    email: str
    full_name: str
    plugin: PluginContext | None = None


def _plugin_context(claims: dict) -> PluginContext | None:
    raw = claims.get(PLUGIN_CLAIM)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InvalidLmsToken(f"claim {PLUGIN_CLAIM} must be an object")
    course_id = raw.get("course_id") or ""
    role = raw.get("course_role") or ""
    if not isinstance(course_id, str) or len(course_id) > 255:
        raise InvalidLmsToken("course_id must be a string of at most 255 characters")
    if role not in ("", *COURSE_ROLES):
        raise InvalidLmsToken(f"course_role must be one of {', '.join(COURSE_ROLES)}")
    if role and not course_id:
        raise InvalidLmsToken("course_role needs a course_id")
    return PluginContext(course_id=course_id, course_role=role)


class LmsJwtVerifier:
    """Checks signature, algorithm, issuer, audience and lifetime of an LMS JWT."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        public_jwks: str,
        algorithms: list[str],
        leeway_seconds: int = 30,
    ) -> None:
        unsafe = set(algorithms) - _ASYMMETRIC
        if unsafe:
            raise ValueError(f"only asymmetric algorithms may verify LMS tokens, not {unsafe}")
        self.issuer = issuer
        self.audience = audience
        self.algorithms = list(algorithms)
        self.leeway_seconds = leeway_seconds
        self.keys = self._load_keys(public_jwks) if public_jwks else []

    @staticmethod
    def _load_keys(public_jwks: str) -> list[dict]:
        data = json.loads(public_jwks)
        if "keys" not in data:
            data = {"keys": [data]}
        PyJWKSet.from_dict(data)  # refuses a malformed set when the settings load
        return list(data["keys"])

    @property
    def configured(self) -> bool:
        return bool(self.keys and self.issuer and self.audience)

    def _candidate_keys(self, token: str) -> list[PyJWK]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise InvalidLmsToken("malformed token") from exc
        if header.get("alg") not in self.algorithms:
            raise InvalidLmsToken("token algorithm not accepted")
        kid, algorithm = header.get("kid"), header["alg"]
        keys = []
        for data in self.keys:
            if kid is not None and data.get("kid") not in (None, kid):
                continue
            if data.get("alg") not in (None, algorithm):
                continue
            # The LMS's published set (Tutor's too) names no "alg"; PyJWT would then assume
            # RS256 for an RSA key and refuse the LMS's RS512 signatures.
            try:
                keys.append(PyJWK(data, algorithm=algorithm))
            except jwt.PyJWTError:
                continue  # a key of another type (EC for an RS algorithm)
        if not keys:
            raise InvalidLmsToken("token signed with an unknown key")
        return keys

    def verify(self, token: str) -> dict:
        """Return the verified claims or raise InvalidLmsToken."""
        if not self.configured:
            raise LmsJwtNotConfigured("LMS tokens are not accepted by this service")
        last_error: Exception | None = None
        for key in self._candidate_keys(token):
            try:
                # Passing the PyJWK (not its raw key) makes PyJWT check the key fits the algorithm.
                return jwt.decode(
                    token,
                    key=key,
                    algorithms=self.algorithms,
                    audience=self.audience,
                    issuer=self.issuer,
                    leeway=self.leeway_seconds,
                    options={"require": ["exp", "iat", "iss", "aud"]},
                )
            except (
                jwt.InvalidSignatureError,
                jwt.InvalidKeyError,
                jwt.InvalidAlgorithmError,
            ) as exc:
                last_error = exc
            except jwt.ExpiredSignatureError as exc:
                raise InvalidLmsToken("token has expired") from exc
            except jwt.InvalidAudienceError as exc:
                raise InvalidLmsToken("token audience not accepted") from exc
            except jwt.InvalidIssuerError as exc:
                raise InvalidLmsToken("token issuer not accepted") from exc
            except jwt.PyJWTError as exc:
                raise InvalidLmsToken(f"invalid token: {exc}") from exc
            except (TypeError, ValueError) as exc:
                last_error = exc
        raise InvalidLmsToken("token signature is invalid") from last_error

    def identity(self, token: str) -> LmsIdentity:
        claims = self.verify(token)
        if claims.get("is_restricted"):
            raise InvalidLmsToken("restricted tokens (issued to other applications) are refused")
        user_id = claims.get("user_id")
        if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
            raise InvalidLmsToken("token carries no user_id (request the user_id scope)")
        if user_id > MAX_USER_ID:
            raise InvalidLmsToken("token's user_id is out of range")
        email = str(claims.get("email") or "")
        # An address the LMS has not verified could claim someone else's invitations; one longer
        # than an address may be is no address.
        if claims.get("email_verified") is not True or len(email) > MAX_EMAIL_LENGTH:
            email = ""
        return LmsIdentity(
            lms_user_id=user_id,
            username=str(claims.get("preferred_username") or ""),
            email=email,
            full_name=str(claims.get("name") or "")[:MAX_NAME_LENGTH],
            plugin=_plugin_context(claims),
        )


@lru_cache(maxsize=4)
def _verifier(issuer: str, audience: str, jwks: str, algorithms: tuple[str, ...], leeway: int):
    return LmsJwtVerifier(
        issuer=issuer,
        audience=audience,
        public_jwks=jwks,
        algorithms=list(algorithms),
        leeway_seconds=leeway,
    )


def lms_jwt_verifier() -> LmsJwtVerifier:
    """The verifier for the configured LMS (``settings.LMS_JWT``), built once per configuration."""
    conf = settings.LMS_JWT
    return _verifier(
        conf["issuer"],
        conf["audience"],
        conf["public_jwks"],
        tuple(conf["algorithms"]),
        conf["leeway_seconds"],
    )
