from django.urls import path

from collab_service.training.views import institution, mine, policies

app_name = "training"

urlpatterns = [
    path("", mine.my_training, name="mine"),
    path("rules/", policies.policy_list, name="policies"),
    path("rules/new/", policies.policy_edit, name="policy_new"),
    path("rules/<int:pk>/edit/", policies.policy_edit, name="policy_edit"),
    path("rules/<int:pk>/delete/", policies.policy_delete, name="policy_delete"),
    path("institutions/<slug:slug>/", institution.overview, name="institution"),
    path("institutions/<slug:slug>/training.csv", institution.export, name="export"),
    path("institutions/<slug:slug>/people/<int:user_id>/", institution.person, name="person"),
]
