"""The signed-in person's own training: courses, certificates and their validity."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from collab_service.training.selectors import (
    can_view_policies,
    institutions_with_training_view,
    own_records,
)
from collab_service.training.views.common import record_rows


@login_required
def my_training(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = record_rows(own_records(request.user).order_by("course_name", "course_id"), now)
    context = {
        "rows": rows,
        "expired": sum(row.expired for row in rows),
        "expiring": sum(row.expiring for row in rows),
        "institutions": institutions_with_training_view(request.user).order_by("name")[:50],
        "can_view_policies": can_view_policies(request.user),
    }
    return render(request, "training/mine.html", context)
