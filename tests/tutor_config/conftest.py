import pytest

from tests.tutor_config.project import TutorProject, new_project


@pytest.fixture(scope="module")
def default_project(tmp_path_factory) -> TutorProject:
    """The plugin enabled with every default: no Jitsi stack, no autoscaler."""
    return new_project(tmp_path_factory.mktemp("tutor-default"))


@pytest.fixture(scope="module")
def jitsi_project(tmp_path_factory) -> TutorProject:
    """HTTPS, the Jitsi stack, reservations, the autoscaler and anonymous courseware on."""
    return new_project(
        tmp_path_factory.mktemp("tutor-jitsi"),
        ENABLE_HTTPS=True,
        LMS_HOST="kursy.urzad.example.gov.pl",
        SZPON_RUN_JITSI=True,
        SZPON_JITSI_RESERVATIONS=True,
        SZPON_ENABLE_HPA=True,
        SZPON_ANONYMOUS_COURSEWARE=True,
        SZPON_JVB_REPLICAS=3,
    )
