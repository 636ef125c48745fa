"""Tying a consultation block to a case type of the course's institution."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from collab_service.appointments.models import CaseType
from collab_service.courses.errors import CourseError, WrongCourse
from collab_service.courses.models import CourseConsultation
from collab_service.courses.services.course_meetings import block_check
from collab_service.courses.services.institutions import course_institution


def booking_page_url(case_type: CaseType) -> str:
    """The citizens' booking page of the case type (for visitors without a course account)."""
    return settings.PUBLIC_URL + reverse("appointments:book", args=[case_type.pk])


def consultation_sync(
    *, block_id: str, course_id: str, title: str, case_type_id: int
) -> tuple[CourseConsultation, bool]:
    """Create or update the block's consultation; returns it and whether it was created.

    The case type must belong to the institution of the course (InstitutionUnresolved when
    there is none); a block already synced from another course is refused (WrongCourse), and
    so is a block whose key names another course (BlockNotInCourse).
    """
    block_check(block_id, course_id)
    existing = CourseConsultation.objects.filter(block_id=block_id).first()
    if existing is not None and existing.course_id != course_id:
        raise WrongCourse(_("This block belongs to another course."))
    institution = course_institution(course_id)
    case_type = CaseType.objects.filter(pk=case_type_id, institution=institution).first()
    if case_type is None:
        raise CourseError(
            _("%(institution)s has no case type with the id %(id)s.")
            % {"institution": institution.name, "id": case_type_id}
        )
    values = {"course_id": course_id, "title": title.strip()[:200], "case_type": case_type}
    try:
        with transaction.atomic():
            consultation, created = CourseConsultation.objects.update_or_create(
                block_id=block_id, defaults=values
            )
    except IntegrityError:  # the same block synced concurrently a moment ago
        consultation, _created = CourseConsultation.objects.update_or_create(
            block_id=block_id, defaults=values
        )
        created = False
    return consultation, created
