"""Checking what an author enters in Studio for a consultation block."""

from dataclasses import dataclass, field

from xblocks.common import forms, service


@dataclass
class Cleaned:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


def clean_settings(data: dict, t) -> Cleaned:
    out = Cleaned()
    checks = (
        (
            "display_name",
            lambda: forms.text(data, "display_name", max_length=200),
            t.gettext("Use at most 200 characters."),
        ),
        (
            "title",
            lambda: forms.text(data, "title", max_length=200),
            t.gettext("Use at most 200 characters."),
        ),
        (
            "case_type",
            lambda: forms.integer(data, "case_type", low=1, high=2**62),
            t.gettext("Enter the case type's number (a whole number, 1 or more)."),
        ),
        (
            "instructions",
            lambda: forms.text(data, "instructions", max_length=2000),
            t.gettext("Use at most 2000 characters."),
        ),
        (
            "days",
            lambda: forms.integer(data, "days", low=1, high=31),
            t.gettext("Enter a whole number of days from 1 to 31."),
        ),
    )
    for key, reader, message in checks:
        try:
            out.values[key] = reader()
        except forms.Invalid:
            out.errors[key] = message
    if out.values.get("title") == "" and not out.values.get("display_name"):
        out.errors["title"] = t.gettext("Give the consultation a title.")
    return out


def check_case_type(case_type: int, t, warnings: list) -> dict:
    """Errors when the service has no bookable case type with this number (asked through its
    public free-times endpoint); only a warning when the service cannot be asked."""
    try:
        with service.public_client() as client:
            client.availability(case_type, days=1)
    except service.errors() as exc:
        if service.refused(exc, 404):
            return {
                "case_type": t.gettext(
                    "The consultations service has no matter with this number open for booking."
                )
            }
        warnings.append(
            t.gettext(
                "The consultations service could not be asked whether this matter exists; "
                "check the number later."
            )
        )
    return {}
