"""SZPoN collaboration service: institutions, meetings, tasks, calendars and appointments."""

from collab_service.celery_app import app as celery_app

__all__ = ["celery_app"]
