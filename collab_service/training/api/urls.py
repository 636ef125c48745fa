from django.urls import path

from collab_service.training.api import views

urlpatterns = [
    path("training/events/", views.TrainingEventView.as_view(), name="api-training-events"),
    path("training/records/", views.TrainingRecordList.as_view(), name="api-training-records"),
]
