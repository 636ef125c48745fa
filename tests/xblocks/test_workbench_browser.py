"""Both blocks in the workbench with Chromium, against the live service: joining as a learner
and as a host, starting and inviting, booking and cancelling, visitors without an account,
Studio's form; axe on every view in Polish and English."""

import re

import pytest
from django.core import mail

from collab_service.appointments.models import Booking
from collab_service.courses.models import CourseConsultation, CourseMeeting
from tests.infra.browser import axe_violations
from tests.xblocks.workbench import CONSULTATION, ON_DEMAND, WEBINAR, Workbench

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LOCALES = {"pl": "pl-PL", "en": "en-GB"}


@pytest.fixture(scope="module")
def workbench_process(live_server):
    workbench = Workbench(live_server.url).start()
    yield workbench
    workbench.stop()


@pytest.fixture
def workbench(workbench_process, service, academy, settings, jitsi_web):
    """The workbench with fresh block state; the service lets its pages call and frame it."""
    settings.LMS_ORIGINS = [workbench_process.url]
    settings.FRAME_ANCESTORS = [workbench_process.url]
    workbench_process.reset()
    return workbench_process


_script_errors: list[str] = []


@pytest.fixture(autouse=True)
def no_script_errors():
    """Every page the test opened ran its scripts (the runtime's block initialisation included)
    without an uncaught error."""
    _script_errors.clear()
    yield
    assert _script_errors == []


def open_page(browser, language: str):
    context = browser.new_context(locale=LOCALES[language])
    page = context.new_page()
    page.on("pageerror", lambda error: _script_errors.append(str(error)))
    return context, page


def join(page, button_name: str) -> dict:
    """Press Join; returns the handler's answer (the room role, not the token)."""
    with page.expect_response(lambda r: "/join/" in r.url and "/handler/" in r.url) as answer:
        page.get_by_role("button", name=button_name).click()
    return answer.value.json()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_host_and_learner_join_the_webinar_with_different_room_roles(browser, workbench, language):
    join_label = {"pl": "Dołącz do spotkania", "en": "Join the meeting"}[language]
    context, page = open_page(browser, language)
    try:
        page.goto(workbench.page_url(WEBINAR, student="host"))
        assert axe_violations(page) == []
        host = join(page, join_label)
        frame = page.locator("[data-frame] iframe")
        frame.wait_for()
        assert frame.get_attribute("src") == host["join_url"]
        assert frame.get_attribute("title").endswith("Webinar: e-Doręczenia w urzędzie")
        assert page.evaluate("document.activeElement.tagName") == "H3"
        assert host["role"] == "moderator"
        assert axe_violations(page) == []

        page.goto(workbench.page_url(WEBINAR, student="student_1"))
        learner = join(page, join_label)
        page.locator("[data-frame] iframe").wait_for()
        assert learner["role"] == "member"
        leave = {"pl": "Opuść spotkanie", "en": "Leave the meeting"}[language]
        page.get_by_role("button", name=leave).click()
        assert page.locator("[data-frame] iframe").count() == 0
        assert page.evaluate("document.activeElement.dataset.action") == "join"
        assert axe_violations(page) == []
    finally:
        context.close()
    course_meeting = CourseMeeting.objects.get()
    assert course_meeting.course_id == "course-v1:SZPoN+Demo+2026"
    assert course_meeting.meeting.participants.count() == 2


def test_host_starts_the_on_demand_meeting_and_invites_from_the_unit(browser, workbench):
    context, page = open_page(browser, "en")
    try:
        page.goto(workbench.page_url(ON_DEMAND, student="host"))
        page.get_by_role("button", name="Start the meeting").click()
        page.locator("[data-frame] iframe").wait_for()
        assert CourseMeeting.objects.get().started_at is not None

        page.get_by_label("E-mail addresses").fill("anna@example.org, not-an-address")
        page.get_by_role("button", name="Send invitations").click()
        error = page.locator("[data-invite] [data-field=emails] .szpon-error")
        error.wait_for()
        assert "not-an-address" in error.text_content()
        assert page.get_by_label("E-mail addresses").get_attribute("aria-invalid") == "true"
        assert page.evaluate("document.activeElement.name") == "emails"
        assert axe_violations(page) == []

        mail.outbox.clear()
        page.get_by_label("E-mail addresses").fill("anna@example.org")
        page.get_by_role("button", name="Send invitations").click()
        status = page.locator("[data-invite-status]")
        page.wait_for_function(
            "node => node.textContent === '1 invitation sent.'", arg=status.element_handle()
        )
        assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_author_sets_the_case_type_then_a_learner_books_and_cancels(
    browser, workbench, case_type, language
):
    texts = {
        "pl": ("Numer sprawy", "Zapisz", "Zapisano.", "Twoje rezerwacje", "anulowana"),
        "en": ("Case type number", "Save", "Saved.", "Your bookings", "cancelled"),
    }[language]
    context, page = open_page(browser, language)
    try:
        page.goto(workbench.page_url(CONSULTATION, "studio_view", student="host"))
        assert axe_violations(page) == []
        page.get_by_label(texts[0]).fill(str(case_type.pk))
        page.get_by_role("button", name=texts[1], exact=True).click()
        page.wait_for_function(
            "text => document.querySelector('[data-status]').textContent.startsWith(text)",
            arg=texts[2],
        )
        assert CourseConsultation.objects.get().case_type == case_type

        page.goto(workbench.page_url(CONSULTATION, student="student_1"))
        assert axe_violations(page) == []
        first = page.locator("button[data-start]").first
        start = first.get_attribute("data-start")
        first.click()
        page.locator("[data-bookings]").wait_for()
        booking = Booking.objects.get()
        status = page.locator("[data-status]").text_content()
        assert booking.reference_code in status
        assert page.evaluate("document.activeElement.dataset.bookings") == ""
        assert page.locator(f'button[data-start="{start}"]').count() == 0
        assert texts[3] in page.locator("[data-bookings]").text_content()
        assert axe_violations(page) == []

        page.locator(f'button[data-cancel="{booking.pk}"]').click()
        page.wait_for_function(
            "text => document.querySelector('[data-status]').textContent.includes(text)",
            arg=texts[4],
        )
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED
        assert page.locator("[data-bookings]").count() == 0
    finally:
        context.close()


def test_studio_form_shows_each_error_next_to_its_field(browser, workbench):
    context, page = open_page(browser, "en")
    try:
        page.goto(workbench.page_url(WEBINAR, "studio_view", student="host"))
        page.get_by_label("Meeting title").fill("")
        page.get_by_label("Duration (minutes)").fill("3")
        page.get_by_role("button", name="Save", exact=True).click()
        summary = page.locator(".szpon-error-summary")
        summary.wait_for()
        assert page.evaluate("document.activeElement.classList.contains('szpon-error-summary')")
        assert "Give the meeting a title." in summary.text_content()
        title = page.get_by_label("Meeting title")
        assert title.get_attribute("aria-invalid") == "true"
        error_id = title.get_attribute("aria-describedby").split()[1]
        assert page.locator(f"#{error_id}").text_content() == "Give the meeting a title."
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_visitor_without_an_account_joins_the_webinar_as_a_guest(browser, workbench, language):
    texts = {
        "pl": ("Twoje imię i nazwisko", "Dołącz jako gość", "Wpisz swoje imię", "Zapisz"),
        "en": ("Your name", "Join as a guest", "Enter your name", "Save"),
    }[language]
    context, page = open_page(browser, language)
    try:
        # The course team saves the block in Studio: that is what gives visitors the guest form.
        page.goto(workbench.page_url(WEBINAR, "studio_view", student="host"))
        with page.expect_response(lambda r: "studio_submit" in r.url):
            page.get_by_role("button", name=texts[3], exact=True).click()
        page.goto(workbench.page_url(WEBINAR, "public_view", student="anonymous"))
        assert axe_violations(page) == []
        page.get_by_role("button", name=texts[1]).click()
        error = page.locator("[data-guest] .szpon-error")
        error.wait_for()
        assert error.text_content().startswith(texts[2])

        page.get_by_label(texts[0]).fill("Gość Webinarium")
        with page.expect_response(lambda r: r.url.endswith("/guest-join/")) as answer:
            page.get_by_role("button", name=texts[1]).click()
        join_url = answer.value.json()["join_url"]
        frame = page.locator("[data-frame] iframe")
        frame.wait_for()
        assert frame.get_attribute("src") == join_url
        assert axe_violations(page) == []
    finally:
        context.close()
    guest = CourseMeeting.objects.get().meeting.participants.get(role="guest")
    assert guest.name == "Gość Webinarium"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_visitor_sees_free_days_linking_to_the_office_booking_page(
    browser, workbench, case_type, language, service
):
    context, page = open_page(browser, language)
    try:
        page.goto(workbench.page_url(CONSULTATION, "studio_view", student="host"))
        page.locator("[data-field=case_type] input").fill(str(case_type.pk))
        page.locator(".szpon-studio-form button[type=submit]").click()
        page.wait_for_function(
            "text => document.querySelector('[data-status]').textContent.startsWith(text)",
            arg={"pl": "Zapisano.", "en": "Saved."}[language],
        )

        page.goto(workbench.page_url(CONSULTATION, "public_view", student="anonymous"))
        links = page.locator(f'a[href^="{service}/visits/book/{case_type.pk}/?day="]')
        assert links.count() > 0
        assert re.search(r"\(.*\)", links.first.text_content())  # says it opens a new tab
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    ("scenario", "view", "student"),
    [
        (WEBINAR, "author_view", "host"),
        (ON_DEMAND, "student_view", "student_1"),
        (ON_DEMAND, "studio_view", "host"),
        (ON_DEMAND, "public_view", "anonymous"),
        (CONSULTATION, "author_view", "host"),
        (CONSULTATION, "student_view", "student_1"),
    ],
)
def test_every_other_view_passes_axe(browser, workbench, language, scenario, view, student):
    context, page = open_page(browser, language)
    try:
        page.goto(workbench.page_url(scenario, student="host"))
        response = page.goto(workbench.page_url(scenario, view, student=student))
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == []
    finally:
        context.close()
