"""A Tutor project in a temporary folder, driven through the real ``tutor`` command."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TUTOR = str(Path(sys.executable).with_name("tutor"))
REPO = Path(__file__).resolve().parents[2]


class TutorFailed(AssertionError):
    def __init__(self, message: str, output: str) -> None:
        super().__init__(message)
        self.output = output  # what tutor printed, without the command line


@dataclass
class TutorProject:
    root: Path

    @property
    def environ(self) -> dict[str, str]:
        return {
            **os.environ,
            "TUTOR_ROOT": str(self.root),
            "TUTOR_PLUGINS_ROOT": str(self.root / "plugins"),
        }

    def tutor(self, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [TUTOR, *args], env=self.environ, capture_output=True, text=True, timeout=120
        )
        if done.returncode:
            output = f"{done.stdout}\n{done.stderr}"
            raise TutorFailed(f"tutor {' '.join(args)} failed:\n{output}", output)
        return done

    def save(self, **settings: Any) -> None:
        """``tutor config save`` with each setting given as YAML, as an operator types it."""
        arguments = []
        for name, value in settings.items():
            arguments += ["--set", f"{name}={json.dumps(value)}"]
        self.tutor("config", "save", *arguments)

    def config(self) -> dict:
        return yaml.safe_load((self.root / "config.yml").read_text())

    def env(self, *parts: str) -> Path:
        return self.root.joinpath("env", *parts)

    def yaml(self, *parts: str) -> dict:
        return yaml.safe_load(self.env(*parts).read_text())

    def manifests(self, name: str) -> dict[tuple[str, str], dict]:
        """The documents of ``env/k8s/<name>.yml`` by (kind, name)."""
        documents = yaml.safe_load_all(self.env("k8s", f"{name}.yml").read_text())
        return {(doc["kind"], doc["metadata"]["name"]): doc for doc in documents if doc}

    def env_file(self, name: str = "collab.env") -> dict[str, str]:
        """A rendered env file read as docker compose and kustomize read it."""
        values = {}
        for line in self.env("plugins", "szpon", "apps", name).read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                key, _, value = line.partition("=")
                values[key] = value
        return values

    def service_environ(self, image_env: dict[str, str] | None = None) -> dict[str, str]:
        """A service container's environment: this machine's, less anything the service reads,
        then the image's ENV and the env file over it, as compose merges them."""
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("COLLAB_", "DJANGO_", "SMTP_"))
            and key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
        }
        return {**inherited, **(image_env or {}), **self.env_file()}

    def rendered(self, *patches: str) -> dict:
        """Init tasks and patches rendered by Tutor's own renderer (in a child process)."""
        done = subprocess.run(
            [sys.executable, "-m", "tests.tutor_config.render", str(self.root), *patches],
            env=self.environ,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return json.loads(done.stdout)

    def init_tasks(self) -> dict[str, str]:
        return {task["service"]: task["script"] for task in self.rendered()["init_tasks"]}


def new_project(root: Path, **settings: Any) -> TutorProject:
    """Enable the plugin in an empty project, then save the configuration with the given
    settings (what `tutor local launch` starts with)."""
    project = TutorProject(root)
    project.tutor("plugins", "enable", "szpon")
    project.save(**settings)
    return project
