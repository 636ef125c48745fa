from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.forms import AdminSignInForm

admin.site.site_header = _("SZPoN administration")
admin.site.site_title = _("SZPoN administration")
admin.site.index_title = _("Institutions, units and people")
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", include("collab_service.core.urls")),
    path("accounts/", include("collab_service.accounts.urls")),
    path("app/", include("collab_service.institutions.urls")),
    path("invitations/", include("collab_service.institutions.invitation_urls")),
    path("visits/", include("collab_service.appointments.urls")),
    path("desk/setup/", include("collab_service.appointments.setup_urls")),
    path("desk/", include("collab_service.appointments.desk_urls")),
    path("meetings/", include("collab_service.meetings.urls")),
    path("tasks/", include("collab_service.tasks.urls")),
    path("calendar/", include("collab_service.calendars.urls")),
    path("courses/", include("collab_service.courses.urls")),
    path("training/", include("collab_service.training.urls")),
    path("api/v1/", include("collab_service.api_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "collab_service.core.views.errors.bad_request"
handler403 = "collab_service.core.views.errors.permission_denied"
handler404 = "collab_service.core.views.errors.page_not_found"
handler500 = "collab_service.core.views.errors.server_error"
