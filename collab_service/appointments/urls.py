from django.urls import path

from collab_service.appointments import views

app_name = "appointments"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/visit.ics", views.invitation, name="invitation"),
    path("status/", views.status_lookup, name="status"),
]
