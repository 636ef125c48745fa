"""Run the Celery beat schedule inside this process: the embedded mode's stand-in for beat.

In embedded mode tasks run eagerly (in-process), so there is no worker for a beat to send to;
this command calls each scheduled task at its interval instead. Production runs real beat.
"""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from collab_service.celery_app import app

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the periodic tasks of CELERY_BEAT_SCHEDULE in this process (embedded mode)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every task once and stop.")

    def handle(self, *args, once: bool = False, **options) -> None:
        schedule = {
            entry["task"]: float(entry["schedule"])
            for entry in settings.CELERY_BEAT_SCHEDULE.values()
        }
        app.loader.import_default_modules()  # the apps' tasks.py, as a worker would
        due = dict.fromkeys(schedule, 0.0)
        while True:
            now = time.monotonic()
            for task_name, interval in schedule.items():
                if due[task_name] <= now:
                    self._run(task_name)
                    due[task_name] = now + interval
            if once:
                return
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))

    def _run(self, task_name: str) -> None:
        result = app.tasks[task_name].apply()
        if result.failed():
            log.error("Periodic task %s failed: %s", task_name, result.result)
        else:
            self.stdout.write(f"{task_name}: {result.result}")
