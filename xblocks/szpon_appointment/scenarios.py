"""Workbench scenario: consultations of the demo case type (its number from the settings)."""

from xml.sax.saxutils import quoteattr

from django.conf import settings


def scenarios() -> list[tuple[str, str]]:
    workbench = getattr(settings, "SZPON_WORKBENCH", {}) or {}
    case_type = int(workbench.get("CASE_TYPE") or 0)
    instructions = (
        "Przygotuj pytania o podatek od nieruchomości. Konsultacja trwa 20 minut, "
        "osobiście w urzędzie albo przez wideo."
    )
    xml = (
        "<szpon_appointment"
        f" display_name={quoteattr('Konsultacja podatkowa')}"
        f" title={quoteattr('Konsultacja podatkowa z urzędnikiem')}"
        f' case_type="{case_type}" days="14"'
        f" instructions={quoteattr(instructions)}/>"
    )
    return [("Consultation: local tax advice (demo case type)", xml)]
