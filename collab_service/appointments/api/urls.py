from django.urls import path, re_path

from collab_service.appointments.api import citizen_views, public_views

_MANAGE = r"^public/bookings/manage/(?P<token>[-A-Za-z0-9_:.]{1,500})"

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
    path(
        "public/bookings/confirm/",
        citizen_views.Confirm.as_view(),
        name="public-booking-confirm",
    ),
    path("public/bookings/lookup/", citizen_views.Lookup.as_view(), name="public-booking-lookup"),
    re_path(
        rf"{_MANAGE}/$",
        citizen_views.Manage.as_view(),
        name="public-booking-manage",
    ),
    re_path(
        rf"{_MANAGE}/cancel/$",
        citizen_views.ManageCancel.as_view(),
        name="public-booking-cancel",
    ),
    re_path(
        rf"{_MANAGE}/visit\.ics$",
        citizen_views.ManageInvitation.as_view(),
        name="public-booking-invitation",
    ),
]
