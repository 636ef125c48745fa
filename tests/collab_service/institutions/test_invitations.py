"""Nobody joins an institution without saying yes, and adding a person reveals no account.

A unit manager who types an address gets the same answer whether it belongs to an account in
another institution or to nobody; the address's owner accepts (signing in, or making an
account) or declines through the e-mailed link.
"""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.institutions.models import Invitation, Membership
from tests.conftest import make_tenant

pytestmark = pytest.mark.django_db

STRONG = "Zielony-Most-1984!"


@pytest.fixture
def outsider():
    """An official of institution B, whom A's manager tries to add."""
    return make_tenant("B").official


def _invite(api, tenant, email: str, capture) -> dict:
    with capture(execute=True):
        response = api.as_user(tenant.manager).post(
            "/api/v1/memberships/",
            {
                "institution": tenant.institution.id,
                "unit": tenant.unit.id,
                "email": email,
                "full_name": "Typed by the manager",
            },
            format="json",
        )
    assert response.status_code == 202
    return response.json()


def _link(message) -> str:
    (path,) = re.findall(r"http://testserver(/invitations/[^/\s]+/)", message.body)
    return path


def test_an_existing_account_elsewhere_is_invited_not_attached_and_not_revealed(
    api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    name_before = outsider.full_name

    known = _invite(api, tenant_a, outsider.email.upper(), django_capture_on_commit_callbacks)
    unknown = _invite(api, tenant_a, "nobody@example.gov.pl", django_capture_on_commit_callbacks)

    assert set(known) == set(unknown)
    differing = {key for key in known if known[key] != unknown[key]}
    assert differing == {"id", "email", "sent_at", "expires_at"}
    assert (known["status"], known["role"], known["unit"]) == (
        "pending",
        "official",
        tenant_a.unit.id,
    )
    assert not Membership.objects.filter(user=outsider, institution=tenant_a.institution).exists()
    outsider.refresh_from_db()
    assert outsider.full_name == name_before
    assert not User.objects.filter(email="nobody@example.gov.pl").exists()
    assert sorted(m.to[0].lower() for m in mail.outbox) == [
        "nobody@example.gov.pl",
        outsider.email.lower(),
    ]
    assert "Urząd A" in mail.outbox[0].subject
    assert tenant_a.manager.display_name in mail.outbox[0].body


def test_the_owner_signs_in_and_accepts(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    _invite(api, tenant_a, outsider.email, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    anonymous = client.get(link)
    client.force_login(outsider)
    shown = client.get(link)
    accepted = client.post(link, {"action": "accept"})
    again = client.get(link)

    assert f"/accounts/login/?next={quote(link)}" in anonymous.content.decode()
    assert shown.status_code == 200
    assert 'value="accept"' in shown.content.decode()
    assert accepted.status_code == 302
    assert accepted["Location"] == f"/app/{tenant_a.institution.slug}/"
    membership = Membership.objects.get(user=outsider, institution=tenant_a.institution)
    assert (membership.unit, membership.role) == (tenant_a.unit, "official")
    assert Invitation.objects.get().status == "accepted"
    assert again.status_code == 404


def test_someone_without_an_account_makes_one_and_joins(
    client, api, tenant_a, django_capture_on_commit_callbacks
):
    _invite(api, tenant_a, "Nowa@Example.gov.pl", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    form = client.get(link)
    mismatch = client.post(
        link,
        {"action": "create", "full_name": "Nowa Osoba", "password1": STRONG, "password2": "x"},
    )
    weak = client.post(
        link,
        {"action": "create", "full_name": "Nowa Osoba", "password1": "12345", "password2": "12345"},
    )
    made = client.post(
        link,
        {"action": "create", "full_name": "Nowa Osoba", "password1": STRONG, "password2": STRONG},
    )

    assert form.context["form"].initial["full_name"] == "Typed by the manager"
    assert mismatch.status_code == 400
    assert mismatch.context["form"].errors == {"password2": ["Hasła się różnią."]}
    assert weak.status_code == 400
    assert "password1" in weak.context["form"].errors
    assert made.status_code == 302
    user = User.objects.get(email__iexact="nowa@example.gov.pl")
    assert user.full_name == "Nowa Osoba"
    assert user.check_password(STRONG)
    assert Membership.objects.filter(user=user, unit=tenant_a.unit).exists()
    assert client.get(f"/app/{tenant_a.institution.slug}/").status_code == 200  # signed in


def test_another_account_cannot_accept(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    _invite(api, tenant_a, "someone.else@example.gov.pl", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.force_login(outsider)

    page = client.get(link)
    refused = client.post(link, {"action": "accept"})

    assert "someone.else@example.gov.pl" in page.content.decode()
    assert 'value="accept"' not in page.content.decode()
    assert refused.status_code == 400
    assert not Membership.objects.filter(user=outsider, institution=tenant_a.institution).exists()
    assert Invitation.objects.get().status == "pending"


def test_declining_changes_nothing_and_ends_the_link(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    _invite(api, tenant_a, outsider.email, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])

    declined = client.post(link, {"action": "decline"})

    assert declined.status_code == 200
    assert Invitation.objects.get().status == "declined"
    assert not Membership.objects.filter(user=outsider, institution=tenant_a.institution).exists()
    assert client.get(link).status_code == 404


def test_an_expired_or_tampered_link_is_refused(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    _invite(api, tenant_a, outsider.email, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    Invitation.objects.update(sent_at=timezone.now() - timedelta(days=15))
    client.force_login(outsider)

    expired = client.post(link, {"action": "accept"})
    tampered = client.get(link[:-3] + "xx/")

    assert (expired.status_code, tampered.status_code) == (404, 404)
    assert "no longer valid" in expired.content.decode() or "nieważne" in expired.content.decode()
    assert not Membership.objects.filter(user=outsider, institution=tenant_a.institution).exists()


def test_sending_again_refreshes_the_one_invitation_and_ends_the_old_link(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    _invite(api, tenant_a, outsider.email, django_capture_on_commit_callbacks)
    _invite(api, tenant_a, outsider.email, django_capture_on_commit_callbacks)
    old, new = (_link(message) for message in mail.outbox)
    client.force_login(outsider)

    assert Invitation.objects.count() == 1
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_withdrawing_ends_the_link_and_is_scoped(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks
):
    invitation = _invite(api, tenant_a, outsider.email, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    other_institution = make_tenant("C")
    withdraw = f"/app/{tenant_a.institution.slug}/invitations/{invitation['id']}/withdraw/"

    client.force_login(tenant_a.official)
    by_official = client.post(withdraw)
    foreign_api = api.as_user(other_institution.admin).delete(
        f"/api/v1/invitations/{invitation['id']}/"
    )
    foreign_list = api.as_user(other_institution.admin).get("/api/v1/invitations/")
    own_list = api.as_user(tenant_a.admin).get("/api/v1/invitations/")
    client.force_login(tenant_a.manager)
    by_manager = client.post(withdraw)

    assert (by_official.status_code, foreign_api.status_code) == (404, 404)
    assert foreign_list.json()["results"] == []
    assert [row["id"] for row in own_list.json()["results"]] == [invitation["id"]]
    assert by_manager.status_code == 302
    assert Invitation.objects.get().status == "revoked"
    client.force_login(outsider)
    assert client.get(link).status_code == 404


def test_the_page_and_the_email_speak_polish(
    client, api, tenant_a, outsider, django_capture_on_commit_callbacks, settings
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(tenant_a.manager)
        client.post(
            f"/app/{tenant_a.institution.slug}/people/add/",
            {
                "email": outsider.email,
                "full_name": "X",
                "unit": tenant_a.unit.pk,
                "role": "official",
            },
        )
    (message,) = mail.outbox
    client.logout()

    page = client.get(_link(message)).content.decode()

    assert message.subject == "Zaproszenie do instytucji Urząd A w SZPoN"
    assert "zaprasza Cię do instytucji Urząd A" in message.body
    assert "Zaproszenie do instytucji Urząd A" in page
    assert "Zaloguj się, aby przyjąć" in page
    assert "Odrzuć" in page


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_the_account_form_make_one_account(tenant_a):
    import threading

    from django.db import connection

    from collab_service.institutions.errors import InstitutionError
    from collab_service.institutions.services.invitations import (
        invitation_accept_as_new,
        person_add,
    )

    invitation = person_add(
        institution=tenant_a.institution,
        email="dwa.razy@example.gov.pl",
        full_name="Dwa Razy",
        unit=tenant_a.unit,
    ).invitation
    start, outcomes = threading.Barrier(2), []

    def submit() -> None:
        start.wait()
        try:
            invitation_accept_as_new(invitation=invitation, full_name="Dwa Razy", password=STRONG)
            outcomes.append("made")
        except InstitutionError as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["Conflict", "made"]
    assert User.objects.filter(email__iexact="dwa.razy@example.gov.pl").count() == 1
    assert Membership.objects.filter(user__email__iexact="dwa.razy@example.gov.pl").count() == 1
