"""Every task page passes axe-core (WCAG 2.1 AA) in Chromium, in Polish and English; the board's
move control works with the keyboard alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.tasks.models import Task
from collab_service.tasks.services.items import checklist_item_add, comment_add
from collab_service.tasks.services.notifications import unsubscribe_token
from tests.collab_service.pages.test_pages_accessible import _check, _open_as, submit
from tests.conftest import make_tenant
from tests.factories import TaskFactory, TaskListFactory
from tests.infra.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board(live_server):
    tenant = make_tenant("A")
    make_tenant("B")
    unit_list = TaskListFactory(unit=tenant.unit, name="Sprawy wydziału")
    task = TaskFactory(
        task_list=unit_list,
        title="Raport kwartalny",
        description="Dane\nz trzech miesięcy",
        due_at=timezone.now() - timedelta(days=1),
        rrule="FREQ=WEEKLY",
        reminder_minutes=60,
        assignees=[tenant.manager, tenant.official],
    )
    checklist_item_add(actor=tenant.manager, task=task, text="Zebrać dane")
    comment_add(actor=tenant.official, task=task, body="Zaczynam jutro.")
    TaskFactory(task_list=unit_list, title="Druki", status="in_progress")
    return live_server.url, tenant, unit_list, task


@pytest.mark.parametrize("language", ["pl", "en"])
def test_task_pages(browser, board, language):
    base, tenant, unit_list, task = board
    context, page = _open_as(browser, base, language, user=tenant.manager)
    try:
        for path in [
            "/tasks/",
            "/tasks/?view=overdue",
            "/tasks/?view=week",
            "/tasks/?view=all&sort=priority&status=active",
            "/tasks/lists/new/",
            f"/tasks/lists/{unit_list.pk}/",
            f"/tasks/lists/{unit_list.pk}/?layout=board",
            f"/tasks/lists/{unit_list.pk}/edit/",
            f"/tasks/lists/{unit_list.pk}/new/",
            f"/tasks/{task.pk}/",
            f"/tasks/{task.pk}/edit/",
            f"/tasks/{task.pk}/delete/",
            "/tasks/settings/",
        ]:
            _check(page, base + path, language)
        page.goto(base + f"/tasks/lists/{unit_list.pk}/new/")
        page.fill("#id_title", "x")
        page.fill("#id_start_date", "2026-12-05")
        page.fill("#id_due_date", "2026-12-04")
        submit(page, "main form[method=post] button.primary")
        assert page.locator("#error-summary").count() == 1
        assert axe_violations(page) == []
        page.goto(base + "/tasks/?view=all")
        page.check(f"#select-{task.pk}")
        submit(page, "main form[method=post] button[type=submit]")
        assert page.locator("[role=status]").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_unsubscribe_pages(browser, board, language):
    base, tenant, _unit_list, _task = board
    context, page = _open_as(browser, base, language)
    try:
        token = unsubscribe_token(tenant.official)
        _check(page, base + f"/tasks/unsubscribe/{token}/", language)
        submit(page, "main button[type=submit]")
        assert page.locator("[role=status]").count() == 1
        assert axe_violations(page) == []
        _check(page, base + "/tasks/unsubscribe/not-a-token/", language, expect_status=400)
    finally:
        context.close()


def test_board_card_moves_with_the_keyboard(browser, board):
    base, tenant, unit_list, task = board
    context, page = _open_as(browser, base, "en", user=tenant.official)
    try:
        page.goto(base + f"/tasks/lists/{unit_list.pk}/?layout=board")
        select = page.locator(f"#move-{task.pk}")
        select.focus()
        assert page.evaluate("document.activeElement.id") == f"move-{task.pk}"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert select.input_value() == "done"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Move"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "layout=board" in page.url
        assert page.locator("#column-done").locator("..").get_by_text("Raport kwartalny").count()
        assert Task.objects.get(pk=task.pk).status == "done"
        assert axe_violations(page) == []
    finally:
        context.close()
