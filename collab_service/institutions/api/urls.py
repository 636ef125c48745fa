from django.urls import path
from rest_framework.routers import SimpleRouter

from collab_service.institutions.api import views

router = SimpleRouter()
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("units", views.UnitViewSet, basename="unit")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("invitations", views.InvitationViewSet, basename="invitation")
router.register(
    "public/institutions", views.PublicInstitutionViewSet, basename="public-institution"
)

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
]
