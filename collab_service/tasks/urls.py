from django.urls import path

from collab_service.tasks.views import email, items, lists, tasks

app_name = "tasks"

urlpatterns = [
    path("", lists.index, name="index"),
    path("lists/new/", lists.list_new, name="list_new"),
    path("lists/<int:pk>/", lists.list_detail, name="list"),
    path("lists/<int:pk>/edit/", lists.list_edit, name="list_edit"),
    path("lists/<int:pk>/archive/", lists.list_archive, name="list_archive"),
    path("lists/<int:pk>/new/", tasks.task_new, name="new"),
    path("bulk-close/", tasks.bulk_close, name="bulk_close"),
    path("<int:pk>/", tasks.task_detail, name="detail"),
    path("<int:pk>/edit/", tasks.task_edit, name="edit"),
    path("<int:pk>/delete/", tasks.task_delete_view, name="delete"),
    path("<int:pk>/status/", tasks.task_status, name="status"),
    path("<int:pk>/checklist/", items.item_add, name="item_add"),
    path("<int:pk>/checklist/<int:item_pk>/toggle/", items.item_toggle, name="item_toggle"),
    path("<int:pk>/checklist/<int:item_pk>/remove/", items.item_remove, name="item_remove"),
    path("<int:pk>/comments/", items.comment_new, name="comment_add"),
    path("settings/", email.email_settings, name="settings"),
    path("unsubscribe/<str:token>/", email.unsubscribe, name="unsubscribe"),
]
