import pytest

from tests.infra.jitsi_standin import JitsiStandIn


@pytest.fixture
def jitsi_standin():
    """A running stand-in for Prosody's room-size endpoints (see ``tests.infra.jitsi_standin``)."""
    standin = JitsiStandIn().start()
    yield standin
    standin.stop()
