"""Reading and checking a CSV file of officials: every row checked, nothing written.

Valid rows are imported by services.people_imports and invalid ones reported, so a corrected
file can be uploaded again: people are matched by e-mail, places by unit.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from collab_service.institutions.errors import InstitutionError
from collab_service.institutions.models import Institution, Membership, Unit

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


@dataclass
class CheckedFile:
    """The rows of a file that passed the checks (ready to store as JSON) and those refused."""

    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def rows_with_errors(self) -> int:
        return len({error.line for error in self.errors})


def officials_file_check(*, institution: Institution, data: bytes) -> CheckedFile:
    """Read and check the whole file without writing anything.

    Raises:
        CsvFileError: the file as a whole cannot be read (encoding, header, size).
    """
    try:
        return _check_rows(institution, _reader(_decode(data)))
    except csv.Error as exc:
        raise CsvFileError(
            _("The file is not a readable CSV file: %(error)s") % {"error": exc}
        ) from exc


def _check_rows(institution: Institution, reader: csv.DictReader) -> CheckedFile:
    units: dict[str, Unit] = {}
    for unit in institution.units.all():
        units[unit.slug.lower()] = unit
        units.setdefault(unit.name.lower(), unit)
    checked = CheckedFile()
    seen: dict[tuple[str, int], int] = {}
    for index, row in enumerate(reader):
        line = index + 2
        if index >= MAX_ROWS:
            raise CsvFileError(_("At most %(max)d rows per file.") % {"max": MAX_ROWS})
        if None in row:
            checked.errors.append(RowError(line, "", _("This row has more values than columns.")))
            continue
        values, errors = _validate_row(row, line, units)
        key = (values["email"].lower(), values["unit"].pk if values["unit"] else 0)
        if not errors and key in seen:
            errors.append(
                RowError(line, "email", _("Repeats line %(line)d.") % {"line": seen[key]})
            )
        seen.setdefault(key, line)
        checked.errors.extend(errors)
        if not errors:
            unit = values["unit"]
            checked.rows.append({**values, "line": line, "unit": unit.pk if unit else None})
    return checked
