"""Real servers for the suite: use the ones that already listen, else start throwaway ones.

With CI=true a server that is neither running nor startable fails the run; elsewhere the tests
that need it are skipped (databases always fail: without one there is nothing to test).
"""

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# SZPON_TEST_THROWAWAY=1 starts private servers even when the machine's own are listening.
THROWAWAY = os.environ.get("SZPON_TEST_THROWAWAY", "") == "1"
_started: list[tuple[subprocess.Popen, str]] = []


class ServerUnavailable(RuntimeError):
    pass


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise ServerUnavailable(f"{what} did not come up within {timeout:.0f} s")


def _remember(process: subprocess.Popen, directory: str) -> None:
    _started.append((process, directory))


def stop_all() -> None:
    while _started:
        process, directory = _started.pop()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


atexit.register(stop_all)


def _owned_tmpdir(user: str) -> str:
    directory = tempfile.mkdtemp(prefix=f"szpon-{user}-")
    if os.geteuid() == 0:
        shutil.chown(directory, user, user)
    return directory


def postgres() -> tuple[str, int]:
    if not THROWAWAY and port_open("127.0.0.1", 5432):
        return "127.0.0.1", 5432
    bindir = Path("/usr/lib/postgresql")
    versions = sorted(bindir.glob("*/bin/postgres")) if bindir.exists() else []
    if not versions:
        raise ServerUnavailable("PostgreSQL is not running on 127.0.0.1:5432 and not installed")
    bin_path = versions[-1].parent
    directory = _owned_tmpdir("postgres")
    data, port = f"{directory}/data", free_port()
    user = "postgres" if os.geteuid() == 0 else None
    subprocess.run(
        [bin_path / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        user=user,
    )
    process = subprocess.Popen(
        [
            bin_path / "postgres",
            "-D",
            data,
            "-p",
            str(port),
            "-k",
            directory,
            "-h",
            "127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "full_page_writes=off",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        user=user,
    )
    _remember(process, directory)
    _wait(lambda: port_open("127.0.0.1", port), "PostgreSQL")
    return "127.0.0.1", port


def mariadb() -> tuple[str, int]:
    if not THROWAWAY and port_open("127.0.0.1", 3306):
        return "127.0.0.1", 3306
    server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
    if not Path(server).exists():
        raise ServerUnavailable("MariaDB is not running on 127.0.0.1:3306 and not installed")
    directory = _owned_tmpdir("mysql")
    data, port = f"{directory}/data", free_port()
    subprocess.run(
        [
            "mariadb-install-db",
            "--no-defaults",
            f"--datadir={data}",
            "--user=mysql",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ],
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(
        [
            server,
            "--no-defaults",
            f"--datadir={data}",
            f"--socket={directory}/sock",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            "--user=mysql",
            "--skip-log-bin",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _remember(process, directory)
    _wait(lambda: port_open("127.0.0.1", port), "MariaDB")
    return "127.0.0.1", port


def redis() -> tuple[str, int] | None:
    """Redis address, or None outside CI when it is neither running nor installed."""
    if not THROWAWAY and port_open("127.0.0.1", 6379):
        return "127.0.0.1", 6379
    server = shutil.which("redis-server")
    if server is None:
        if IN_CI:
            raise ServerUnavailable("Redis is not running on 127.0.0.1:6379 and not installed")
        return None
    directory, port = tempfile.mkdtemp(prefix="szpon-redis-"), free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            directory,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _remember(process, directory)
    _wait(lambda: port_open("127.0.0.1", port), "Redis")
    return "127.0.0.1", port


def _test_database_name() -> str:
    """SZPON_TEST_DB_NAME lets two checkouts run the suite on the same servers at once."""
    return os.environ.get("SZPON_TEST_DB_NAME", "test_szpon")


def database_settings(vendor: str) -> dict:
    if vendor == "postgresql":
        host, port = postgres()
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "szpon",
            "USER": "postgres",
            "HOST": host,
            "PORT": port,
            "TEST": {"NAME": _test_database_name()},
        }
    if vendor == "mariadb":
        host, port = mariadb()
        return {
            "ENGINE": "django.db.backends.mysql",
            "NAME": "szpon",
            "USER": "root",
            "HOST": host,
            "PORT": port,
            "OPTIONS": {"charset": "utf8mb4"},
            "TEST": {
                "NAME": _test_database_name(),
                "CHARSET": "utf8mb4",
                "COLLATION": "utf8mb4_unicode_ci",
            },
        }
    if vendor == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    raise ValueError(f"SZPON_TEST_DB must be postgresql, mariadb or sqlite, not {vendor!r}")


def require(available: bool, what: str) -> None:
    """Fail in CI, skip elsewhere, when a server or program a test needs is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but missing", pytrace=False)
    pytest.skip(f"{what} is missing")


def scratch_dir(name: str) -> str:
    """A temporary directory removed when the test process exits."""
    directory = tempfile.mkdtemp(prefix=f"szpon-{name}-")
    atexit.register(shutil.rmtree, directory, True)
    return directory
