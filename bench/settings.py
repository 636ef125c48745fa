"""The service's settings plus the benchmark's floor endpoint."""

from collab_service.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
