"""The documented maximum (5,000 rows) imports in the background through a real Celery worker,
and an import whose process is killed between chunks resumes without inviting anyone twice."""

import os
import signal
import subprocess
import sys
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from collab_service.institutions.models import Invitation, Membership, PeopleImport
from collab_service.institutions.services.officials_import import MAX_ROWS
from collab_service.institutions.services.people_imports import (
    CHUNK,
    people_import_run,
    people_import_start,
)
from collab_service.notifications.models import OutgoingEmail
from tests.conftest import make_tenant
from tests.factories import MembershipFactory
from tests.infra.celery_worker import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

MEMBERS = 50


def _file(tenant, rows: int) -> bytes:
    lines = ["email;full_name;unit;role;job_title"]
    lines += [
        f"member{n}@urzad.gov.pl;Member {n};{tenant.unit.slug};;Starszy" for n in range(MEMBERS)
    ]
    lines += [
        f"osoba{n}@example.gov.pl;Osoba {n};{tenant.unit.slug};official;"
        for n in range(rows - MEMBERS)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def tenant():
    tenant = make_tenant("A")
    for n in range(MEMBERS):
        MembershipFactory(unit=tenant.other_unit, user__email=f"member{n}@urzad.gov.pl")
    return tenant


def test_the_largest_file_imports_in_the_background(client, tenant, worker):
    client.force_login(tenant.admin)

    upload = client.post(
        f"/app/{tenant.institution.slug}/people/import/",
        {"file": SimpleUploadedFile("people.csv", _file(tenant, MAX_ROWS), "text/csv")},
    )

    assert upload.status_code == 302
    people_import = PeopleImport.objects.get()
    assert upload["Location"] == f"/app/{tenant.institution.slug}/people/import/{people_import.pk}/"
    assert wait_for(
        lambda: PeopleImport.objects.get().status == PeopleImport.Status.DONE, timeout=600
    )
    people_import.refresh_from_db()
    assert (people_import.processed, people_import.errors) == (MAX_ROWS, [])
    assert (people_import.created, people_import.invited) == (MEMBERS, MAX_ROWS - MEMBERS)
    assert Invitation.objects.filter(institution=tenant.institution).count() == MAX_ROWS - MEMBERS
    assert Membership.objects.filter(unit=tenant.unit, job_title="Starszy").count() == MEMBERS
    assert OutgoingEmail.objects.count() == MAX_ROWS - MEMBERS
    page = client.get(upload["Location"]).content.decode()
    state = client.get(upload["Location"], {"format": "json"}).json()
    report = client.get(upload["Location"] + "report.csv")
    assert "Wynik importu" in page
    assert (state["status"], state["processed"], state["total"]) == ("done", MAX_ROWS, MAX_ROWS)
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert f"{MAX_ROWS}/{MAX_ROWS}" in report.content.decode()


_RUN = """
import sys, django
django.setup()
from django.conf import settings
settings.DATABASES["default"]["NAME"] = sys.argv[1]
from collab_service.institutions.services import people_imports
people_imports.CHUNK = 10  # small chunks: the kill lands between two of them
people_imports.people_import_run(import_id=int(sys.argv[2]))
"""


def test_an_import_killed_between_chunks_resumes_without_inviting_twice(tenant):
    rows = 6 * CHUNK
    # The test plays the worker: the queued message is kept from the eager test broker.
    with mock.patch("collab_service.institutions.tasks.people_import_run_task.delay") as queued:
        started = people_import_start(
            institution=tenant.institution,
            data=_file(tenant, rows),
            uploaded_by=tenant.admin,
            language="pl",
        )
    queued.assert_called_once_with(started.pk)
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    worker = subprocess.Popen(
        [sys.executable, "-c", _RUN, connection.settings_dict["NAME"], str(started.pk)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert wait_for(
            lambda: PeopleImport.objects.get(pk=started.pk).processed >= 10, timeout=120
        ), worker.stderr.read().decode() if worker.poll() is not None else "no chunk in time"
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    killed = PeopleImport.objects.get(pk=started.pk)
    assert killed.status != PeopleImport.Status.DONE, "finished before it could be killed"
    assert Invitation.objects.count() == killed.invited  # committed with the counters
    assert OutgoingEmail.objects.count() == killed.invited

    finished = people_import_run(import_id=started.pk)

    assert (finished.status, finished.processed) == (PeopleImport.Status.DONE, rows)
    assert (finished.created, finished.invited) == (MEMBERS, rows - MEMBERS)
    assert Invitation.objects.count() == rows - MEMBERS
    assert OutgoingEmail.objects.count() == rows - MEMBERS
    assert people_import_run(import_id=started.pk).processed == rows  # done stays done


def test_an_import_that_stood_still_is_queued_again_and_finishes(tenant):
    from datetime import timedelta

    from django.utils import timezone

    from collab_service.institutions.services.people_imports import people_imports_resume_stale

    with mock.patch("collab_service.institutions.tasks.people_import_run_task.delay"):
        lost = people_import_start(
            institution=tenant.institution, data=_file(tenant, 60), uploaded_by=None, language="pl"
        )  # its message never reached a worker
        fresh = people_import_start(
            institution=tenant.institution, data=_file(tenant, 60), uploaded_by=None, language="pl"
        )
    PeopleImport.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - timedelta(hours=1))

    resumed = people_imports_resume_stale()  # the test broker runs the queued task at once

    assert resumed == 1
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert (lost.status, lost.processed) == (PeopleImport.Status.DONE, 60)
    assert (fresh.status, fresh.processed) == (PeopleImport.Status.QUEUED, 0)
