"""A training event outlives an outage of the service: a real Celery worker on Redis retries the
delivery until the (stand-in) service takes it."""

import time

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from openedx_events.learning.data import CourseEnrollmentData
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from collab_service import celery_app
from tests.edx_plugins.conftest import course_data, point_plugin_at, user_data
from tests.factories import UserFactory
from tests.infra.servers import require

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    require(bool(django_settings.REDIS_URL), "Redis")
    import celery.contrib.testing.tasks  # noqa: F401 - registers the ping task start_worker uses
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.task_always_eager = True


def _wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_enrolment_reaches_the_service_after_it_comes_back(worker, standin, settings):
    point_plugin_at(settings, standin.url)
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "EVENT_RETRY_SECONDS": 1}
    standin.answer((503, {"message": "down"}), (503, {"message": "down"}), (201, {"record": {}}))
    user = UserFactory()
    enrollment = CourseEnrollmentData(
        user=user_data(user),
        course=course_data(),
        mode="audit",
        is_active=True,
        creation_date=timezone.now(),
    )

    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment)

    assert _wait_for(lambda: len(standin.seen) >= 3)
    time.sleep(1.5)
    assert len(standin.seen) == 3  # delivered on the third attempt, then no more
    assert len({seen.body["event_id"] for seen in standin.seen}) == 1
