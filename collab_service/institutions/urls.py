from django.urls import path

from collab_service.institutions import import_views, views

app_name = "institutions"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/", views.workspace, name="workspace"),
    path("<slug:slug>/people/add/", views.person_add, name="person_add"),
    path("<slug:slug>/people/import/", import_views.people_import, name="people_import"),
    path(
        "<slug:slug>/people/import/<int:pk>/",
        import_views.people_import_progress,
        name="people_import_progress",
    ),
    path(
        "<slug:slug>/people/import/<int:pk>/report.csv",
        import_views.people_import_report,
        name="people_import_report",
    ),
    path(
        "<slug:slug>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
