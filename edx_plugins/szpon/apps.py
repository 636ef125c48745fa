from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from edx_django_utils.plugins import PluginSettings, PluginSignals, PluginURLs

from edx_plugins.szpon.compat import ProjectType, SettingsType

_SETTINGS = {
    SettingsType.COMMON: {PluginSettings.RELATIVE_PATH: "settings.common"},
    SettingsType.PRODUCTION: {PluginSettings.RELATIVE_PATH: "settings.production"},
    SettingsType.TEST: {PluginSettings.RELATIVE_PATH: "settings.test"},
}

_EVENTS = "openedx_events.learning.signals"


def _receiver(function: str, signal: str) -> dict:
    return {
        PluginSignals.RECEIVER_FUNC_NAME: function,
        PluginSignals.SIGNAL_PATH: f"{_EVENTS}.{signal}",
        PluginSignals.DISPATCH_UID: f"szpon.{function}",
    }


class SzponConfig(AppConfig):
    """SZPoN in the LMS and Studio: service settings, the course meetings page, course tab and
    app, and the receivers that turn learning events into training records."""

    name = "edx_plugins.szpon"
    label = "szpon"
    verbose_name = _("SZPoN meetings and consultations")
    default_auto_field = "django.db.models.BigAutoField"

    plugin_app = {
        PluginURLs.CONFIG: {
            ProjectType.LMS: {
                PluginURLs.NAMESPACE: "szpon",
                PluginURLs.REGEX: r"^szpon/",
                PluginURLs.RELATIVE_PATH: "urls",
            },
        },
        PluginSettings.CONFIG: {ProjectType.LMS: _SETTINGS, ProjectType.CMS: _SETTINGS},
        PluginSignals.CONFIG: {
            ProjectType.LMS: {
                PluginSignals.RELATIVE_PATH: "signals",
                PluginSignals.RECEIVERS: [
                    _receiver("enrollment_created", "COURSE_ENROLLMENT_CREATED"),
                    _receiver("unenrollment_completed", "COURSE_UNENROLLMENT_COMPLETED"),
                    _receiver("certificate_created", "CERTIFICATE_CREATED"),
                    _receiver("certificate_revoked", "CERTIFICATE_REVOKED"),
                    _receiver("passing_status_updated", "COURSE_PASSING_STATUS_UPDATED"),
                ],
            },
        },
    }
