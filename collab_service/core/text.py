import csv
from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify

_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})


def slug_from_name(name: str, max_length: int = 70) -> str:
    """A URL slug that keeps Polish letters readable (``ł`` has no Unicode decomposition)."""
    return slugify(name.translate(_NO_DECOMPOSITION))[:max_length].strip("-")


def spreadsheet_cell(text: str) -> str:
    """Spreadsheets run a cell starting with = + - @ (or a tab or CR) as a formula: quote it."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


class SpreadsheetWriter:
    """The one way the service writes CSV: a ``csv.writer`` whose text cells (names typed by
    anyone) can never run as formulas when the file is opened in a spreadsheet."""

    def __init__(self, out: Any) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(
            [spreadsheet_cell(cell) if isinstance(cell, str) else cell for cell in row]
        )

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
