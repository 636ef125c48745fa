"""Importing a checked CSV of officials in the background, in chunks that resume.

The upload stores the checked rows and answers at once; a Celery task places members and invites
everyone else, ``CHUNK`` rows per transaction. Each chunk commits its people, its invitations'
e-mails (the outbox) and the import's counters together, so a worker that dies loses at most the
chunk in hand, and running the task again goes on from the first row not committed.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone, translation

from collab_service.accounts.models import User
from collab_service.institutions.errors import InstitutionError
from collab_service.institutions.models import Institution, PeopleImport, Unit
from collab_service.institutions.services.invitations import person_add
from collab_service.institutions.services.officials_import import officials_file_check

CHUNK = 100
# An unfinished import whose last chunk is older than this is queued again (a lost message,
# a worker that died): running it again only goes on where it stopped.
STALE_AFTER = timedelta(minutes=10)
Status = PeopleImport.Status


def people_import_start(
    *,
    institution: Institution,
    data: bytes,
    file_name: str = "",
    uploaded_by: User | None,
    language: str,
) -> PeopleImport:
    """Check the file and queue its import (CsvFileError for a file that cannot be read)."""
    from collab_service.institutions.tasks import people_import_run_task

    checked = officials_file_check(institution=institution, data=data)
    people_import = PeopleImport.objects.create(
        institution=institution,
        uploaded_by=uploaded_by,
        file_name=file_name[:255],
        language=language,
        rows=checked.rows,
        errors=[[error.line, error.column, error.message] for error in checked.errors],
    )
    transaction.on_commit(lambda: people_import_run_task.delay(people_import.pk))
    return people_import


def people_import_run(*, import_id: int) -> PeopleImport:
    """Import the rows not yet committed, chunk by chunk; a finished import is left alone."""
    while True:
        with transaction.atomic():
            # Locked alone: FOR UPDATE refuses the nullable side of a join (the uploader).
            people_import = PeopleImport.objects.select_for_update().get(pk=import_id)
            if people_import.status == Status.DONE:
                return people_import
            chunk = people_import.rows[people_import.processed : people_import.processed + CHUNK]
            with translation.override(people_import.language):
                _import_chunk(people_import, chunk)
            people_import.processed += len(chunk)
            people_import.status = Status.RUNNING
            if people_import.processed >= people_import.total:
                people_import.status = Status.DONE
                people_import.finished_at = timezone.now()
                people_import.errors.sort(key=lambda error: error[0])
            people_import.save()
        if people_import.status == Status.DONE:
            return people_import


def people_imports_resume_stale(*, now: datetime | None = None) -> int:
    """Queue again the unfinished imports that have not moved for ``STALE_AFTER``."""
    from collab_service.institutions.tasks import people_import_run_task

    now = now or timezone.now()
    stale = list(
        PeopleImport.objects.exclude(status=Status.DONE)
        .filter(updated_at__lt=now - STALE_AFTER)
        .values_list("pk", flat=True)[:100]
    )
    for import_id in stale:
        # Marked first, so that the next round leaves it alone while it runs.
        PeopleImport.objects.filter(pk=import_id).update(updated_at=now)
        transaction.on_commit(lambda import_id=import_id: people_import_run_task.delay(import_id))
    return len(stale)


def _import_chunk(people_import: PeopleImport, rows: list[dict]) -> None:
    units = {unit.pk: unit for unit in Unit.objects.filter(institution=people_import.institution)}
    for row in rows:
        try:
            with transaction.atomic():
                added = person_add(
                    institution=people_import.institution,
                    email=row["email"],
                    full_name=row["full_name"],
                    unit=units.get(row["unit"]) if row["unit"] else None,
                    role=row["role"],
                    job_title=row["job_title"],
                    may_change_role=True,
                    invited_by=people_import.uploaded_by,
                    language=people_import.language,
                )
        except InstitutionError as exc:
            people_import.errors.append([row["line"], "email", str(exc)])
            continue
        if added.invitation is not None:
            people_import.invited += 1
        elif added.created:
            people_import.created += 1
        else:
            people_import.updated += 1
