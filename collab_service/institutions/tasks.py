from celery import shared_task
from django.db import DatabaseError

from collab_service.institutions.services.people_imports import (
    people_import_run,
    people_imports_resume_stale,
)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def people_import_run_task(import_id: int) -> int:
    """Import an uploaded CSV of officials; run again, it resumes where it stopped."""
    return people_import_run(import_id=import_id).processed


@shared_task
def people_imports_resume() -> int:
    """Queue again the imports that stopped half-way (Celery beat, every five minutes)."""
    return people_imports_resume_stale()
