from django.urls import path, re_path

from collab_service.courses.api import consultation_views, meeting_views, public_views

_ID = r"(?P<pk>[0-9]{1,18})"

urlpatterns = [
    path("course-meetings/", meeting_views.CourseMeetingList.as_view(), name="api-course-meetings"),
    path(
        "course-meetings/by-block/",
        meeting_views.CourseMeetingByBlock.as_view(),
        name="api-course-meeting-by-block",
    ),
    re_path(
        rf"^course-meetings/{_ID}/start/$",
        meeting_views.CourseMeetingStart.as_view(),
        name="api-course-meeting-start",
    ),
    re_path(
        rf"^course-meetings/{_ID}/join/$",
        meeting_views.CourseMeetingJoin.as_view(),
        name="api-course-meeting-join",
    ),
    re_path(
        rf"^course-meetings/{_ID}/invite/$",
        meeting_views.CourseMeetingInvite.as_view(),
        name="api-course-meeting-invite",
    ),
    path(
        "public/course-meetings/<uuid:public_id>/",
        public_views.PublicCourseMeeting.as_view(),
        name="api-public-course-meeting",
    ),
    path(
        "public/course-meetings/<uuid:public_id>/guest-join/",
        public_views.PublicCourseMeetingGuestJoin.as_view(),
        name="api-public-course-meeting-guest-join",
    ),
    path(
        "public/course-meetings/<uuid:public_id>/meeting.ics",
        public_views.PublicCourseMeetingIcs.as_view(),
        name="api-public-course-meeting-ics",
    ),
    path(
        "course-consultations/",
        consultation_views.CourseConsultationList.as_view(),
        name="api-course-consultations",
    ),
    path(
        "course-consultations/by-block/",
        consultation_views.CourseConsultationByBlock.as_view(),
        name="api-course-consultation-by-block",
    ),
    path(
        "learner-bookings/",
        consultation_views.LearnerBookingList.as_view(),
        name="api-learner-bookings",
    ),
    path(
        "learner-bookings/<uuid:pk>/cancel/",
        consultation_views.LearnerBookingCancel.as_view(),
        name="api-learner-booking-cancel",
    ),
]
