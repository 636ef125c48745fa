from django.utils.text import slugify

_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})


def slug_from_name(name: str, max_length: int = 70) -> str:
    """A URL slug that keeps Polish letters readable (``ł`` has no Unicode decomposition)."""
    return slugify(name.translate(_NO_DECOMPOSITION))[:max_length].strip("-")


def spreadsheet_cell(text: str) -> str:
    """Spreadsheets run a cell starting with = + - @ (or a tab or CR) as a formula: quote it."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
