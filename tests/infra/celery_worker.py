"""A real Celery worker (solo pool, Redis broker) for tests whose behaviour depends on delivery."""

import time
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings

from collab_service import celery_app
from tests.infra.servers import require


@pytest.fixture
def worker() -> Iterator[None]:
    require(bool(settings.REDIS_URL), "Redis")
    import celery.contrib.testing.tasks  # noqa: F401 - registers the ping task start_worker uses
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    celery_app.control.purge()  # this run's queue starts empty ...
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        # ... and ends so: tasks a test left queued (thousands of e-mails of an import) would
        # otherwise keep the next test's worker busy.
        celery_app.control.purge()
        celery_app.conf.task_always_eager = True


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False
