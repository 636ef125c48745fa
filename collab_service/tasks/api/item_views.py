"""A task's checklist and comments through the API."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.core.api.responses import errors
from collab_service.tasks.api import serializers as s
from collab_service.tasks.api.views import task_or_404, valid
from collab_service.tasks.services.items import (
    checklist_item_add,
    checklist_item_remove,
    checklist_item_toggle,
    comment_add,
)


class ChecklistList(APIView):
    @extend_schema(responses={200: s.ChecklistItemSerializer(many=True), **errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        items = task_or_404(request, pk).checklist.all()
        return Response(s.ChecklistItemSerializer(items, many=True).data)

    @extend_schema(
        summary="Add an item to a task's checklist",
        request=s.ChecklistItemSerializer,
        responses={201: s.ChecklistItemSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        task = task_or_404(request, pk)
        data = valid(s.ChecklistItemSerializer, request.data)
        item = checklist_item_add(actor=request.user, task=task, text=data["text"])
        return Response(s.ChecklistItemSerializer(item).data, status=status.HTTP_201_CREATED)


class ChecklistItemDetail(APIView):
    @extend_schema(
        summary="Tick or untick a checklist item",
        request=s.ChecklistItemUpdateSerializer,
        responses={200: s.ChecklistItemSerializer, **errors(400, 401, 404)},
    )
    def patch(self, request: Request, pk: int, item_pk: int) -> Response:
        item = get_object_or_404(task_or_404(request, pk).checklist, pk=item_pk)
        data = valid(s.ChecklistItemUpdateSerializer, request.data)
        item = checklist_item_toggle(actor=request.user, item=item, is_done=data["is_done"])
        return Response(s.ChecklistItemSerializer(item).data)

    @extend_schema(summary="Remove a checklist item", responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, pk: int, item_pk: int) -> Response:
        item = get_object_or_404(task_or_404(request, pk).checklist, pk=item_pk)
        checklist_item_remove(actor=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentList(APIView):
    @extend_schema(responses={200: s.CommentSerializer(many=True), **errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        comments = task_or_404(request, pk).comments.select_related("author")
        return Response(s.CommentSerializer(comments, many=True).data)

    @extend_schema(
        summary="Comment on a task; its assignees are told by e-mail",
        request=s.CommentSerializer,
        responses={201: s.CommentSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        task = task_or_404(request, pk)
        data = valid(s.CommentSerializer, request.data)
        comment = comment_add(actor=request.user, task=task, body=data["body"])
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
