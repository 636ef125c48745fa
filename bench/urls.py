"""The service's URLs plus a floor: a bare DRF endpoint doing one indexed query."""

from django.urls import include, path
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.institutions.models import Institution


class Floor(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    def get(self, request, pk: int) -> Response:
        return Response(Institution.objects.filter(pk=pk).values("id", "name").first())


urlpatterns = [
    path("bench/floor/<int:pk>/", Floor.as_view()),
    path("", include("collab_service.urls")),
]
