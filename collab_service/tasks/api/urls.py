from django.urls import path

from collab_service.tasks.api import item_views, views

urlpatterns = [
    path("task-lists/", views.TaskListList.as_view(), name="api-task-lists"),
    path("task-lists/<int:pk>/", views.TaskListDetail.as_view(), name="api-task-list"),
    path(
        "task-lists/<int:pk>/archive/",
        views.TaskListArchive.as_view(),
        name="api-task-list-archive",
    ),
    path("tasks/", views.TaskListView.as_view(), name="api-tasks"),
    path("tasks/bulk-close/", views.TasksBulkClose.as_view(), name="api-tasks-bulk-close"),
    path("tasks/<int:pk>/", views.TaskDetail.as_view(), name="api-task"),
    path(
        "tasks/<int:pk>/checklist/", item_views.ChecklistList.as_view(), name="api-task-checklist"
    ),
    path(
        "tasks/<int:pk>/checklist/<int:item_pk>/",
        item_views.ChecklistItemDetail.as_view(),
        name="api-task-checklist-item",
    ),
    path("tasks/<int:pk>/comments/", item_views.CommentList.as_view(), name="api-task-comments"),
]
