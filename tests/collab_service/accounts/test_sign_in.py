import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_sign_in_with_local_account_goes_to_my_work(client):
    UserFactory(username="ola")

    response = _sign_in(client, "ola", "correct-horse-battery")

    assert response.status_code == 302
    assert response["Location"] == "/app/"


def test_wrong_password_is_a_form_error(client):
    UserFactory(username="ola")

    response = _sign_in(client, "ola", "wrong")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_repeated_failures_block_even_the_right_password(client, settings):
    settings.SIGN_IN_MAX_FAILURES = 3
    settings.SIGN_IN_LOCKOUT_SECONDS = 600
    UserFactory(username="ola")
    for _ in range(3):
        _sign_in(client, "ola", "wrong")

    response = _sign_in(client, "OLA", "correct-horse-battery")

    assert response.status_code == 429
    assert response.context["form"].errors.as_data()["__all__"][0].code == "throttled"
    assert "10 min" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_success_clears_the_failure_count(client, settings):
    settings.SIGN_IN_MAX_FAILURES = 3
    UserFactory(username="ola")
    for _ in range(2):
        _sign_in(client, "ola", "wrong")
    assert _sign_in(client, "ola", "correct-horse-battery").status_code == 302
    client.logout()

    for _ in range(2):
        _sign_in(client, "ola", "wrong")

    assert _sign_in(client, "ola", "correct-horse-battery").status_code == 302


def test_invited_person_without_password_can_ask_for_a_reset_link(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    invited = UserFactory(username="invited", email="invited@example.gov.pl")
    invited.set_unusable_password()
    invited.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "INVITED@example.gov.pl"})

    assert [m.to for m in mail.outbox] == [["invited@example.gov.pl"]]


def test_admin_sign_in_failures_count_towards_the_same_lockout(client, settings):
    settings.SIGN_IN_MAX_FAILURES = 3
    UserFactory(username="ola", is_staff=True, is_superuser=True)
    for _ in range(2):
        client.post("/admin/login/", {"username": "ola", "password": "wrong"})
    _sign_in(client, "ola", "wrong")

    page = _sign_in(client, "ola", "correct-horse-battery")
    admin = client.post("/admin/login/", {"username": "Ola", "password": "correct-horse-battery"})

    assert (page.status_code, admin.status_code) == (429, 429)
    assert admin.context["form"].errors.as_data()["__all__"][0].code == "throttled"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("forged", ["rotating", "absent"])
def test_a_forged_forwarded_header_does_not_escape_the_lockout(client, settings, forged):
    """A request that reaches the web process directly counts as its own address."""
    settings.SIGN_IN_MAX_FAILURES = 3
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    UserFactory(username="ola")

    def attempt(number: int, password: str):
        headers = {"REMOTE_ADDR": "203.0.113.9"}
        if forged == "rotating":
            headers["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{number}"
        return client.post("/accounts/login/", {"username": "ola", "password": password}, **headers)

    for number in range(3):
        attempt(number, "wrong")

    assert attempt(9, "correct-horse-battery").status_code == 429
