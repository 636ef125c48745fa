"""Gunicorn's logger with the service's secret filter on its access and error lines.

The image runs gunicorn with ``--logger-class=collab_service.core.gunicorn_logging.Logger``.
"""

from gunicorn import glogging

from collab_service.core.log_redaction import RedactSecrets


class Logger(glogging.Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(existing, RedactSecrets) for existing in log.filters):
                log.addFilter(RedactSecrets())
