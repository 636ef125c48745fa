"""The rendered files as the operators' tools read them: ``docker-compose config`` validates the
compose files and resolves the env files; ``kubectl kustomize`` builds the whole kustomization.
Both read the environment exactly as the tests' own parser does."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.infra import servers
from tests.tutor_config.project import TutorProject, new_project


@pytest.fixture(scope="module")
def compose_tool():
    servers.require(shutil.which("docker-compose") is not None, "docker-compose")


# The test extra installs kubectl into the virtual environment.
KUBECTL = shutil.which("kubectl", path=str(Path(sys.executable).parent)) or shutil.which("kubectl")


@pytest.fixture(scope="module")
def kubectl_tool():
    servers.require(KUBECTL is not None, "kubectl")


def _compose_config(project: TutorProject, *files: str) -> dict:
    arguments = []
    for name in files:
        arguments += ["-f", name]
    done = subprocess.run(
        ["docker-compose", *arguments, "config"],
        cwd=project.env("local"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def _kustomize(project: TutorProject) -> dict[tuple[str, str], dict]:
    done = subprocess.run(
        [KUBECTL, "kustomize", str(project.env())],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    documents = yaml.safe_load_all(done.stdout)
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in documents if doc}


@pytest.mark.usefixtures("compose_tool")
def test_compose_validates_the_files_and_reads_the_env_files_as_written(jitsi_project):
    config = _compose_config(jitsi_project, "docker-compose.yml")
    services = config["services"]
    collab_env = jitsi_project.env_file()
    for name in ("collab", "collab-worker", "collab-beat"):
        assert services[name]["environment"] == collab_env
    jitsi_env = jitsi_project.env_file("jitsi.env")
    for name in ("jitsi-web", "jitsi-prosody", "jitsi-jicofo", "jitsi-jvb"):
        assert services[name]["environment"] == jitsi_env
    # The key set arrives as JSON, quotes and all.
    assert collab_env["COLLAB_LMS_JWT_PUBLIC_JWKS"].startswith('{"keys": [{"kid": "openedx"')


@pytest.mark.usefixtures("compose_tool")
def test_compose_merges_the_dev_file_over_the_env_file(default_project):
    config = _compose_config(default_project, "docker-compose.yml", "../dev/docker-compose.yml")
    environment = config["services"]["collab-worker"]["environment"]
    assert environment["COLLAB_PUBLIC_URL"] == "http://collab.local.openedx.io:8300"
    assert environment["COLLAB_SECRET_KEY"] == default_project.env_file()["COLLAB_SECRET_KEY"]


@pytest.mark.usefixtures("compose_tool")
def test_compose_validates_the_jobs_file(default_project):
    config = _compose_config(default_project, "docker-compose.yml", "docker-compose.jobs.yml")
    assert config["services"]["collab-job"]["environment"] == default_project.env_file()


@pytest.mark.usefixtures("kubectl_tool")
def test_kustomize_builds_and_pods_read_the_generated_config_maps(jitsi_project):
    objects = _kustomize(jitsi_project)
    config_maps = {
        name.rsplit("-", 1)[0]: (name, doc)
        for (kind, name), doc in objects.items()
        if kind == "ConfigMap"
    }
    collab_name, collab_map = config_maps["szpon-collab-env"]
    assert collab_map["data"] == jitsi_project.env_file()
    jitsi_name, jitsi_map = config_maps["szpon-jitsi-env"]
    assert jitsi_map["data"] == jitsi_project.env_file("jitsi.env")
    namespace = jitsi_project.config().get("K8S_NAMESPACE", "openedx")
    for name in ("collab", "collab-worker", "collab-beat"):
        deployment = objects[("Deployment", name)]
        assert deployment["metadata"]["namespace"] == namespace
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["envFrom"] == [{"configMapRef": {"name": collab_name}}]
    (jvb,) = objects[("Deployment", "jitsi-jvb")]["spec"]["template"]["spec"]["containers"]
    assert jvb["envFrom"] == [{"configMapRef": {"name": jitsi_name}}]
    prosody = objects[("Deployment", "jitsi-prosody")]["spec"]["template"]["spec"]
    event_sync = next(volume for volume in prosody["volumes"] if volume["name"] == "event-sync")
    assert event_sync["configMap"]["name"] == config_maps["szpon-jitsi-prosody"][0]
    assert ("HorizontalPodAutoscaler", "collab") in objects
    assert ("Job", "collab-job") in objects


@pytest.mark.usefixtures("kubectl_tool")
def test_kustomize_builds_with_extra_variables_overriding_the_plugins(tmp_path):

    project = new_project(tmp_path, SZPON_EXTRA_ENV={"COLLAB_TIME_ZONE": "UTC"})
    objects = _kustomize(project)
    (data,) = [
        doc["data"]
        for (kind, name), doc in objects.items()
        if kind == "ConfigMap" and name.startswith("szpon-collab-env-")
    ]
    assert data["COLLAB_TIME_ZONE"] == "UTC"
