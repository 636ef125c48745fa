"""The suite's URLs: the service's own, plus the LMS plugin apps' as the LMS mounts them."""

from edx_django_utils.plugins import get_plugin_url_patterns

from collab_service.urls import handler400, handler403, handler404, handler500, urlpatterns
from edx_plugins.szpon.compat import ProjectType

urlpatterns = [*urlpatterns, *get_plugin_url_patterns(ProjectType.LMS)]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
