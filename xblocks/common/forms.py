"""Reading form values the browser sends: numbers, yes/no, lists of usernames and addresses."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

USERNAME = re.compile(r"^[\w.@+-]{2,150}$")
_SEPARATORS = re.compile(r"[\s,;]+")


class Invalid(ValueError):
    """A value cannot be used; the message is already translated."""


def text(data: dict, key: str, *, max_length: int) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(key)
    value = value.strip()
    if len(value) > max_length:
        raise Invalid(key)
    return value


def integer(data: dict, key: str, *, low: int, high: int) -> int:
    value = data.get(key)
    if isinstance(value, bool):
        raise Invalid(key)
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"-?\d{1,9}", value):
            raise Invalid(key)
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise Invalid(key)
    return value


def flag(data: dict, key: str) -> bool:
    value = data.get(key, False)
    if isinstance(value, bool):
        return value
    if value in ("true", "on", "1", 1):
        return True
    if value in ("false", "off", "0", 0, "", None):
        return False
    raise Invalid(key)


def items(value) -> list[str]:
    """A list from a JSON list or from text separated by commas, semicolons or whitespace."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in _SEPARATORS.split(value) if part]
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return [part.strip() for part in value if part.strip()]
    raise Invalid("items")


def bad_usernames(names: list[str]) -> list[str]:
    return [name for name in names if not USERNAME.match(name)]


def bad_emails(addresses: list[str]) -> list[str]:
    wrong = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            wrong.append(address)
    return wrong


def unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.lower(), value)
    return list(seen.values())
