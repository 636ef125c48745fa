"""The appointment block: learners book consultation slots of a case type and cancel them."""

import re
from datetime import datetime

from xblock.core import XBlock
from xblock.fields import Integer, Scope, String
from xblock.utils.resources import ResourceLoader

from xblocks.common import service
from xblocks.common.actions import json_action
from xblocks.common.block import ServiceBlockMixin
from xblocks.common.errors import ActionError
from xblocks.common.i18n import gettext_noop as _
from xblocks.szpon_appointment import forms, pages

BOOKING_ID = re.compile(r"^[0-9a-fA-F-]{32,36}$")


@XBlock.needs("i18n")
@XBlock.wants("user", "settings")
class AppointmentBlock(ServiceBlockMixin, XBlock):
    """Free times of one case type, booked by learners from the unit."""

    package = "xblocks.szpon_appointment"
    loader = ResourceLoader(__name__)
    block_settings_key = "szpon_appointment"
    has_author_view = True
    icon_class = "other"
    refusals = {
        "slot_taken": _("Someone has just booked this time. Choose another one."),
        "email_unverified": _(
            "Confirm your e-mail address in your account settings first: the booking "
            "confirmation goes there."
        ),
        "no_institution": _(
            "No office in the service runs this course's consultations yet. "
            "Ask the service's administrator to add the course's organisation."
        ),
        404: _("This consultation has not been set up yet. The course team saves it in Studio."),
        400: _("This time cannot be booked any more. Choose another one."),
        409: _("This cannot be done right now. Reload the page and try again."),
    }
    cancel_refusals = {
        404: _("This booking is no longer yours to cancel. Reload the page."),
    }

    display_name = String(
        display_name=_("Display name"),
        help=_("The name of this component in the course outline."),
        default=_("Consultation"),
        scope=Scope.settings,
    )
    title = String(
        display_name=_("Title"),
        help=_("Shown above the free times, for example: Consultation with the course tutor."),
        default="",
        scope=Scope.settings,
    )
    case_type = Integer(
        display_name=_("Case type number"),
        help=_(
            "The number of the matter in the consultations service: the last number in the "
            "address of its booking page (…/visits/book/12/ means 12)."
        ),
        default=0,
        scope=Scope.settings,
    )
    instructions = String(
        display_name=_("Instructions"),
        help=_("What learners should know or prepare before the consultation."),
        default="",
        multiline_editor=True,
        scope=Scope.settings,
    )
    days = Integer(
        display_name=_("Days to show"),
        help=_("How many days of free times learners see, from 1 to 31."),
        default=14,
        scope=Scope.settings,
    )
    synced_case_type = Integer(default=0, scope=Scope.settings)

    # Views

    def student_view(self, context=None):
        viewer = self.viewer()
        if not viewer.authenticated:
            return self.public_view(context)
        t = self.translator()
        return pages.student(self, t, self._panel(viewer, t, render=True))

    def author_view(self, context=None):
        return pages.author(self, self.translator())

    def public_view(self, context=None):
        t = self.translator()
        slots, problem = [], ""
        if self.case_type:
            try:
                slots = service.public_read(
                    f"slots:{self.case_type}:{self.days}",
                    lambda client: client.availability(self.case_type, days=self.days),
                )
            except service.errors() as exc:
                problem = service.friendly(exc, t, self.refusals).message
        return pages.public(self, t, slots, problem)

    def studio_view(self, context=None):
        return pages.studio(self, self.translator())

    # Handlers

    @json_action
    def book(self, data, t):
        viewer = self._signed_in(t)
        start = data.get("start")
        moment = _moment(start)
        if moment is None or not self.case_type:
            raise ActionError(t.gettext("Choose one of the free times."), "invalid", 400)
        try:
            with self._client(viewer) as client:
                booking = client.learner_booking_create(
                    case_type=self.case_type, start=moment, block_id=self.usage_key()
                )
        except service.errors() as exc:
            return self._refused(exc, viewer, t)
        message = t.gettext(
            "Booked: %(when)s. Your reference code is %(code)s; the confirmation is on its way "
            "to your e-mail."
        ) % {"when": pages.when(t, booking.start), "code": booking.reference_code}
        return {"message": message, "html": self._panel(viewer, t)}

    @json_action
    def cancel(self, data, t):
        viewer = self._signed_in(t)
        booking_id = data.get("booking_id")
        if not isinstance(booking_id, str) or not BOOKING_ID.match(booking_id):
            raise ActionError(t.gettext("Choose one of your bookings."), "invalid", 400)
        try:
            with self._client(viewer) as client:
                client.learner_booking_cancel(booking_id)
        except service.errors() as exc:
            return self._refused(exc, viewer, t, {404: self.cancel_refusals[404]})
        return {"message": t.gettext("Your booking is cancelled."), "html": self._panel(viewer, t)}

    @json_action
    def studio_submit(self, data, t):
        viewer = self.staff_only(t)
        cleaned = forms.clean_settings(data, t)
        if cleaned.errors:
            raise ActionError(
                t.gettext("Correct the marked fields."), "invalid", 400, cleaned.errors
            )
        values, warnings = cleaned.values, []
        errors = forms.check_case_type(values["case_type"], t, warnings)
        synced = False
        if not errors:
            synced, errors = self._sync(viewer, values, warnings, t)
        if errors:
            raise ActionError(t.gettext("Correct the marked fields."), "invalid", 400, errors)
        for name, value in values.items():
            setattr(self, name, value)
        if synced:
            self.synced_case_type = self.case_type
        return {"saved": True, "synced": synced, "warnings": warnings}

    # Helpers

    def effective_title(self) -> str:
        return self.title or self.display_name

    def _panel(self, viewer, t, render: bool = False) -> str:
        """The learner's bookings and the free times, as HTML (the view, with ``render``: one
        short attempt per call, and the handlers)."""
        if not self.case_type:
            return pages.panel(self, t, [], [], t.gettext("This consultation is not set up yet."))
        try:
            with self._client(viewer, render=render) as client:
                # Settings fields are read-only in the LMS: a staff view re-ties the block
                # (idempotently) until a save in Studio has recorded the tie.
                if viewer.course_staff and self.synced_case_type != self.case_type:
                    client.consultation_sync(**self._sync_payload())
                bookings = client.learner_bookings(self.case_type)
                slots = client.availability(self.case_type, days=self.days)
        except service.errors() as exc:
            return pages.panel(self, t, [], [], service.friendly(exc, t, self.refusals).message)
        return pages.panel(self, t, bookings, slots, "")

    def _refused(self, exc, viewer, t, wording: dict | None = None):
        """The service said no: a friendly message, and for a refusal (not an outage) the
        panel again, since the free times have changed."""
        refusal = service.friendly(exc, t, {**self.refusals, **(wording or {})})
        extra = {"html": self._panel(viewer, t)} if refusal.status < 500 else {}
        raise ActionError(refusal.message, refusal.code, refusal.status, extra=extra) from exc

    def _sync_payload(self, values: dict | None = None) -> dict:
        """What ties the block to its case type; ``values`` are settings about to be saved (the
        fields still hold the old ones), so the title is worked out from them first."""
        values = values or {}
        return {
            "block_id": self.usage_key(),
            "course_id": self.course_key(),
            "title": values.get("title") or values.get("display_name") or self.effective_title(),
            "case_type": values.get("case_type", self.case_type),
        }

    def _sync(self, viewer, values: dict, warnings: list, t) -> tuple[bool, dict]:
        """Tie the block to the case type in the service: (synced, errors).
        A refusal is an error of the case type; an outage only a warning."""
        try:
            with self._client(viewer) as client:
                client.consultation_sync(**self._sync_payload(values))
        except service.errors() as exc:
            refusal = service.friendly(exc, t, self.refusals)
            if refusal.status == 400:
                return False, {
                    "case_type": t.gettext(
                        "This matter belongs to an office that does not run this course's "
                        "consultations. Check the number."
                    )
                }
            warnings.append(
                t.gettext(
                    "The settings are saved, but the consultations service did not take them: "
                )
                + refusal.message
            )
            return False, {}
        return True, {}

    def _client(self, viewer, render: bool = False):
        return service.client(
            viewer, course_id=self.course_key(), course_role=viewer.course_role, render=render
        )

    def _signed_in(self, t):
        viewer = self.viewer()
        if not viewer.authenticated:
            raise ActionError(t.gettext("Sign in to book a consultation."), "anonymous", 403)
        return viewer

    @staticmethod
    def workbench_scenarios():
        from xblocks.szpon_appointment.scenarios import scenarios

        return scenarios()


def _moment(value) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
