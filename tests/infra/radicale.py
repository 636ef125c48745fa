"""A real Radicale CalDAV server in a thread on loopback, stoppable and restartable in place."""

import shutil
import socket
import tempfile
import threading
import time
import uuid

import pytest
import radicale.config
import radicale.server

from tests.infra.servers import free_port, port_open


class RadicaleServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="radicale-")
        self._thread: threading.Thread | None = None
        self._shutdown: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        config = radicale.config.load()
        config.update(
            {
                "server": {"hosts": f"127.0.0.1:{self.port}"},
                "auth": {"type": "none"},
                "rights": {"type": "owner_only"},
                "storage": {"filesystem_folder": self.folder},
                "logging": {"level": "warning", "mask_passwords": "True"},
            },
            "test",
            privileged=True,
        )
        serve_end, self._shutdown = socket.socketpair()
        self._thread = threading.Thread(
            target=radicale.server.serve, args=(config, serve_end), daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("Radicale did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._shutdown is not None:
            self._shutdown.close()
            self._shutdown = None
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        deadline = time.monotonic() + 10
        while port_open("127.0.0.1", self.port) and time.monotonic() < deadline:
            time.sleep(0.02)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def radicale_server():
    server = RadicaleServer()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def restartable_radicale():
    """A server of the test's own, so stopping it mid-test disturbs nobody else."""
    server = RadicaleServer()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def radicale_user() -> str:
    """A fresh account name: Radicale's owner_only rights keep each account's calendars apart."""
    return f"official-{uuid.uuid4().hex[:10]}"
