from django.urls import path

from collab_service.appointments import views

app_name = "appointments"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
