"""The institution's training overview as CSV, safe to open in a spreadsheet."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from collab_service.core.text import SpreadsheetWriter
from collab_service.institutions.models import Institution
from collab_service.training.models import TrainingRecord
from collab_service.training.selectors import units_by_person
from collab_service.training.states import record_state


def records_csv(
    *, institution: Institution, records: QuerySet[TrainingRecord], now: datetime
) -> str:
    """One row per person and course; dates are days in the institution's time zone."""
    tz = ZoneInfo(institution.time_zone)
    rows = list(records)
    units = units_by_person(institution, [record.user_id for record in rows])
    out = io.StringIO()
    writer = SpreadsheetWriter(out)
    writer.writerow(
        [
            pgettext("person", "Name"),
            _("E-mail"),
            _("Units"),
            _("Course id"),
            _("Course"),
            _("State"),
            _("Enrolled"),
            _("Passed"),
            _("Certificate issued"),
            _("Certificate revoked"),
            _("Valid until"),
        ]
    )
    for record in rows:
        writer.writerow(
            [
                record.user.display_name,
                record.user.email,
                ", ".join(units.get(record.user_id, [])),
                record.course_id,
                record.display_course,
                str(record_state(record, now).label),
                _day(record.enrolled_at, tz),
                _day(record.passed_at, tz),
                _day(record.certificate_issued_at, tz),
                _day(record.certificate_revoked_at, tz),
                _day(record.expires_at, tz),
            ]
        )
    return out.getvalue()


def _day(moment: datetime | None, tz: ZoneInfo) -> str:
    return timezone.localtime(moment, tz).date().isoformat() if moment is not None else ""
