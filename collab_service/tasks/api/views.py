"""The tasks API: the pages' actions as JSON. Lists and tasks the caller may not see answer 404."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.accounts.models import User
from collab_service.core.api.responses import errors
from collab_service.institutions.selectors import units_visible_to
from collab_service.tasks.api import serializers as s
from collab_service.tasks.errors import TaskError
from collab_service.tasks.models import Task, TaskList
from collab_service.tasks.selectors import (
    TaskFilters,
    task_lists_visible_to,
    tasks_filter,
    tasks_visible_to,
)
from collab_service.tasks.services.lists import (
    task_list_archive,
    task_list_create,
    task_list_update,
)
from collab_service.tasks.services.tasks import (
    task_create,
    task_delete,
    task_status_set,
    task_update,
    tasks_bulk_close,
)


def valid(serializer_class: type, data: object) -> dict:
    body = serializer_class(data=data)
    body.is_valid(raise_exception=True)
    return body.validated_data


def _list(request: Request, pk: int) -> TaskList:
    return get_object_or_404(task_lists_visible_to(request.user), pk=pk)


def task_or_404(request: Request, pk: int) -> Task:
    return get_object_or_404(tasks_visible_to(request.user), pk=pk)


def _people(ids: list[int]) -> list[User]:
    people = list(User.objects.filter(pk__in=ids))
    unknown = set(ids) - {person.pk for person in people}
    if unknown:
        raise TaskError(
            _("Unknown people: %(ids)s") % {"ids": ", ".join(str(pk) for pk in sorted(unknown))}
        )
    return people


def _task_answer(request: Request, task: Task, code: int = status.HTTP_200_OK) -> Response:
    fresh = (
        tasks_visible_to(request.user).prefetch_related("assignees", "checklist").get(pk=task.pk)
    )
    return Response(s.TaskSerializer(fresh).data, status=code)


class TaskListList(generics.ListAPIView):
    serializer_class = s.TaskListSerializer

    def get_queryset(self) -> QuerySet[TaskList]:
        lists = task_lists_visible_to(self.request.user)
        if self.request.query_params.get("archived") != "true":
            lists = lists.filter(is_archived=False)
        return lists.order_by("name", "pk")

    @extend_schema(
        summary="Your task lists: personal ones and your units' (archived=true adds archived)",
        responses={200: s.TaskListSerializer(many=True), **errors(401)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Create a personal list, or a unit's list (unit managers and admins)",
        request=s.TaskListCreateSerializer,
        responses={201: s.TaskListSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        data = valid(s.TaskListCreateSerializer, request.data)
        unit = None
        if data["unit"] is not None:
            unit = get_object_or_404(units_visible_to(request.user), pk=data["unit"])
        task_list = task_list_create(
            actor=request.user, name=data["name"], description=data["description"], unit=unit
        )
        return Response(s.TaskListSerializer(task_list).data, status=status.HTTP_201_CREATED)


class TaskListDetail(APIView):
    @extend_schema(responses={200: s.TaskListSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.TaskListSerializer(_list(request, pk)).data)

    @extend_schema(
        summary="Rename, describe, archive or restore a list (its manager)",
        request=s.TaskListUpdateSerializer,
        responses={200: s.TaskListSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        task_list = _list(request, pk)
        data = valid(s.TaskListUpdateSerializer, request.data)
        if "name" in data or "description" in data:
            task_list = task_list_update(
                actor=request.user,
                task_list=task_list,
                name=data.get("name", task_list.name),
                description=data.get("description", task_list.description),
            )
        if "is_archived" in data:
            task_list = task_list_archive(
                actor=request.user, task_list=task_list, archived=data["is_archived"]
            )
        return Response(s.TaskListSerializer(task_list).data)


class TaskListArchive(APIView):
    @extend_schema(
        summary="Archive a list: it and its tasks leave the everyday views",
        request=None,
        responses={200: s.TaskListSerializer, **errors(401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        task_list = task_list_archive(actor=request.user, task_list=_list(request, pk))
        return Response(s.TaskListSerializer(task_list).data)


class TaskListView(generics.ListAPIView):
    serializer_class = s.TaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        query = valid(s.TaskQuerySerializer, self.request.query_params)
        tasks = tasks_visible_to(self.request.user).prefetch_related("checklist")
        if not query["include_archived"]:
            tasks = tasks.filter(task_list__is_archived=False)
        filters = TaskFilters(
            status=query.get("status", ""),
            priority=query.get("priority"),
            assignee=query.get("assignee"),
            task_list=query.get("task_list"),
            search=query.get("q", ""),
            assigned_to_me=query["assigned_to_me"],
            overdue=query["overdue"],
            due_this_week=query["due_this_week"],
            ordering=query["ordering"],
        )
        return tasks_filter(tasks, user=self.request.user, filters=filters)

    @extend_schema(
        summary="Tasks of every list you see, filtered and sorted",
        parameters=[s.TaskQuerySerializer],
        responses={200: s.TaskSerializer(many=True), **errors(400, 401)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Create a task; the people assigned are told by e-mail",
        request=s.TaskWriteSerializer,
        responses={201: s.TaskSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        data = valid(s.TaskWriteSerializer, request.data)
        task_list = _list(request, data.pop("task_list"))
        if "assignees" in data:
            data["assignees"] = _people(data["assignees"])
        data = {key: value for key, value in data.items() if value is not None}
        task = task_create(actor=request.user, task_list=task_list, **data)
        return _task_answer(request, task, status.HTTP_201_CREATED)


class TaskDetail(APIView):
    @extend_schema(responses={200: s.TaskSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        return _task_answer(request, task_or_404(request, pk))

    @extend_schema(
        summary="Change a task; marking a repeating task done creates its next occurrence",
        request=s.TaskUpdateSerializer,
        responses={200: s.TaskSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        task = task_or_404(request, pk)
        data = valid(s.TaskUpdateSerializer, request.data)
        if set(data) == {"status"}:
            task = task_status_set(actor=request.user, task=task, status=data["status"])
            return _task_answer(request, task)
        people = _people(data["assignees"]) if "assignees" in data else list(task.assignees.all())
        task = task_update(
            actor=request.user,
            task=task,
            title=data.get("title", task.title),
            description=data.get("description", task.description),
            assignees=people,
            start_at=data.get("start_at", task.start_at),
            due_at=data.get("due_at", task.due_at),
            all_day=data.get("all_day", task.all_day),
            priority=data.get("priority", task.priority),
            status=data.get("status", task.status),
            rrule=data.get("rrule", task.rrule),
            reminder_minutes=data.get("reminder_minutes", task.reminder_minutes),
        )
        return _task_answer(request, task)

    @extend_schema(summary="Delete a task", responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        task_delete(actor=request.user, task=task_or_404(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TasksBulkClose(APIView):
    @extend_schema(
        summary="Mark several tasks done; tasks you may not see or already closed are skipped",
        request=s.BulkCloseSerializer,
        responses={200: s.BulkCloseResultSerializer, **errors(400, 401)},
    )
    def post(self, request: Request) -> Response:
        data = valid(s.BulkCloseSerializer, request.data)
        tasks = list(tasks_visible_to(request.user).filter(pk__in=data["tasks"]))
        closed = tasks_bulk_close(actor=request.user, tasks=tasks)
        return Response({"closed": closed})
