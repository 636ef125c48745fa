from django.urls import path

from collab_service.meetings.api import views

urlpatterns = [
    path("meetings/", views.MeetingList.as_view(), name="api-meetings"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="api-meeting"),
    path("meetings/<int:pk>/cancel/", views.MeetingCancel.as_view(), name="api-meeting-cancel"),
    path("meetings/<int:pk>/invite/", views.MeetingInvite.as_view(), name="api-meeting-invite"),
    path(
        "meetings/<int:pk>/participants/<uuid:participant_id>/withdraw/",
        views.ParticipantWithdraw.as_view(),
        name="api-meeting-participant-withdraw",
    ),
    path("meetings/<int:pk>/join/", views.MeetingJoin.as_view(), name="api-meeting-join"),
    path("meetings/<int:pk>/live/", views.MeetingLive.as_view(), name="api-meeting-live"),
    path(
        "meetings/<int:pk>/attendance/",
        views.MeetingAttendance.as_view(),
        name="api-meeting-attendance",
    ),
    path(
        "meetings/<int:pk>/attendance.csv",
        views.MeetingAttendanceCsv.as_view(),
        name="api-meeting-attendance-csv",
    ),
]
