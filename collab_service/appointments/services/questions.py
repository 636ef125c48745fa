"""The extra questions a case type asks the citizen, and the checking of their answers.

Each question is ``{"key", "label_pl", "label_en", "type": "text"|"number"|"date",
"required": bool, "max_length": int}``: ``key`` names the answer (lower-case letters, digits and
``_``, starting with a letter; unique in the case type), ``label_pl`` is required, ``label_en``
may be empty, ``max_length`` is 1 to 2000 (200 if left out).
"""

import re
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError

TYPES = {"text", "number", "date"}
DEFAULT_MAX_LENGTH = 200
MAX_ANSWER_LENGTH = 2000
MAX_QUESTIONS = 20
MAX_LABEL_LENGTH = 200
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def questions_check(questions: list) -> list[dict]:
    """The questions in their stored shape; raises ValueError naming the first problem."""
    if not isinstance(questions, list) or len(questions) > MAX_QUESTIONS:
        raise ValueError(_("Give at most %(count)s questions.") % {"count": MAX_QUESTIONS})
    checked, keys = [], set()
    for number, question in enumerate(questions, start=1):
        where = {"number": number}
        if not isinstance(question, dict):
            raise ValueError(_("Question %(number)s is not in the right form.") % where)
        key = question.get("key")
        if not isinstance(key, str) or not KEY.match(key) or key in keys:
            raise ValueError(_("Question %(number)s needs a unique key.") % where)
        labels = [question.get("label_pl"), question.get("label_en", "")]
        if not all(isinstance(label, str) for label in labels) or not labels[0].strip():
            raise ValueError(_("Question %(number)s needs a Polish label.") % where)
        if any(len(label) > MAX_LABEL_LENGTH for label in labels):
            raise ValueError(_("The label of question %(number)s is too long.") % where)
        kind = question.get("type", "text")
        max_length = question.get("max_length", DEFAULT_MAX_LENGTH)
        if kind not in TYPES:
            raise ValueError(_("Question %(number)s has an unknown type.") % where)
        if type(max_length) is not int or not 1 <= max_length <= MAX_ANSWER_LENGTH:
            raise ValueError(
                _("The longest answer to question %(number)s must be 1 to %(most)s characters.")
                % {**where, "most": MAX_ANSWER_LENGTH}
            )
        keys.add(key)
        checked.append(
            {
                "key": key,
                "label_pl": labels[0].strip(),
                "label_en": labels[1].strip(),
                "type": kind,
                "required": question.get("required") is True,
                "max_length": max_length,
            }
        )
    return checked


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
