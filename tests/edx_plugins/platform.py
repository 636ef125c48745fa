"""The part of the platform's own plugins app the suite needs: on start, connect the plugin
apps' signal receivers for the LMS (``openedx.core.djangoapps.plugins.apps.PluginsConfig``)."""

from django.apps import AppConfig
from edx_django_utils.plugins import connect_plugin_receivers

from edx_plugins.szpon.compat import ProjectType


class PluginsConfig(AppConfig):
    name = "tests.edx_plugins"
    label = "test_platform_plugins"

    def ready(self) -> None:
        connect_plugin_receivers(ProjectType.LMS)
