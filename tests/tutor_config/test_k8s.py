"""What `tutor k8s` applies: Deployments, Services, Jobs, the autoscaler and kustomization."""

from django.urls import resolve

from tests.tutor_config.project import TutorProject, new_project


def _container(manifest: dict) -> dict:
    (container,) = manifest["spec"]["template"]["spec"]["containers"]
    return container


def _generators(project: TutorProject) -> dict[str, dict]:
    kustomization = project.yaml("kustomization.yml")
    return {item["name"]: item for item in kustomization["configMapGenerator"]}


def test_manifests_and_kustomization_parse_and_list_our_objects(default_project):
    deployments = default_project.manifests("deployments")
    for name in ("collab", "collab-worker", "collab-beat"):
        assert _container(deployments[("Deployment", name)])["image"] == (
            "docker.io/szpon/collab:0.1.0"
        )
    assert ("Service", "collab") in default_project.manifests("services")
    assert ("Job", "collab-job") in default_project.manifests("jobs")
    resources = default_project.yaml("kustomization.yml")["resources"]
    assert {"k8s/deployments.yml", "k8s/services.yml", "k8s/jobs.yml"} <= set(resources)


def test_every_pod_reads_the_env_file_through_a_generated_config_map(default_project):
    generator = _generators(default_project)["szpon-collab-env"]
    assert generator["envs"] == ["plugins/szpon/apps/collab.env"]
    assert default_project.env(*generator["envs"][0].split("/")).is_file()
    manifests = {
        **default_project.manifests("deployments"),
        **default_project.manifests("jobs"),
    }
    for key in [("Deployment", "collab"), ("Deployment", "collab-worker"), ("Job", "collab-job")]:
        assert _container(manifests[key])["envFrom"] == [
            {"configMapRef": {"name": "szpon-collab-env"}}
        ]


def test_web_pods_are_probed_on_the_services_health_endpoints(default_project):
    web = default_project.manifests("deployments")[("Deployment", "collab")]
    container = _container(web)
    assert container["ports"] == [{"containerPort": 8000}]
    for probe in ("readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["port"] == 8000
        # The pod's IP is no allowed host: the probe names one that is.
        assert check["httpHeaders"] == [{"name": "Host", "value": "collab"}]
        assert resolve(check["path"]).url_name in {"health_ready", "health_live"}
    assert "collab" in default_project.env_file()["COLLAB_ALLOWED_HOSTS"].split(",")
    assert web["spec"]["replicas"] == 1
    assert container["resources"]["requests"] == {"cpu": "250m", "memory": "256Mi"}
    service = default_project.manifests("services")[("Service", "collab")]
    assert service["spec"]["ports"][0]["port"] == 8000
    assert service["spec"]["selector"] == {"app.kubernetes.io/name": "collab"}


def test_workers_scale_on_their_own_and_beat_never_does(tmp_path):

    project = new_project(tmp_path, SZPON_WORKER_REPLICAS=6, SZPON_WORKER_CONCURRENCY=8)
    deployments = project.manifests("deployments")
    worker = deployments[("Deployment", "collab-worker")]
    assert worker["spec"]["replicas"] == 6
    assert "--concurrency=8" in _container(worker)["args"]
    beat = deployments[("Deployment", "collab-beat")]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert _container(beat)["args"][:3] == ["celery", "--app=collab_service.celery_app", "beat"]


def test_the_autoscaler_only_when_switched_on_and_then_it_owns_the_replicas(
    default_project, jitsi_project
):
    assert not any(
        kind == "HorizontalPodAutoscaler" for kind, _ in default_project.manifests("deployments")
    )
    deployments = jitsi_project.manifests("deployments")
    hpa = deployments[("HorizontalPodAutoscaler", "collab")]
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "collab",
    }
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (2, 10)
    assert hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] == 70
    assert "replicas" not in deployments[("Deployment", "collab")]["spec"]


def test_jitsi_objects_only_when_switched_on(default_project, jitsi_project):
    names = ("jitsi-web", "jitsi-prosody", "jitsi-jicofo", "jitsi-jvb")
    assert not any(name in names for _, name in default_project.manifests("deployments"))
    assert "szpon-jitsi-env" not in _generators(default_project)
    deployments = jitsi_project.manifests("deployments")
    for name in names:
        container = _container(deployments[("Deployment", name)])
        assert container["image"] == f"ghcr.io/jitsi/{name[6:]}:stable-11146-2"
        assert container["envFrom"] == [{"configMapRef": {"name": "szpon-jitsi-env"}}]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
    generators = _generators(jitsi_project)
    assert generators["szpon-jitsi-env"]["envs"] == ["plugins/szpon/apps/jitsi.env"]
    assert generators["szpon-jitsi-prosody"]["files"] == [
        "plugins/szpon/apps/jitsi/event-sync.cfg.lua"
    ]
    prosody = _container(deployments[("Deployment", "jitsi-prosody")])
    assert {
        "mountPath": "/config/conf.d/szpon-event-sync.cfg.lua",
        "name": "event-sync",
        "subPath": "event-sync.cfg.lua",
    } in prosody["volumeMounts"]
    services = jitsi_project.manifests("services")
    assert services[("Service", "jitsi-prosody")]["spec"]["ports"][2]["port"] == 5280


def test_each_bridge_takes_the_udp_port_on_its_own_node(jitsi_project):
    jvb = jitsi_project.manifests("deployments")[("Deployment", "jitsi-jvb")]
    spec = jvb["spec"]
    assert spec["replicas"] == 3
    anti_affinity = spec["template"]["spec"]["affinity"]["podAntiAffinity"]
    assert anti_affinity["requiredDuringSchedulingIgnoredDuringExecution"][0]["topologyKey"] == (
        "kubernetes.io/hostname"
    )
    container = _container(jvb)
    assert {"containerPort": 10000, "hostPort": 10000, "protocol": "UDP"} in container["ports"]
    assert container["env"] == [
        {"name": "JVB_ADVERTISE_IPS", "valueFrom": {"fieldRef": {"fieldPath": "status.hostIP"}}}
    ]
    assert container["readinessProbe"]["httpGet"] == {"path": "/about/health", "port": 8080}
