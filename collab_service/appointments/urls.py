from django.urls import path, re_path

from collab_service.appointments import booking_views, views, waiting_views

app_name = "appointments"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/move/", views.move, name="move"),
    path("manage/<str:token>/visit.ics", views.invitation, name="invitation"),
    path("status/", views.status_lookup, name="status"),
    re_path(r"^book/(?P<pk>[0-9]{1,18})/$", booking_views.book, name="book"),
    path("book/sent/<str:code>/", booking_views.book_sent, name="book_sent"),
    re_path(r"^waiting-list/(?P<pk>[0-9]{1,18})/$", waiting_views.join, name="waiting_join"),
    path("waiting/<str:token>/", waiting_views.status, name="waiting"),
]
