from django.urls import path, re_path

from collab_service.appointments.api import citizen_views, desk_views, public_views, waiting_views

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
    path("public/waiting-list/", waiting_views.WaitingJoin.as_view(), name="public-waiting-join"),
    path(
        "public/waiting-list/<str:token>/",
        waiting_views.WaitingEntryDetail.as_view(),
        name="public-waiting-entry",
    ),
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
        rf"{_MANAGE}/move/$",
        citizen_views.ManageMove.as_view(),
        name="public-booking-move",
    ),
    re_path(
        rf"{_MANAGE}/visit\.ics$",
        citizen_views.ManageInvitation.as_view(),
        name="public-booking-invitation",
    ),
    path("desk/agendas/", desk_views.AgendaList.as_view(), name="desk-agendas"),
    re_path(
        r"^desk/agendas/(?P<pk>[0-9]{1,18})/case-types/$",
        desk_views.AgendaCaseTypes.as_view(),
        name="desk-agenda-case-types",
    ),
    path("desk/bookings/", desk_views.BookingList.as_view(), name="desk-bookings"),
    path("desk/bookings/<uuid:pk>/", desk_views.BookingDetail.as_view(), name="desk-booking"),
    path(
        "desk/bookings/<uuid:pk>/check-in/",
        desk_views.BookingCheckIn.as_view(),
        name="desk-booking-check-in",
    ),
    path(
        "desk/bookings/<uuid:pk>/outcome/",
        desk_views.BookingOutcome.as_view(),
        name="desk-booking-outcome",
    ),
    path(
        "desk/bookings/<uuid:pk>/note/",
        desk_views.BookingNote.as_view(),
        name="desk-booking-note",
    ),
    path(
        "desk/bookings/<uuid:pk>/cancel/",
        desk_views.BookingCancel.as_view(),
        name="desk-booking-cancel",
    ),
    path("desk/check-in/", desk_views.CheckInByCode.as_view(), name="desk-check-in"),
    path("desk/blocks/", desk_views.BlockList.as_view(), name="desk-blocks"),
    path("desk/statistics/", desk_views.StatisticsView.as_view(), name="desk-statistics"),
    path("desk/statistics.csv", desk_views.StatisticsCsv.as_view(), name="desk-statistics-csv"),
]
