"""Assignment, comment and reminder e-mails: batched per person, with a working opt-out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.notifications.models import OutgoingEmail
from collab_service.tasks.models import Task, TaskEmailPreference, TaskNotification
from collab_service.tasks.services.items import comment_add
from collab_service.tasks.services.notifications import (
    task_email_preference_set,
    task_notifications_send_due,
    task_reminders_send_due,
    unsubscribe_token,
)
from collab_service.tasks.services.tasks import task_create
from tests.collab_service.tasks.conftest import english
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
LATER = timedelta(seconds=301)


def _pending(person) -> list[str]:
    return list(
        TaskNotification.objects.filter(recipient=person, batched_at__isnull=True)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_assignment_notifies_the_new_assignee_not_the_actor(tenant_a, unit_list):
    task_create(
        actor=tenant_a.manager,
        task_list=unit_list,
        title="Raport",
        assignees=[tenant_a.official, tenant_a.manager],
    )

    assert _pending(tenant_a.official) == ["assigned"]
    assert _pending(tenant_a.manager) == []


def test_comment_notifies_assignees_and_list_owner_but_not_the_author(
    tenant_a, unit_list, personal_list
):
    task = TaskFactory(task_list=unit_list, assignees=[tenant_a.official, tenant_a.manager])
    own = TaskFactory(task_list=personal_list)

    comment_add(actor=tenant_a.manager, task=task, body="Proszę o pilne wykonanie.")
    comment_add(actor=tenant_a.official, task=own, body="Notatka dla siebie")

    assert _pending(tenant_a.official) == ["comment"]
    assert _pending(tenant_a.manager) == []


def test_two_events_make_one_email_after_the_window(
    tenant_a, unit_list, smtp_server, django_capture_on_commit_callbacks
):
    task_email_preference_set(user=tenant_a.official, enabled=True, language="en")
    task = task_create(
        actor=tenant_a.manager, task_list=unit_list, title="Raport", assignees=[tenant_a.official]
    )
    comment_add(actor=tenant_a.manager, task=task, body="Termin to piątek.")

    assert task_notifications_send_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        sent = task_notifications_send_due(now=timezone.now() + LATER)

    assert sent == 1
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == tenant_a.official.email
    assert message["Subject"] == "SZPoN: 2 task updates"
    body = message.get_body(("plain",)).get_content()
    assert f"http://testserver/tasks/{task.pk}/" in body
    assert "assigned it to you" in body
    assert "Status: Open" in body
    assert "Termin to piątek." in body
    assert "http://testserver/tasks/unsubscribe/" in body
    assert _pending(tenant_a.official) == []
    assert task_notifications_send_due(now=timezone.now() + LATER) == 0


def test_batch_email_is_in_the_site_language_by_default(tenant_a, unit_list):
    task_create(
        actor=tenant_a.manager, task_list=unit_list, title="Raport", assignees=[tenant_a.official]
    )

    task_notifications_send_due(now=timezone.now() + LATER)

    email = OutgoingEmail.objects.get()
    assert email.to == [tenant_a.official.email]
    assert "Raport" in email.body_text
    assert "Stan: " in email.body_text
    assert "Status: " not in email.body_text


def test_opted_out_person_gets_no_email_and_nothing_stays_pending(tenant_a, unit_list):
    task_email_preference_set(user=tenant_a.official, enabled=False)
    task_create(
        actor=tenant_a.manager, task_list=unit_list, title="Raport", assignees=[tenant_a.official]
    )

    sent = task_notifications_send_due(now=timezone.now() + LATER)

    assert sent == 0
    assert not OutgoingEmail.objects.exists()
    assert _pending(tenant_a.official) == []


def test_reminder_is_queued_once_per_due_time(tenant_a, unit_list):
    now = timezone.now()
    task = task_create(
        actor=tenant_a.manager,
        task_list=unit_list,
        title="Raport",
        assignees=[tenant_a.official],
        due_at=now + timedelta(minutes=50),
        reminder_minutes=60,
    )
    sequence = Task.objects.get(pk=task.pk).sequence

    assert task_reminders_send_due(now=now) == 1
    assert task_reminders_send_due(now=now + timedelta(minutes=5)) == 0

    assert list(
        TaskNotification.objects.filter(kind="reminder").values_list("recipient", flat=True)
    ) == [tenant_a.official.pk]
    assert Task.objects.get(pk=task.pk).sequence == sequence
    assert task_notifications_send_due(now=now) == 1


def test_reminder_waits_for_its_time_and_skips_closed_tasks(tenant_a, unit_list):
    now = timezone.now()
    task_create(
        actor=tenant_a.manager,
        task_list=unit_list,
        title="Później",
        assignees=[tenant_a.official],
        due_at=now + timedelta(hours=3),
        reminder_minutes=60,
    )
    task_create(
        actor=tenant_a.manager,
        task_list=unit_list,
        title="Zrobione",
        assignees=[tenant_a.official],
        due_at=now + timedelta(minutes=10),
        reminder_minutes=60,
        status="done",
    )

    assert task_reminders_send_due(now=now) == 0
    assert task_reminders_send_due(now=now + timedelta(hours=2, minutes=1)) == 1


def test_reminder_of_a_personal_list_goes_to_its_owner(tenant_a, personal_list):
    now = timezone.now()
    task_create(
        actor=tenant_a.official,
        task_list=personal_list,
        title="Moje",
        due_at=now + timedelta(minutes=5),
        reminder_minutes=15,
    )

    task_reminders_send_due(now=now)

    assert _pending(tenant_a.official) == ["reminder"]


def test_unsubscribe_link_works_signed_out(client, tenant_a):
    token = unsubscribe_token(tenant_a.official)
    english(client)

    page = client.get(f"/tasks/unsubscribe/{token}/")
    done = client.post(f"/tasks/unsubscribe/{token}/")

    assert page.status_code == 200
    assert b"Stop sending e-mails about tasks to" in page.content
    assert done.status_code == 200
    assert b"will get no more e-mails about tasks" in done.content
    assert TaskEmailPreference.objects.get(user=tenant_a.official).enabled is False


def test_unsubscribe_rejects_a_tampered_token(client, tenant_a):
    token = unsubscribe_token(tenant_a.official)
    english(client)

    response = client.get(f"/tasks/unsubscribe/{token[:-2]}xx/")
    posted = client.post(f"/tasks/unsubscribe/{token[:-2]}xx/")

    assert response.status_code == 400
    assert b"This unsubscribe link is not valid. Check that it is complete." in response.content
    assert posted.status_code == 400
    assert not TaskEmailPreference.objects.exists()


def test_settings_page_turns_emails_off_and_on(client, tenant_a):
    client.force_login(tenant_a.official)

    off = client.post("/tasks/settings/", {"language": "en"})
    assert off.status_code == 302
    assert TaskEmailPreference.objects.get(user=tenant_a.official).enabled is False

    client.post("/tasks/settings/", {"enabled": "on", "language": "pl"})
    preference = TaskEmailPreference.objects.get(user=tenant_a.official)
    assert (preference.enabled, preference.language) == (True, "pl")


def test_settings_page_needs_sign_in(client):
    response = client.get("/tasks/settings/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
