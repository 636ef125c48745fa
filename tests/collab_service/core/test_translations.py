"""The Polish catalogue is complete and compiled from its current source."""

import shutil
import subprocess
from pathlib import Path

import collab_service
from tests.infra.servers import require

CATALOGUE = Path(collab_service.__file__).parent / "locale" / "pl" / "LC_MESSAGES"


def test_polish_catalogue_has_no_untranslated_or_fuzzy_messages(tmp_path):
    require(shutil.which("msgfmt") is not None, "gettext's msgfmt")
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            str(tmp_path / "django.mo"),
            str(CATALOGUE / "django.po"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr
    assert (tmp_path / "django.mo").read_bytes() == (CATALOGUE / "django.mo").read_bytes()
