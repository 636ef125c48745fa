"""Settings: prefixed defaults, secrets generated once and kept, values the env file refuses."""

import re

import pytest

from tests.tutor_config.project import TutorFailed, new_project

SECRETS = (
    "SZPON_SECRET_KEY",
    "SZPON_MYSQL_PASSWORD",
    "SZPON_OAUTH2_SECRET",
    "SZPON_JITSI_APP_SECRET",
    "SZPON_JITSI_EVENT_SYNC_TOKEN",
    "SZPON_JICOFO_AUTH_PASSWORD",
    "SZPON_JVB_AUTH_PASSWORD",
)


def test_secrets_are_generated_into_the_config_file_once_and_kept(tmp_path):
    project = new_project(tmp_path)
    first = project.config()
    secrets = {name: first[name] for name in SECRETS}
    assert all(re.fullmatch(r"[A-Za-z0-9]{24,}", value) for value in secrets.values()), secrets
    assert len(set(secrets.values())) == len(SECRETS)

    project.save(SZPON_HOST="wspolpraca.example.gov.pl")
    project.tutor("config", "save")
    project.tutor("plugins", "enable", "szpon")

    kept = project.config()
    assert {name: kept[name] for name in SECRETS} == secrets
    assert kept["SZPON_HOST"] == "wspolpraca.example.gov.pl"
    env = project.env_file()
    assert env["COLLAB_SECRET_KEY"] == secrets["SZPON_SECRET_KEY"]
    assert env["COLLAB_JITSI_APP_SECRET"] == secrets["SZPON_JITSI_APP_SECRET"]


def test_two_projects_get_different_secrets(tmp_path):
    one = new_project(tmp_path / "one").config()
    two = new_project(tmp_path / "two").config()
    assert all(one[name] != two[name] for name in SECRETS)


def test_defaults_are_prefixed_and_rendered_from_core_settings(default_project):
    def value(name: str) -> str:
        return default_project.tutor("config", "printvalue", name).stdout.strip()

    assert value("SZPON_HOST") == "collab.local.openedx.io"
    assert value("SZPON_DOCKER_IMAGE") == "docker.io/szpon/collab:0.1.0"
    assert value("SZPON_JITSI_URL") == "https://meet.local.openedx.io"
    assert value("SZPON_RUN_JITSI") == "false"
    assert value("SZPON_MAIL_MODE") == "smtp"
    # Defaults are not written into config.yml: an upgrade brings new defaults.
    assert "SZPON_HOST" not in default_project.config()


def test_extra_service_variables_are_passed_through_and_win(tmp_path):
    project = new_project(
        tmp_path,
        SZPON_EXTRA_ENV={"COLLAB_CALDAV_SECRET_KEYS": "a2V5LW9uZQ==", "COLLAB_TIME_ZONE": "UTC"},
    )
    env = project.env_file()
    assert env["COLLAB_CALDAV_SECRET_KEYS"] == "a2V5LW9uZQ=="
    assert env["COLLAB_TIME_ZONE"] == "UTC"
    lines = project.env("plugins", "szpon", "apps", "collab.env").read_text().splitlines()
    # Once only: kustomize refuses an env file that repeats a name.
    assert [line for line in lines if line.startswith("COLLAB_TIME_ZONE=")] == [
        "COLLAB_TIME_ZONE=UTC"
    ]


def test_a_database_name_that_is_not_a_plain_name_is_refused(tmp_path):
    project = new_project(tmp_path)
    with pytest.raises(TutorFailed, match="letters, digits and _ only"):
        project.save(SZPON_MYSQL_DATABASE="szpon`; DROP DATABASE openedx; --")


def test_a_jaas_key_that_lost_its_line_breaks_is_refused(tmp_path):
    project = new_project(tmp_path)
    flattened = "-----BEGIN PRIVATE KEY----- MIIEvQIBADANBg -----END PRIVATE KEY-----"
    with pytest.raises(TutorFailed, match="lost its line breaks"):
        project.save(SZPON_JITSI_PROVIDER="jaas", SZPON_JAAS_PRIVATE_KEY=flattened)


def test_passwords_inside_addresses_are_percent_encoded(tmp_path):
    project = new_project(
        tmp_path,
        SZPON_MYSQL_PASSWORD="a/b@c:d?e%f",
        REDIS_USERNAME="szpon",
        REDIS_PASSWORD="r/@:s",
    )
    env = project.env_file()
    assert env["DATABASE_URL"] == "mysql://szpon:a%2Fb%40c%3Ad%3Fe%25f@mysql:3306/szpon"
    assert env["REDIS_URL"] == "redis://szpon:r%2F%40%3As@redis:6379/3"


@pytest.mark.parametrize("value", ["pa$$word", "two\nlines", "abc #def", "'quoted'", " edge"])
def test_a_value_the_env_file_cannot_carry_is_refused_with_a_clear_message(tmp_path, value):
    project = new_project(tmp_path)
    with pytest.raises(TutorFailed, match="cannot carry") as refused:
        project.save(SZPON_SMTP_PASSWORD=value)
    assert "cannot carry" in refused.value.output
    assert value.strip() not in refused.value.output  # a password is never echoed


def test_tutor_lists_the_service_host_among_the_public_hosts(default_project):
    """`tutor local launch` and `tutor dev launch` print these addresses when they are done."""
    hosts = default_project.rendered()["public_hosts"]
    assert "collab.local.openedx.io" in hosts["local"]
    assert "collab.local.openedx.io:8300" in hosts["dev"]
