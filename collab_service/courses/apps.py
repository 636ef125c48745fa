from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "collab_service.courses"
    label = "courses"
    verbose_name = _("Open edX courses")
