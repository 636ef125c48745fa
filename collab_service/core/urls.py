from django.urls import path
from django.views.i18n import set_language

from collab_service.core.views import health, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("institutions/<slug:slug>/", pages.institution_public, name="institution_public"),
    path("api/docs/", pages.api_docs, name="api_docs"),
    path("i18n/language/", set_language, name="set_language"),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
]
