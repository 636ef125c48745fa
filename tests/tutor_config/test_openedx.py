"""The Open edX side: the image installs the package, the LMS and Studio settings configure the
plugin app, and the LMS init task creates the service's OAuth2 application."""

import shlex
import types
from importlib import metadata

import pytest
from django.urls import reverse

from edx_plugins.szpon.settings import common as plugin_common_settings
from tests.tutor_config.project import new_project

SETTINGS_FILES = [
    ("lms", "production.py"),
    ("lms", "development.py"),
    ("cms", "production.py"),
    ("cms", "development.py"),
]


@pytest.mark.parametrize(("service", "name"), SETTINGS_FILES)
def test_rendered_settings_compile_and_configure_the_service(default_project, service, name):
    source = default_project.env("apps", "openedx", "settings", service, name).read_text()
    compile(source, name, "exec")
    assert "SZPON_SERVICE = {" in source
    assert '"URL": "http://collab:8000"' in source
    assert '"PUBLIC_URL": "http://collab.local.openedx.io"' in source


def test_the_settings_patch_keeps_what_the_plugin_app_set(jitsi_project):
    """The platform runs our plugin_settings first; the patch then sets the addresses."""
    patch = jitsi_project.rendered("openedx-common-settings")["patches"]["openedx-common-settings"]
    settings = types.SimpleNamespace(SZPON_SERVICE={"TIMEOUT": 9})
    plugin_common_settings.plugin_settings(settings)
    namespace = {"SZPON_SERVICE": settings.SZPON_SERVICE}
    # The platform executes its settings file; so does this test, for the patch's lines.
    exec(compile(patch, "openedx-common-settings", "exec"), namespace)  # noqa: S102
    service = namespace["SZPON_SERVICE"]
    assert service["URL"] == "http://collab:8000"
    assert service["PUBLIC_URL"] == "https://collab.kursy.urzad.example.gov.pl"
    assert service["TIMEOUT"] == 9
    assert service["JWT_KID"] == "openedx"


def test_the_openedx_image_installs_the_package_with_its_lms_extra(default_project):
    dockerfile = default_project.env("build", "openedx", "Dockerfile").read_text()
    assert '$PIP_COMMAND install "szpon[lms]==0.1.0"' in dockerfile
    assert {"lms", "collab", "tutor"} <= set(metadata.metadata("szpon").get_all("Provides-Extra"))
    plugins = {entry.name for entry in metadata.entry_points(group="tutor.plugin.v1")}
    assert "szpon" in plugins


def test_a_fork_can_be_installed_from_git(tmp_path):

    source = " @ git+https://git.example.gov.pl/szpon.git@v0.1.0"
    project = new_project(tmp_path, SZPON_PACKAGE_SOURCE=source)
    dockerfile = project.env("build", "openedx", "Dockerfile").read_text()
    assert f'install "szpon[lms]{source}"' in dockerfile
    service_dockerfile = project.env("plugins", "szpon", "build", "collab", "Dockerfile")
    assert f'pip install "szpon[collab]{source}"' in service_dockerfile.read_text()


def _dot_applications(script: str) -> dict[str, dict]:
    """Each ``create_dot_application`` of a task, read as the shell and the command read it:
    application name → options (flags without a value map to True), plus the owning user."""
    applications = {}
    for command in script.replace("\\\n", " ").splitlines():
        words = shlex.split(command, comments=True)
        if words[:3] != ["./manage.py", "lms", "create_dot_application"]:
            continue
        *flags, name, user = words[3:]
        options: dict = {"user": user}
        for index, word in enumerate(flags):
            if word.startswith("--"):
                following = flags[index + 1] if index + 1 < len(flags) else "--"
                options[word] = True if following.startswith("--") else following
        applications[name] = options
    return applications


def test_the_lms_task_creates_the_service_user_and_oauth2_applications(default_project):
    script = default_project.init_tasks()["lms"]
    env = default_project.env_file()
    assert "./manage.py lms manage_user szpon szpon@openedx --unusable-password" in script
    applications = _dot_applications(script)
    assert set(applications) == {"szpon-sso", "szpon-sso-dev"}
    production = applications["szpon-sso"]
    assert production["user"] == "szpon"
    assert production["--grant-type"] == "authorization-code"
    assert production["--client-id"] == env["COLLAB_LMS_OAUTH_CLIENT_ID"]
    assert production["--client-secret"] == env["COLLAB_LMS_OAUTH_CLIENT_SECRET"]
    assert production["--scopes"] == "user_id,profile,email"
    assert production["--skip-authorization"] is True
    assert production["--update"] is True
    # The exact address the service's sign-in sends the LMS back to.
    complete = reverse("accounts:lms_complete")
    assert production["--redirect-uris"] == env["COLLAB_PUBLIC_URL"] + complete
    # `tutor dev` has its own application, with the dev address and client id.
    dev = applications["szpon-sso-dev"]
    dev_env = default_project.yaml("dev", "docker-compose.yml")["services"]["collab"]["environment"]
    assert dev["--client-id"] == dev_env["COLLAB_LMS_OAUTH_CLIENT_ID"] == "szpon-sso-dev"
    assert dev["--redirect-uris"] == dev_env["COLLAB_PUBLIC_URL"] + complete
    assert "./manage.py lms migrate szpon" in script
    assert "waffle_flag" not in script


def test_anonymous_courseware_is_switched_on_only_when_asked(jitsi_project):
    script = jitsi_project.init_tasks()["lms"]
    assert (
        "./manage.py lms waffle_flag --create --everyone seo.enable_anonymous_courseware_access"
        in script
    )
