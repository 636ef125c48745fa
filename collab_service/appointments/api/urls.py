from django.urls import path, re_path

from collab_service.appointments.api import public_views, waiting_views

urlpatterns = [
    path(
        "public/institutions/<slug:slug>/case-types/",
        public_views.PublicCaseTypeList.as_view(),
        name="public-case-types",
    ),
    re_path(
        r"^public/case-types/(?P<pk>[0-9]{1,18})/availability/$",
        public_views.Availability.as_view(),
        name="public-availability",
    ),
    path("public/bookings/", public_views.BookingCreate.as_view(), name="public-bookings"),
    path("public/waiting-list/", waiting_views.WaitingJoin.as_view(), name="public-waiting-join"),
    path(
        "public/waiting-list/<str:token>/",
        waiting_views.WaitingEntryDetail.as_view(),
        name="public-waiting-entry",
    ),
]
