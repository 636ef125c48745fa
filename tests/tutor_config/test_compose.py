"""What `tutor local` runs: the docker-compose files, Caddy and the permissions job."""

from tests.tutor_config.project import TutorProject, new_project

SERVICE_NAMES = ("collab", "collab-worker", "collab-beat")
JITSI_NAMES = ("jitsi-web", "jitsi-prosody", "jitsi-jicofo", "jitsi-jvb")


def _services(project: TutorProject) -> dict:
    return project.yaml("local", "docker-compose.yml")["services"]


def test_web_worker_and_beat_share_the_image_and_env_file(default_project):
    services = _services(default_project)
    for name in SERVICE_NAMES:
        service = services[name]
        assert service["image"] == "docker.io/szpon/collab:0.1.0"
        assert service["env_file"] == "../plugins/szpon/apps/collab.env"
        # The path is relative to env/local, where the compose file is.
        assert (default_project.env("local") / service["env_file"]).resolve().is_file()
        assert "../../data/szpon:/app/data" in service["volumes"]
        assert service["restart"] == "unless-stopped"
    assert services["collab"]["depends_on"] == ["mysql", "redis"]
    assert "command" not in services["collab"]  # the image's gunicorn
    assert services["collab-worker"]["command"].split() == [
        "celery",
        "--app=collab_service.celery_app",
        "worker",
        "--queues=collab",
        "--concurrency=4",
        "--loglevel=info",
    ]
    assert "beat" in services["collab-beat"]["command"].split()
    assert "--schedule=/app/data/celerybeat-schedule" in services["collab-beat"]["command"]


def test_external_mysql_and_redis_are_not_dependencies(tmp_path):

    project = new_project(tmp_path, RUN_MYSQL=False, RUN_REDIS=False)
    services = _services(project)
    assert services["collab"]["depends_on"] == []
    assert services["collab-worker"]["depends_on"] == ["collab"]


def test_the_init_job_runs_the_image_with_the_same_env(default_project):
    job = default_project.yaml("local", "docker-compose.jobs.yml")["services"]["collab-job"]
    assert job["image"] == "docker.io/szpon/collab:0.1.0"
    assert job["env_file"] == "../plugins/szpon/apps/collab.env"
    assert job["depends_on"] == ["mysql", "redis"]


def test_data_folder_is_handed_to_the_service_user(default_project):
    permissions = _services(default_project)["permissions"]
    assert "../../data/szpon:/mounts/szpon" in permissions["volumes"]
    setowners = default_project.env("apps", "permissions", "setowners.sh").read_text()
    assert "setowner 1000 /mounts/szpon" in setowners


def test_caddy_routes_the_service_host_to_the_web_container(default_project, jitsi_project):
    caddyfile = default_project.env("apps", "caddy", "Caddyfile").read_text()
    assert 'collab.local.openedx.io{$default_site_port} {\n    import proxy "collab:8000"' in (
        caddyfile
    )
    assert "jitsi-web" not in caddyfile
    with_jitsi = jitsi_project.env("apps", "caddy", "Caddyfile").read_text()
    assert (
        'meet.kursy.urzad.example.gov.pl{$default_site_port} {\n    import proxy "jitsi-web:8000"'
        in (with_jitsi)
    )


def test_jitsi_runs_only_when_switched_on(default_project, jitsi_project):
    assert not set(JITSI_NAMES) & set(_services(default_project))
    services = _services(jitsi_project)
    for name in JITSI_NAMES:
        assert services[name]["image"] == f"ghcr.io/jitsi/{name[6:]}:stable-11146-2"
        assert services[name]["env_file"] == "../plugins/szpon/apps/jitsi.env"
        assert services[name]["read_only"] is True
        # s6-overlay runs its init from /run: a noexec tmpfs there stops the container.
        assert "/run:size=16M,mode=1750,exec" in services[name]["tmpfs"]
    assert services["jitsi-jvb"]["ports"] == ["10000:10000/udp"]
    assert (
        "../plugins/szpon/apps/jitsi/event-sync.cfg.lua:/config/conf.d/szpon-event-sync.cfg.lua:ro"
        in services["jitsi-prosody"]["volumes"]
    )


def test_jitsi_moderators_come_from_the_token_only(jitsi_project):
    env = jitsi_project.env_file("jitsi.env")
    assert env["JICOFO_ENABLE_AUTH"] == "0"
    assert env["ENABLE_AUTO_OWNER"] == "0"
    assert env["XMPP_MUC_MODULES"] == "token_affiliation"
    assert env["ENABLE_AUTH"] == "1"
    assert env["AUTH_TYPE"] == "jwt"
    assert env["ENABLE_GUESTS"] == "0"
    assert env["PUBLIC_URL"] == "https://meet.kursy.urzad.example.gov.pl"
    collab = jitsi_project.env_file()
    assert env["JWT_APP_SECRET"] == collab["COLLAB_JITSI_APP_SECRET"]
    assert env["JWT_APP_ID"] == env["JWT_ACCEPTED_ISSUERS"] == collab["COLLAB_JITSI_APP_ID"]
    assert env["JWT_ACCEPTED_AUDIENCES"] == collab["COLLAB_JITSI_AUDIENCE"]
    assert env["XMPP_DOMAIN"] == collab["COLLAB_JITSI_SUBJECT"]
    assert collab["COLLAB_JITSI_URL"] == env["PUBLIC_URL"]
    assert collab["COLLAB_JITSI_ROOM_SIZE_URL"] == "http://jitsi-prosody:5280"
    assert env["XMPP_MODULES"] == "muc_size,reservations"


def test_event_sync_posts_to_the_services_jitsi_endpoints_with_the_shared_token(jitsi_project):
    from django.urls import resolve

    lua = jitsi_project.env("plugins", "szpon", "apps", "jitsi", "event-sync.cfg.lua").read_text()
    token = jitsi_project.env_file()["COLLAB_JITSI_EVENT_SYNC_TOKEN"]
    assert 'Component "event_sync.meet.jitsi" "event_sync_component"' in lua
    assert 'muc_component = "muc.meet.jitsi"' in lua
    assert 'api_prefix = "http://collab:8000/api/v1/jitsi"' in lua
    assert f'["Authorization"] = "Bearer {token}"' in lua
    assert 'reservations_api_prefix = "http://collab:8000/api/v1/jitsi"' in lua
    # The component appends these paths to its prefix; the service must answer each.
    for path in ("events/room/created", "events/occupant/joined", "conference"):
        assert resolve(f"/api/v1/jitsi/{path}").url_name.startswith("jitsi-")


def test_tutor_dev_publishes_the_service_and_points_it_at_the_dev_servers(default_project):
    dev = default_project.yaml("dev", "docker-compose.yml")["services"]
    assert dev["collab"]["ports"] == ["8300:8000"]
    for name in ("collab", "collab-worker", "collab-beat"):
        environment = dev[name]["environment"]
        # Links in e-mails from the worker need the same address as the pages.
        assert environment["COLLAB_PUBLIC_URL"] == "http://collab.local.openedx.io:8300"
        assert environment["COLLAB_LMS_URL"] == "http://local.openedx.io:8000"
        assert environment["COLLAB_FRAME_ANCESTORS"].split(",") == [
            "http://local.openedx.io:8000",
            "http://studio.local.openedx.io:8001",
        ]
    settings = default_project.env("apps", "openedx", "settings", "lms", "development.py")
    assert 'SZPON_SERVICE["PUBLIC_URL"] = "http://collab.local.openedx.io:8300"' in (
        settings.read_text()
    )
