from django.urls import path

from collab_service.institutions import views

app_name = "institutions"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/", views.workspace, name="workspace"),
    path("<slug:slug>/people/add/", views.person_add, name="person_add"),
    path("<slug:slug>/people/import/", views.people_import, name="people_import"),
    path(
        "<slug:slug>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
