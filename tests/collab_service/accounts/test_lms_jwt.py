"""LMS-issued JWTs: accepted when genuine, every forgery or misfit rejected with 401 JSON."""

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from collab_service.accounts.models import User
from tests.infra.jwt_keys import ISSUER, KID, lms_token, private_key, public_jwks

pytestmark = pytest.mark.django_db


def get_me(api, token: str, prefix: str = "JWT"):
    return api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"{prefix} {token}")


def test_lms_token_creates_user_on_first_sight_keyed_by_lms_id(api):
    response = get_me(api, lms_token())

    assert response.status_code == 200
    body = response.json()
    assert body["lms_user_id"] == 42
    assert body["username"] == "learner42"
    assert body["email"] == "learner42@example.org"
    assert body["name"] == "Ola Uczennica"
    assert body["memberships"] == []
    user = User.objects.get(lms_user_id=42)
    assert not user.has_usable_password()


def test_lms_token_maps_to_the_same_user_and_refreshes_profile(api):
    get_me(api, lms_token())
    response = get_me(
        api, lms_token(email="new@example.org", preferred_username="renamed"), prefix="Bearer"
    )

    assert response.status_code == 200
    assert User.objects.filter(lms_user_id=42).count() == 1
    assert User.objects.get(lms_user_id=42).email == "new@example.org"


def test_lms_username_taken_by_local_account_gets_a_distinct_username(api):
    User.objects.create(username="learner42", email="local@example.org")

    response = get_me(api, lms_token())

    assert response.status_code == 200
    assert response.json()["username"] == "learner42.lms42"


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["user_id"] = 1
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def _alg_none() -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "openedx", "iat": now, "exp": now + 300, "user_id": 1}
    return jwt.encode(claims, key=None, algorithm="none", headers={"kid": KID})


def _hs256_with_public_key() -> str:
    """The key-confusion attack: HMAC-sign with the public key as the shared secret."""
    public_pem = (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "openedx", "iat": now, "exp": now + 300, "user_id": 1}
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT","kid":"openedx"}')
    import hashlib
    import hmac

    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
    signing_input = header.rstrip(b"=") + b"." + body
    signature = hmac.new(public_pem, signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (lambda: lms_token(exp=int(time.time()) - 10), "expired"),
        (lambda: lms_token(iss="http://evil.test/oauth2"), "issuer"),
        (lambda: lms_token(aud="someone-else"), "audience"),
        (lambda: _tampered(lms_token()), "signature"),
        (_alg_none, "algorithm"),
        (_hs256_with_public_key, "algorithm"),
        (lambda: lms_token(key_name="attacker"), "signature"),
        (lambda: lms_token(headers={"kid": "unknown"}), "unknown key"),
        (lambda: lms_token(user_id=None), "user_id"),
        (lambda: lms_token(user_id="42"), "user_id"),
        (lambda: lms_token(user_id=2**63), "user_id"),
        (lambda: lms_token(user_id=10**400), "user_id"),
        (lambda: lms_token(exp=None), "exp"),
        (lambda: "not-a-jwt", "malformed"),
    ],
    ids=[
        "expired",
        "wrong-issuer",
        "wrong-audience",
        "tampered",
        "alg-none",
        "hs256-confusion",
        "foreign-key",
        "unknown-kid",
        "no-user-id",
        "string-user-id",
        "user-id-past-bigint",
        "user-id-of-400-digits",
        "no-exp",
        "garbage",
    ],
)
def test_untrusted_lms_tokens_are_rejected(api, token, reason):
    response = get_me(api, token())

    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "authentication_failed"
    assert reason in body["message"]
    assert not User.objects.exists()
    assert response["WWW-Authenticate"] == 'JWT realm="api"'


def test_authorization_header_with_extra_parts_is_rejected(api):
    response = api.get("/api/v1/me/", HTTP_AUTHORIZATION="JWT a b")

    assert response.status_code == 401
    assert response.json()["message"] == "Malformed Authorization header."


def test_no_credentials_is_401_with_message(api):
    response = api.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_service_without_configured_keys_refuses_lms_tokens(api, settings):
    settings.LMS_JWT = {**settings.LMS_JWT, "public_jwks": ""}

    response = get_me(api, lms_token())

    assert response.status_code == 401
    assert "not accepted" in response.json()["message"]


def test_disabled_user_is_refused(api):
    User.objects.create(username="x", lms_user_id=42, is_active=False)

    response = get_me(api, lms_token())

    assert response.status_code == 401


def test_verifier_refuses_symmetric_algorithms():
    from collab_service.accounts.jwt_verifier import LmsJwtVerifier

    with pytest.raises(ValueError, match="asymmetric"):
        LmsJwtVerifier(issuer="i", audience="a", public_jwks="", algorithms=["HS256"])


def test_unverified_lms_email_is_not_taken(api):
    response = get_me(api, lms_token(email_verified=False, email="anna@urzad.gov.pl"))

    assert response.status_code == 200
    assert User.objects.get(lms_user_id=42).email == ""


def test_restricted_token_is_refused(api):
    response = get_me(api, lms_token(is_restricted=True))

    assert response.status_code == 401
    assert "restricted" in response.json()["message"]


def test_token_whose_algorithm_does_not_fit_the_key_is_401_not_500(api, settings):
    from cryptography.hazmat.primitives.asymmetric import ec

    settings.LMS_JWT = {**settings.LMS_JWT, "algorithms": ["RS512", "ES256"]}
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "openedx", "iat": now, "exp": now + 300, "user_id": 7}
    token = jwt.encode(
        claims, ec.generate_private_key(ec.SECP256R1()), algorithm="ES256", headers={"kid": KID}
    )

    response = get_me(api, token)

    assert response.status_code == 401
    assert not User.objects.filter(lms_user_id=7).exists()


def test_a_key_set_without_alg_verifies_the_lms_rs512_tokens(api, settings):
    """The LMS's set names no algorithm; PyJWT alone would assume RS256 and refuse RS512."""
    settings.LMS_JWT = {**settings.LMS_JWT, "public_jwks": public_jwks()}
    assert "alg" not in json.loads(settings.LMS_JWT["public_jwks"])["keys"][0]

    assert get_me(api, lms_token(user_id=8)).status_code == 200


def test_a_key_named_for_another_algorithm_is_not_used(api, settings):
    settings.LMS_JWT = {**settings.LMS_JWT, "public_jwks": public_jwks(alg="RS256")}

    response = get_me(api, lms_token(user_id=9))

    assert response.status_code == 401
    assert response.json()["message"] == "token signed with an unknown key"


def test_plugin_claim_is_parsed_into_the_identity():
    from collab_service.accounts.authentication import lms_jwt_verifier

    identity = lms_jwt_verifier().identity(
        lms_token(szpon={"course_id": "course-v1:UM+BHP+2026", "course_role": "staff"})
    )

    assert identity.plugin is not None
    assert identity.plugin.course_id == "course-v1:UM+BHP+2026"
    assert identity.plugin.is_course_staff
    assert lms_jwt_verifier().identity(lms_token()).plugin is None


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ("staff", "claim szpon must be an object"),
        (
            {"course_id": "course-v1:UM+BHP+2026", "course_role": "admin"},
            "course_role must be one of staff, learner",
        ),
        ({"course_role": "staff"}, "course_role needs a course_id"),
        ({"course_id": 7}, "course_id must be a string of at most 255 characters"),
    ],
)
def test_malformed_plugin_claim_is_rejected_with_401(api, claim, message):
    response = get_me(api, lms_token(szpon=claim))

    assert response.status_code == 401
    assert response.json() == {"message": message, "code": "authentication_failed"}


def test_overlong_name_and_address_in_a_genuine_token_do_not_fail_the_request(api):
    response = get_me(api, lms_token(name="Ola " * 200, email="a" * 250 + "@example.org"))

    assert response.status_code == 200
    user = User.objects.get(lms_user_id=42)
    assert len(user.full_name) == 255
    assert user.email == ""
