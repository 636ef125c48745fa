"""The XBlock SDK workbench as a subprocess serving our blocks (xblocks.sdk_workbench), its
users' tokens signed with the test LMS key, pointed at the live service."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.infra import jwt_keys
from tests.infra.servers import free_port, port_open

ROOT = Path(__file__).resolve().parents[2]
COURSE = "course-v1:SZPoN+Demo+2026"
WEBINAR = "szpon_meeting.0"
ON_DEMAND = "szpon_meeting.1"
CONSULTATION = "szpon_appointment.0"


class Workbench:
    def __init__(self, service_url: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.directory = tempfile.mkdtemp(prefix="szpon-workbench-")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "xblocks.sdk_workbench.settings",
            "SZPON_SERVICE_URL": service_url,
            "SZPON_JWT_PRIVATE_KEY": jwt_keys.private_pem("lms"),
            "SZPON_JWT_ISSUER": jwt_keys.ISSUER,
            "SZPON_WORKBENCH_DIR": self.directory,
            "SZPON_WORKBENCH_COURSE_ID": COURSE,
            "PYTHONPATH": str(ROOT),
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> "Workbench":
        manage = [sys.executable, "-m", "django"]
        subprocess.run(
            [*manage, "migrate", "--run-syncdb", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )
        self.process = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not port_open("127.0.0.1", self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"the workbench did not start; see {self.directory}")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def reset(self) -> None:
        """Forget every block's saved fields and learners' state (the scenarios come back)."""
        request = urllib.request.Request(
            f"{self.url}/reset_state", method="POST", headers={"Referer": f"{self.url}/"}
        )
        with urllib.request.urlopen(request, timeout=30):
            pass

    def page_url(self, scenario: str, view: str = "student_view", student: str = "student_1"):
        return f"{self.url}/scenario/{scenario}/{view}/?student={student}"
