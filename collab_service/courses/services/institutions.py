"""Which institution a course's meetings and consultations belong to."""

from django.conf import settings
from django.utils.translation import gettext as _

from collab_service.courses.errors import InstitutionUnresolved
from collab_service.institutions.course_keys import course_org
from collab_service.institutions.models import Institution


def course_institution(course_id: str) -> Institution:
    """The active institution listing the course's organisation, else the configured default.

    Raises InstitutionUnresolved when neither gives exactly one institution.
    """
    org = course_org(course_id)
    if org:
        candidates = Institution.objects.filter(is_active=True, lms_orgs__icontains=org)
        matches = [
            institution
            for institution in candidates.order_by("pk")
            if org.lower() in {code.lower() for code in institution.lms_org_codes}
        ]
        if len(matches) > 1:
            raise InstitutionUnresolved(
                _(
                    "The Open edX organisation %(org)s is listed by several institutions "
                    "(%(names)s); an administrator must leave it on one only."
                )
                % {"org": org, "names": ", ".join(i.name for i in matches)}
            )
        if matches:
            return matches[0]
    slug = settings.LMS_DEFAULT_INSTITUTION
    default = Institution.objects.filter(slug=slug, is_active=True).first() if slug else None
    if default is not None:
        return default
    raise InstitutionUnresolved(
        _(
            "No institution takes the courses of the Open edX organisation %(org)s. An "
            "administrator must add it to an institution's Open edX organisations or set "
            "COLLAB_LMS_DEFAULT_INSTITUTION."
        )
        % {"org": org or course_id}
    )
