"""The official's CalDAV connection page, with a real Radicale behind the test button."""

import pytest

from collab_service.calendars.crypto import secret_decrypt
from collab_service.calendars.models import CalendarConnection
from tests.collab_service.calendars.caldav_helpers import make_calendar
from tests.conftest import make_tenant

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(client):
    tenant = make_tenant("A")
    client.force_login(tenant.official)
    client.cookies["collab_language"] = "en"
    client.official = tenant.official
    return client


def test_connecting_tests_the_server_and_chooses_calendars(
    official_client, radicale_server, radicale_user, django_capture_on_commit_callbacks
):
    events = make_calendar(radicale_server, radicale_user, "work")
    todos = make_calendar(radicale_server, radicale_user, "tasks", components=("VTODO",))

    with django_capture_on_commit_callbacks(execute=True):
        response = official_client.post(
            "/calendar/connection/",
            {
                "server_url": radicale_server.url,
                "username": radicale_user,
                "auth_kind": "password",
                "secret": "app-password",
            },
        )

    assert response.status_code == 302
    connection = CalendarConnection.objects.get(user=official_client.official)
    assert "app-password" not in connection.secret_encrypted
    assert secret_decrypt(connection.secret_encrypted) == "app-password"
    assert connection.state == CalendarConnection.State.OK
    assert (connection.events_calendar_url, connection.tasks_calendar_url) == (
        str(events.url),
        str(todos.url),
    )
    assert connection.busy_calendar_urls == [str(events.url)]
    page = official_client.get("/calendar/connection/").content.decode()
    assert "Working" in page
    assert "Save the calendars" in page
    assert "app-password" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"server_url": "ftp://example.org/dav"}, "starting https://"),
        ({"server_url": "not an address"}, "Enter a valid URL."),
        ({"server_url": "https://dav.example.org/"}, "Enter the app password or access token."),
        (
            {"server_url": "https://dav.example.org/", "auth_kind": "magic", "secret": "x"},
            "Select a valid choice.",
        ),
    ],
)
def test_bad_connection_details_get_a_form_error(official_client, data, message):
    form = {"username": "jan", "auth_kind": "password", "secret": "", **data}

    response = official_client.post("/calendar/connection/", form)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarConnection.objects.exists()


def test_private_addresses_are_refused_where_blocked(official_client, settings):
    settings.CALDAV_BLOCK_PRIVATE_ADDRESSES = True
    form = {"username": "jan", "auth_kind": "password", "secret": "x"}

    plain = official_client.post(
        "/calendar/connection/", {**form, "server_url": "http://127.0.0.1:1/"}
    )
    inside = official_client.post(
        "/calendar/connection/", {**form, "server_url": "https://127.0.0.1:1/"}
    )

    assert plain.status_code == inside.status_code == 400
    assert "must be reached over https" in plain.content.decode()
    assert "private network" in inside.content.decode()
    assert not CalendarConnection.objects.exists()


def test_unreachable_server_is_shown_with_what_happens_next(
    official_client, django_capture_on_commit_callbacks
):
    from tests.infra.servers import free_port

    with django_capture_on_commit_callbacks(execute=True):
        official_client.post(
            "/calendar/connection/",
            {
                "server_url": f"http://127.0.0.1:{free_port()}/",
                "username": "jan",
                "auth_kind": "password",
                "secret": "x",
            },
        )

    page = official_client.get("/calendar/connection/").content.decode()
    assert "The server cannot be reached or answers with errors" in page
    assert "cannot connect" in page
    assert "Nothing is lost" in page


def test_choosing_a_calendar_that_was_not_found_is_refused(official_client):
    CalendarConnection.objects.create(
        user=official_client.official,
        server_url="https://dav.example.org/",
        discovered_calendars=[
            {"url": "https://dav.example.org/jan/work/", "name": "Work", "components": ["VEVENT"]}
        ],
    )

    response = official_client.post(
        "/calendar/connection/calendars/",
        {"events_calendar_url": "https://evil.example.org/x/", "tasks_calendar_url": ""},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_disconnect_forgets_the_connection(official_client):
    CalendarConnection.objects.create(
        user=official_client.official, server_url="https://dav.example.org/"
    )

    response = official_client.post("/calendar/connection/disconnect/")

    assert response.status_code == 302
    assert not CalendarConnection.objects.exists()


def test_stored_address_that_became_disallowed_is_not_called(official_client, settings):
    from collab_service.calendars.services.connections import connection_test_run

    connection = CalendarConnection.objects.create(
        user=official_client.official, server_url="http://127.0.0.1:1/"
    )
    settings.CALDAV_BLOCK_PRIVATE_ADDRESSES = True

    connection_test_run(connection_id=connection.pk)

    connection.refresh_from_db()
    assert connection.state == CalendarConnection.State.FAILING
    assert connection.last_error.startswith("the server address is not allowed here")
    page = official_client.get("/calendar/connection/").content.decode()
    assert '<span lang="en">the server address is not allowed here' in page
