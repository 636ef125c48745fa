from celery import shared_task

from collab_service.institutions.services.people_imports import people_import_run


@shared_task(acks_late=True)
def people_import_run_task(import_id: int) -> int:
    """Import an uploaded CSV of officials; run again, it resumes where it stopped."""
    return people_import_run(import_id=import_id).processed
