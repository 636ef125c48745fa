"""Who the workbench's ``?student=`` is, told the way the LMS's user service tells it.

The workbench knows only a student id from the address. Here an id becomes an LMS-like user:
"host" and ids starting with "staff" are course staff, "anonymous" is a visitor who is not
signed in, any other id is a learner whose username is the id.
"""

import re
import zlib

from django.conf import settings
from xblock.reference.user_service import UserService, XBlockUser

ANONYMOUS_IDS = {"anonymous", "none"}
NAMES = {
    "host": ("jan.prowadzacy", "Jan Prowadzący"),
    "student_1": ("ola.kursantka", "Ola Kursantka"),
    "ewa.prowadzaca": ("ewa.prowadzaca", "Ewa Prowadząca"),
}


def is_staff(student_id: str) -> bool:
    staff = set(getattr(settings, "SZPON_WORKBENCH", {}).get("STAFF_IDS", ("host",)))
    return student_id in staff or student_id.startswith("staff")


def lms_user(student_id: str) -> XBlockUser:
    if not student_id or student_id in ANONYMOUS_IDS:
        user = XBlockUser(is_current_user=True)
        user.opt_attrs.update({"edx-platform.is_authenticated": False})
        return user
    username, full_name = NAMES.get(student_id, (None, None))
    username = username or re.sub(r"[^\w.@+-]", "_", student_id)[:30]
    user = XBlockUser(
        is_current_user=True,
        emails=[f"{username}@example.org"],
        full_name=full_name or username.replace(".", " ").title(),
    )
    staff = is_staff(student_id)
    user.opt_attrs.update(
        {
            "edx-platform.is_authenticated": True,
            # A stable number per id, far from ids a demo LMS would hand out.
            "edx-platform.user_id": 900_000 + zlib.crc32(student_id.encode()) % 99_999,
            "edx-platform.username": username,
            "edx-platform.user_is_staff": staff,
            "edx-platform.user_role": "staff" if staff else "student",
        }
    )
    return user


class WorkbenchLmsUserService(UserService):
    """Loaded by the workbench runtime from WORKBENCH["services"]; it sets ``runtime``."""

    runtime = None

    def get_current_user(self) -> XBlockUser:
        student_id = getattr(self.runtime, "user_id", None) or ""
        return lms_user(str(student_id))
