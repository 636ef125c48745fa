"""A training event outlives an outage of the service: a real Celery worker on Redis retries the
delivery until the (stand-in) service takes it."""

import time

import pytest
from django.utils import timezone
from openedx_events.learning.data import CourseEnrollmentData
from openedx_events.learning.signals import COURSE_ENROLLMENT_CREATED

from tests.edx_plugins.conftest import course_data, point_plugin_at, user_data
from tests.factories import UserFactory
from tests.infra.celery_worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


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

    assert wait_for(lambda: len(standin.seen) >= 3)
    time.sleep(1.5)
    assert len(standin.seen) == 3  # delivered on the third attempt, then no more
    assert len({seen.body["event_id"] for seen in standin.seen}) == 1
