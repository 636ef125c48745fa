from django.urls import path

from collab_service.institutions import invitation_views

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", invitation_views.answer, name="answer"),
]
