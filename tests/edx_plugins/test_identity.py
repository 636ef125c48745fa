"""The identity the plugin hands to the service: tokens minted through the adapter pass the
service's real LmsJwtAuthentication on the live server; bad ones are refused."""

import pytest

from edx_plugins.szpon import compat
from edx_plugins.szpon.client import ServiceClient, ServiceRefused, client_for, public_client
from tests.factories import UserFactory
from tests.infra import jwt_keys

pytestmark = pytest.mark.django_db(transaction=True)


def test_service_knows_the_lms_user_behind_the_token(live_service):
    user = UserFactory(username="ola", email="ola@example.gov.pl", full_name="Ola Nowak")
    with client_for(user, course_id="course-v1:O+C+R", course_role="learner") as client:
        me = client.me()
    # The service keeps its own account for the LMS user, keyed by the LMS user id.
    assert me.lms_user_id == user.pk
    assert me.id != user.pk
    assert me.email == "ola@example.gov.pl"
    assert me.name == "Ola Nowak"
    assert me.username.startswith("ola")


def test_expired_token_is_refused(live_service):
    user = UserFactory()
    token = compat.create_user_jwt(user, claims={}, expires_in=-5)
    with pytest.raises(ServiceRefused) as caught:
        ServiceClient(live_service.url, token=token).me()
    assert caught.value.status == 401
    assert caught.value.message == "token has expired"


def test_token_signed_with_another_key_is_refused(live_service, settings):
    pem = jwt_keys.private_pem("not-the-lms")
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "JWT_PRIVATE_KEY": pem}
    with pytest.raises(ServiceRefused) as caught:
        client_for(UserFactory()).me()
    assert caught.value.status == 401
    assert caught.value.message == "token signature is invalid"


def test_token_from_another_issuer_is_refused(live_service, settings):
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "JWT_ISSUER": "http://evil.test/oauth2"}
    with pytest.raises(ServiceRefused) as caught:
        client_for(UserFactory()).me()
    assert caught.value.status == 401
    assert caught.value.message == "token issuer not accepted"


def test_public_client_is_anonymous(live_service):
    with pytest.raises(ServiceRefused) as caught:
        public_client().me()
    assert caught.value.status == 401
