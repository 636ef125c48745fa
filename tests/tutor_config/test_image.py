"""The service image's Dockerfile, as far as it can be checked without a Docker engine (the
live deployment test runs its commands)."""

from tests.tutor_config import dockerfile as docker
from tests.tutor_config.project import new_project


def test_the_image_installs_the_collab_extra_and_serves_on_the_configured_port(tmp_path):
    project = new_project(tmp_path, SZPON_PORT=8123)
    text = project.env("plugins", "szpon", "build", "collab", "Dockerfile").read_text()
    instructions = docker.instructions(text)
    assert instructions[0] == ("FROM", "docker.io/python:3.12-slim-bookworm")
    assert any('pip install "szpon[collab]==0.1.0"' in run for run in docker.run_commands(text))
    assert ("USER", "${APP_USER_ID}") in instructions
    assert ("EXPOSE", "8123") in instructions
    command = docker.cmd(text)
    assert command[0] == "gunicorn"
    assert "--bind=0.0.0.0:8123" in command
    assert command[-1] == "collab_service.wsgi:application"
    assert docker.env_values(text)["DJANGO_SETTINGS_MODULE"] == "collab_service.settings"

    # Everything that reaches the web container uses the same port.
    assert 'import proxy "collab:8123"' in project.env("apps", "caddy", "Caddyfile").read_text()
    service = project.manifests("services")[("Service", "collab")]
    assert service["spec"]["ports"][0]["port"] == 8123
    lms = project.env("apps", "openedx", "settings", "lms", "production.py").read_text()
    assert '"URL": "http://collab:8123"' in lms


def test_tutor_knows_the_image_by_name(default_project):
    """`tutor images build|pull|push collab` find it through the same hooks as printtag."""
    printed = default_project.tutor("images", "printtag", "collab").stdout.strip()
    assert printed == "docker.io/szpon/collab:0.1.0"
