"""Bulk import of officials from a CSV file, with a report of what happened to every row.

Valid rows are imported and invalid ones reported, so a corrected file can be uploaded again:
the import is idempotent (people are matched by e-mail, memberships by unit).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.institutions.errors import InstitutionError
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.institutions.services.invitations import person_add

MAX_ROWS = 5000
COLUMNS = ("email", "full_name", "unit", "role", "job_title")
REQUIRED = ("email", "full_name", "unit")
_ROLE_ALIASES = {
    "official": Membership.Role.OFFICIAL,
    "urzędnik": Membership.Role.OFFICIAL,
    "pracownik": Membership.Role.OFFICIAL,
    "unit_manager": Membership.Role.UNIT_MANAGER,
    "manager": Membership.Role.UNIT_MANAGER,
    "kierownik": Membership.Role.UNIT_MANAGER,
    "institution_admin": Membership.Role.INSTITUTION_ADMIN,
    "admin": Membership.Role.INSTITUTION_ADMIN,
    "administrator": Membership.Role.INSTITUTION_ADMIN,
}


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    invited: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def rows_with_errors(self) -> int:
        return len({error.line for error in self.errors})


class CsvFileError(InstitutionError):
    """The file as a whole cannot be read (encoding, header, size)."""


def _decode(data: bytes) -> str:
    if b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1250"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise CsvFileError(_("The file is not text in UTF-8 or Windows-1250 encoding."))


def _reader(text: str) -> csv.DictReader:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise CsvFileError(
            _("The first line must name the columns; missing: %(missing)s. Expected: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    reader.fieldnames = header
    return reader


def _validate_row(row: dict, line: int, units: dict[str, Unit]) -> tuple[dict, list[RowError]]:
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    errors = []
    for name in REQUIRED:
        if not values[name]:
            errors.append(RowError(line, name, _("This value is required.")))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(RowError(line, "email", _("Not a valid e-mail address.")))
        else:
            if len(values["email"]) > 254:
                errors.append(RowError(line, "email", _("At most 254 characters.")))
    if len(values["full_name"]) > 255:
        errors.append(RowError(line, "full_name", _("At most 255 characters.")))
    if len(values["job_title"]) > 120:
        errors.append(RowError(line, "job_title", _("At most 120 characters.")))
    role = _ROLE_ALIASES.get(values["role"].lower())
    if role is None and values["role"]:
        errors.append(
            RowError(
                line, "role", _("Unknown role: use official, unit_manager or institution_admin.")
            )
        )
    unit = units.get(values["unit"].lower())
    if values["unit"] and unit is None:
        errors.append(RowError(line, "unit", _("No unit with this name or short name.")))
    return {**values, "role": role, "unit": unit, "job_title": values["job_title"] or None}, errors


def officials_import_csv(
    *,
    institution: Institution,
    data: bytes,
    dry_run: bool = False,
    language: str = "pl",
    invited_by: User | None = None,
) -> ImportReport:
    """Import officials into the institution's units from CSV bytes."""
    try:
        return _import_rows(institution, _reader(_decode(data)), dry_run, language, invited_by)
    except csv.Error as exc:
        raise CsvFileError(
            _("The file is not a readable CSV file: %(error)s") % {"error": exc}
        ) from exc


def _import_rows(
    institution: Institution,
    reader: csv.DictReader,
    dry_run: bool,
    language: str,
    invited_by: User | None,
) -> ImportReport:
    units: dict[str, Unit] = {}
    for unit in institution.units.all():
        units[unit.slug.lower()] = unit
        units.setdefault(unit.name.lower(), unit)
    report = ImportReport(dry_run=dry_run)
    seen: dict[tuple[str, int], int] = {}
    rows = []
    for index, row in enumerate(reader):
        line = index + 2
        if index >= MAX_ROWS:
            raise CsvFileError(_("At most %(max)d rows per file.") % {"max": MAX_ROWS})
        if None in row:
            report.errors.append(RowError(line, "", _("This row has more values than columns.")))
            continue
        values, errors = _validate_row(row, line, units)
        key = (values["email"].lower(), values["unit"].pk if values["unit"] else 0)
        if not errors and key in seen:
            errors.append(
                RowError(line, "email", _("Repeats line %(line)d.") % {"line": seen[key]})
            )
        seen.setdefault(key, line)
        report.errors.extend(errors)
        if not errors:
            rows.append((line, values))
    if dry_run:
        report.created = len(rows)
        return report
    for line, values in rows:
        try:
            with transaction.atomic():
                added = person_add(
                    may_change_role=True,
                    invited_by=invited_by,
                    institution=institution,
                    email=values["email"],
                    full_name=values["full_name"],
                    unit=values["unit"],
                    role=values["role"],
                    job_title=values["job_title"],
                    language=language,
                )
        except InstitutionError as exc:
            report.errors.append(RowError(line, "email", str(exc)))
            continue
        if added.invitation is not None:
            report.invited += 1
        elif added.created:
            report.created += 1
        else:
            report.updated += 1
    report.errors.sort(key=lambda error: error.line)
    return report
