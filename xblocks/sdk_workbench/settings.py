"""The XBlock SDK workbench serving our two blocks, wired to a running collaboration service.

Environment (scripts/workbench.sh sets the defaults):
  SZPON_SERVICE_URL           the service as this process reaches it (http://127.0.0.1:8000)
  SZPON_SERVICE_PUBLIC_URL    the service as browsers reach it (default: SZPON_SERVICE_URL)
  SZPON_JWT_PRIVATE_KEY       PEM of the key the workbench signs users' tokens with, or
  SZPON_JWT_PRIVATE_KEY_FILE  a file holding it (the service must trust its public half)
  SZPON_JWT_ISSUER            the issuer the service expects (<LMS URL>/oauth2)
  SZPON_WORKBENCH_DIR         where the SQLite database and the log go (var/workbench)
  SZPON_WORKBENCH_COURSE_ID   the course the blocks belong to (course-v1:SZPoN+Demo+2026)
  SZPON_WORKBENCH_CASE_TYPE   the case type number of the consultation scenario
"""

import os
from pathlib import Path

from workbench.settings import *  # noqa: F403
from workbench.settings import MIDDLEWARE, TEMPLATES, WORKBENCH

_DIR = Path(os.environ.get("SZPON_WORKBENCH_DIR", "var/workbench")).resolve()
_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(_DIR / "db.sqlite3")}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"file": {"class": "logging.FileHandler", "filename": str(_DIR / "workbench.log")}},
    "root": {"handlers": ["file"], "level": "INFO"},
}

TIME_ZONE = "Europe/Warsaw"
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
MIDDLEWARE = [
    *MIDDLEWARE[:2],
    "django.middleware.locale.LocaleMiddleware",
    *MIDDLEWARE[2:],
    "xblocks.sdk_workbench.middleware.LanguageFromQuery",
]
TEMPLATES[0]["DIRS"] = [str(Path(__file__).parent / "templates"), *TEMPLATES[0]["DIRS"]]

# Only our blocks in the list of scenarios (the SDK's samples stay installed but hidden).
EXCLUDED_XBLOCKS = {
    "allscopes_demo",
    "attempts_scoreboard_demo",
    "equality_demo",
    "filethumbs",
    "helloworld_demo",
    "html_demo",
    "problem_demo",
    "sidebar_demo",
    "slider_demo",
    "textinput_demo",
    "thumbs",
    "view_counter_demo",
}
_USERS = "xblocks.sdk_workbench.users.WorkbenchLmsUserService"
WORKBENCH = {**WORKBENCH, "services": {**WORKBENCH["services"], "user": _USERS}}


def _private_key() -> str:
    path = os.environ.get("SZPON_JWT_PRIVATE_KEY_FILE", "")
    if path:
        return Path(path).read_text()
    return os.environ.get("SZPON_JWT_PRIVATE_KEY", "")


_SERVICE_URL = os.environ.get("SZPON_SERVICE_URL", "http://127.0.0.1:8000").rstrip("/")
SZPON_SERVICE = {
    "URL": _SERVICE_URL,
    "PUBLIC_URL": os.environ.get("SZPON_SERVICE_PUBLIC_URL", _SERVICE_URL).rstrip("/"),
    "TIMEOUT": 5,
    "RETRIES": 1,
    "JWT_EXPIRES_SECONDS": 120,
    "JWT_PRIVATE_KEY": _private_key(),
    "JWT_ISSUER": os.environ.get("SZPON_JWT_ISSUER", "http://127.0.0.1:8001/oauth2"),
    "JWT_KID": "openedx",
}
_COURSE_ID = os.environ.get("SZPON_WORKBENCH_COURSE_ID", "course-v1:SZPoN+Demo+2026")
XBLOCK_SETTINGS = {
    "szpon_meeting": {"COURSE_ID": _COURSE_ID},
    "szpon_appointment": {"COURSE_ID": _COURSE_ID},
}
SZPON_WORKBENCH = {
    "CASE_TYPE": int(os.environ.get("SZPON_WORKBENCH_CASE_TYPE") or 0),
    "STAFF_IDS": ("host",),
}
