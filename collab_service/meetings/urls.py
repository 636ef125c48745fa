from django.urls import path

from collab_service.meetings import join_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel_view, name="cancel"),
    path("<int:pk>/invite/", views.meeting_invite, name="invite"),
    path(
        "<int:pk>/participants/<uuid:participant_id>/withdraw/",
        views.participant_remove,
        name="participant_withdraw",
    ),
    path("<int:pk>/attendance.csv", views.attendance_download, name="attendance_csv"),
    path("<int:pk>/join/", join_views.meeting_join, name="join"),
    path("join/<str:token>/", join_views.personal_join, name="personal_join"),
    path("visit/<uuid:booking_id>/", join_views.visit_join, name="visit_join"),
]
