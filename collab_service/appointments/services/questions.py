"""The extra questions a case type asks the citizen, and the checking of their answers.

Each question is ``{"key", "label_pl", "label_en", "type": "text"|"number"|"date",
"required": bool, "max_length": int}``.
"""

from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError

TYPES = {"text", "number", "date"}
DEFAULT_MAX_LENGTH = 200


def question_label(question: dict) -> str:
    english = question.get("label_en")
    return english if get_language() == "en" and english else question.get("label_pl", "")


def answers_validate(*, questions: list[dict], answers: dict) -> dict[str, str]:
    """Answers keyed like the questions, cleaned; raises BookingError naming the first problem."""
    unknown = set(answers) - {q["key"] for q in questions}
    if unknown:
        raise BookingError(_("Unknown answers: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    cleaned = {}
    for question in questions:
        value = str(answers.get(question["key"], "") or "").strip()
        label = question_label(question)
        if not value:
            if question.get("required"):
                raise BookingError(_("Please answer: %(label)s.") % {"label": label})
            continue
        if len(value) > int(question.get("max_length", DEFAULT_MAX_LENGTH)):
            raise BookingError(_("The answer to “%(label)s” is too long.") % {"label": label})
        kind = question.get("type", "text")
        if kind == "number" and not (value.isascii() and value.isdigit()):
            raise BookingError(_("The answer to “%(label)s” must be a number.") % {"label": label})
        if kind == "date":
            try:
                date.fromisoformat(value)
            except ValueError as exc:
                raise BookingError(
                    _("The answer to “%(label)s” must be a date (YYYY-MM-DD).") % {"label": label}
                ) from exc
        cleaned[question["key"]] = value
    return cleaned
