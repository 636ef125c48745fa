"""The Celery application of the service; tasks live in each app's ``tasks.py``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collab_service.settings")

app = Celery("collab_service")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
