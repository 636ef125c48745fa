"""Property-based requests generated from our own OpenAPI schema: no endpoint answers 5xx.

Schemathesis sends valid and invalid data (wrong types, odd strings, huge numbers, missing
fields) through the real JWT authentication of an institution admin.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from collab_service.wsgi import application
from tests.conftest import make_tenant
from tests.infra.jwt_keys import lms_token


@pytest.fixture
def api_schema(db):
    # Like Django's test client: keep the test's database connection open between requests.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def admin_token(db) -> str:
    tenant = make_tenant("Fuzz")
    make_tenant("Other")
    tenant.admin.lms_user_id = 4242
    tenant.admin.save()
    return lms_token(user_id=4242, exp=2_000_000_000)


def test_no_endpoint_answers_a_server_error(api_schema, admin_token):
    headers = {"Authorization": f"JWT {admin_token}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_server_error(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code >= 400 and response.status_code != 405:
                assert "message" in response.json(), response.text

        no_server_error()
