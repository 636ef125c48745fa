from django.urls import path, re_path

from collab_service.appointments import desk_views, statistics_views

app_name = "desk"

urlpatterns = [
    path("", desk_views.agenda_day, name="agenda"),
    path("week/", desk_views.agenda_week, name="week"),
    path("check-in/", desk_views.check_in, name="check_in"),
    path("block/", desk_views.block, name="block"),
    path("book/", desk_views.book_on_behalf, name="book"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("statistics.csv", statistics_views.statistics_csv, name="statistics_csv"),
    re_path(r"^bookings/(?P<pk>[0-9a-f-]{36})/$", desk_views.booking_action, name="booking"),
]
