from django.urls import path, register_converter

from collab_service.appointments import setup_agenda_views as agendas
from collab_service.appointments import setup_views as views


class IdConverter:
    """A row id that fits a bigint: longer numbers answer 404, not a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "setup"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/locations/", views.locations, name="locations"),
    path("<slug:slug>/locations/add/", views.location_edit, name="location_add"),
    path("<slug:slug>/locations/<id:pk>/", views.location_edit, name="location_edit"),
    path("<slug:slug>/locations/<id:pk>/delete/", views.location_remove, name="location_delete"),
    path("<slug:slug>/case-types/", views.case_types, name="case_types"),
    path("<slug:slug>/case-types/add/", views.case_type_edit, name="case_type_add"),
    path("<slug:slug>/case-types/<id:pk>/", views.case_type_edit, name="case_type_edit"),
    path("<slug:slug>/case-types/<id:pk>/questions/", views.questions, name="questions"),
    path("<slug:slug>/case-types/<id:pk>/active/", views.case_type_active, name="case_type_active"),
    path("<slug:slug>/case-types/<id:pk>/delete/", views.case_type_remove, name="case_type_delete"),
    path("<slug:slug>/officials/", agendas.officials, name="officials"),
    path("<slug:slug>/officials/<id:user_pk>/receive/", agendas.receive, name="receive"),
    path("<slug:slug>/agendas/<id:pk>/", agendas.agenda, name="agenda"),
    path("<slug:slug>/agendas/<id:pk>/hours/add/", agendas.hours_edit, name="hours_add"),
    path("<slug:slug>/agendas/<id:pk>/hours/<id:hours_pk>/", agendas.hours_edit, name="hours_edit"),
    path(
        "<slug:slug>/agendas/<id:pk>/hours/<id:hours_pk>/delete/",
        agendas.hours_remove,
        name="hours_delete",
    ),
    path(
        "<slug:slug>/agendas/<id:pk>/exceptions/add/", agendas.exception_add, name="exception_add"
    ),
    path(
        "<slug:slug>/agendas/<id:pk>/exceptions/<id:exception_pk>/delete/",
        agendas.exception_remove,
        name="exception_delete",
    ),
    path("<slug:slug>/closures/", agendas.closures, name="closures"),
    path("<slug:slug>/closures/add/", agendas.closure_add, name="closure_add"),
    path("<slug:slug>/closures/<id:pk>/delete/", agendas.closure_remove, name="closure_delete"),
]
