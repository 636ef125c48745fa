"""The platform adapter outside the platform: tokens the service's own verifier accepts, user
and role lookups with their standalone fallbacks."""

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured

from collab_service.accounts.authentication import lms_jwt_verifier
from edx_plugins.szpon import compat
from tests.factories import UserFactory
from tests.infra import jwt_keys

pytestmark = pytest.mark.django_db


def test_token_is_shaped_and_signed_like_the_lms_and_the_service_accepts_it():
    user = UserFactory(username="ola", email="ola@example.gov.pl", full_name="Ola Nowak")
    token = compat.create_user_jwt(
        user,
        claims={"szpon": {"course_id": "course-v1:O+C+R", "course_role": "learner"}},
        expires_in=90,
    )
    header = jwt.get_unverified_header(token)
    assert (header["alg"], header["kid"]) == ("RS512", "openedx")
    claims = lms_jwt_verifier().verify(token)
    assert claims["exp"] - claims["iat"] == 90
    assert claims["iss"] == jwt_keys.ISSUER
    assert claims["aud"] == "openedx"
    assert claims["user_id"] == user.pk
    assert claims["preferred_username"] == "ola"
    assert claims["email"] == "ola@example.gov.pl"
    assert claims["email_verified"] is True
    assert claims["name"] == "Ola Nowak"
    assert claims["administrator"] is False
    assert claims["scopes"] == ["user_id", "email", "profile"]
    identity = lms_jwt_verifier().identity(token)
    assert identity.plugin.course_id == "course-v1:O+C+R"
    assert identity.plugin.course_role == "learner"


def test_inactive_users_email_is_not_verified():
    user = UserFactory(is_active=False)
    token = compat.create_user_jwt(user, claims={}, expires_in=60)
    assert lms_jwt_verifier().verify(token)["email_verified"] is False


def test_outside_the_platform_without_a_key_is_a_configuration_error(settings):
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "JWT_PRIVATE_KEY": ""}
    with pytest.raises(ImproperlyConfigured, match="JWT_PRIVATE_KEY"):
        compat.create_user_jwt(UserFactory(), claims={}, expires_in=60)


def test_user_lookup():
    user = UserFactory()
    assert compat.get_user(user.pk) == user
    assert compat.get_user(user.pk + 1000) is None


def test_course_staff_falls_back_to_global_staff_outside_the_platform():
    assert compat.is_course_staff(UserFactory(is_staff=True), "course-v1:O+C+R") is True
    assert compat.is_course_staff(UserFactory(), "course-v1:O+C+R") is False
    assert compat.is_course_staff(UserFactory(is_staff=True, is_active=False), "x") is False


def test_every_signed_in_user_counts_as_enrolled_outside_the_platform():
    from django.contrib.auth.models import AnonymousUser

    assert compat.is_enrolled(UserFactory(), "course-v1:O+C+R") is True
    assert compat.is_enrolled(AnonymousUser(), "course-v1:O+C+R") is False


def test_course_name_falls_back_to_the_course_id():
    assert compat.course_display_name("course-v1:O+C+R") == "course-v1:O+C+R"


def test_base_classes_fall_back_to_the_standalone_ones():
    from edx_plugins.szpon import standalone

    assert compat.enrolled_tab_base() is standalone.EnrolledTab
    assert compat.course_app_base() is standalone.CourseApp
