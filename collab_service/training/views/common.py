"""What the training pages share: a record as shown, with its state and links."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from collab_service.training.models import TrainingRecord
from collab_service.training.services.reminders import course_link
from collab_service.training.states import TrainingState, record_state


@dataclass(frozen=True)
class RecordRow:
    record: TrainingRecord
    state: TrainingState
    course_link: str
    certificate_link: str
    days_left: int | None

    @property
    def expired(self) -> bool:
        return self.state == TrainingState.EXPIRED

    @property
    def expiring(self) -> bool:
        return self.state == TrainingState.EXPIRING_SOON


def certificate_link(record: TrainingRecord) -> str:
    """The certificate's address: absolute as given, a path on the LMS, else none."""
    url = record.certificate_download_url
    if url.startswith(("https://", "http://")):
        return url
    if url.startswith("/") and not url.startswith("//") and settings.LMS_URL:
        return settings.LMS_URL + url
    return ""


def record_rows(records, now: datetime) -> list[RecordRow]:
    rows = []
    for record in records:
        state = record_state(record, now)
        days_left = None
        if state == TrainingState.EXPIRING_SOON and record.expires_at is not None:
            days_left = max((record.expires_at - now).days, 0)
        rows.append(
            RecordRow(
                record=record,
                state=state,
                course_link=course_link(record),
                certificate_link=certificate_link(record),
                days_left=days_left,
            )
        )
    return rows
