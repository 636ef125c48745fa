"""The Polish catalogue covers every message in the source and is compiled from its current text."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import collab_service
from tests.infra.servers import require

PACKAGE = Path(collab_service.__file__).parent
CATALOGUE = PACKAGE / "locale" / "pl" / "LC_MESSAGES"


def _statistics(po: Path, mo: Path) -> str:
    return subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(mo), str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr


def test_polish_catalogue_is_complete_and_compiled(tmp_path):
    require(shutil.which("msgfmt") is not None, "gettext's msgfmt")

    statistics = _statistics(CATALOGUE / "django.po", tmp_path / "django.mo")

    assert "untranslated" not in statistics
    assert "fuzzy" not in statistics
    assert (tmp_path / "django.mo").read_bytes() == (CATALOGUE / "django.mo").read_bytes()


def test_no_message_in_the_source_is_missing_from_the_catalogue(tmp_path):
    require(shutil.which("xgettext") is not None, "gettext's xgettext")
    copy = tmp_path / "collab_service"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "collab_service.settings",
        "COLLAB_DATA_DIR": str(tmp_path / "var"),
    }
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "pl", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )

    statistics = _statistics(copy / "locale/pl/LC_MESSAGES/django.po", tmp_path / "new.mo")

    assert "untranslated" not in statistics, statistics
    assert "fuzzy" not in statistics, statistics
