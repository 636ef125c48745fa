"""What officials send and see at the desk API."""

import dataclasses
import inspect
import types
import typing
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from collab_service.appointments.api.common import InstitutionTimeMixin
from collab_service.appointments.models import Agenda, Booking, BusyInterval, CaseType, Location
from collab_service.core.dates import REASONABLE

MAX_DAYS = 7  # a day or a week of one agenda at a time
_ID = {"min_value": 1, "max_value": 2**62}
_AGENDA_HELP = "An agenda you may run; yours (else the first you may run) when omitted."


def _within_ten_years(attrs: dict, *names: str) -> None:
    today = timezone.localdate()
    for name in names:
        if name in attrs and abs(attrs[name] - today) > REASONABLE:
            raise serializers.ValidationError({name: _("Choose a day within ten years.")})


class RangeQuerySerializer(serializers.Serializer):
    agenda = serializers.IntegerField(required=False, help_text=_AGENDA_HELP, **_ID)
    start = serializers.DateField(
        required=False, help_text="First local date (YYYY-MM-DD); today when omitted."
    )
    end = serializers.DateField(
        required=False,
        help_text=f"Last local date, at most {MAX_DAYS - 1} days after the start; "
        "the start when omitted.",
    )

    def validate(self, attrs: dict) -> dict:
        _within_ten_years(attrs, "start", "end")
        if "start" in attrs or "end" in attrs:
            attrs.setdefault("start", attrs.get("end"))
            attrs.setdefault("end", attrs["start"])
            if attrs["end"] < attrs["start"]:
                raise serializers.ValidationError({"end": _("The end is before the start.")})
            if (attrs["end"] - attrs["start"]).days >= MAX_DAYS:
                raise serializers.ValidationError(
                    {"end": _("Ask for at most %(days)d days at once.") % {"days": MAX_DAYS}}
                )
        return attrs


class BookingQuerySerializer(RangeQuerySerializer):
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=Booking.Status.choices),
        required=False,
        max_length=len(Booking.Status.choices),
        help_text="Only these statuses (repeat the parameter); all but expired when omitted.",
    )


class AgendaSerializer(serializers.ModelSerializer):
    official = serializers.CharField(source="official.display_name")
    own = serializers.SerializerMethodField(help_text="The caller's own agenda.")

    class Meta:
        model = Agenda
        fields = ["id", "official", "institution", "own"]

    def get_own(self, agenda: Agenda) -> bool:
        return agenda.official_id == self.context["request"].user.pk


class DeskCaseTypeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = CaseType
        fields = ["id", "name"]


class DeskLocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "name", "room"]


class DeskBookingSerializer(InstitutionTimeMixin, serializers.ModelSerializer):
    """A visit with the citizen's data; times are in the institution's zone."""

    status_display = serializers.CharField(source="get_status_display")
    official = serializers.CharField(source="agenda.official.display_name")
    case_type = DeskCaseTypeSerializer()
    location = DeskLocationSerializer(allow_null=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "reference_code",
            "status",
            "status_display",
            "agenda",
            "official",
            "case_type",
            "mode",
            "location",
            "start",
            "end",
            "seat",
            "citizen_name",
            "citizen_email",
            "citizen_phone",
            "answers",
            "language",
            "official_note",
            "cancel_reason",
            "hold_expires_at",
            "created_at",
            "confirmed_at",
            "checked_in_at",
            "cancelled_at",
        ]


class CheckInSerializer(serializers.Serializer):
    reference_code = serializers.CharField(max_length=12)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[(s, label) for s, label in Booking.Status.choices if s in ("done", "no_show")]
    )


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, allow_blank=True)


class BlockCreateSerializer(serializers.Serializer):
    agenda = serializers.IntegerField(required=False, help_text=_AGENDA_HELP, **_ID)
    day = serializers.DateField(help_text="Local date in the institution's time zone.")
    start = serializers.TimeField()
    end = serializers.TimeField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        _within_ten_years(attrs, "day")
        if attrs["end"] <= attrs["start"]:
            raise serializers.ValidationError({"end": _("The end must be after the start.")})
        return attrs


class BlockSerializer(InstitutionTimeMixin, serializers.ModelSerializer):
    class Meta:
        model = BusyInterval
        fields = ["id", "agenda", "start", "end", "source", "note"]


class OnBehalfSerializer(serializers.Serializer):
    """A visit booked by an official for someone who phones or walks in."""

    agenda = serializers.IntegerField(required=False, help_text=_AGENDA_HELP, **_ID)
    case_type = serializers.IntegerField(**_ID)
    start = serializers.DateTimeField(help_text="A free slot of the agenda and matter.")
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        default="",
        help_text="With an address the citizen gets the confirmation and reminders.",
    )
    phone = serializers.RegexField(
        r"^\+?[0-9 ()-]{6,20}$", required=False, allow_blank=True, default=""
    )
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, default="pl", help_text="The language of the citizen's e-mails."
    )


class PeriodQuerySerializer(serializers.Serializer):
    start = serializers.DateField(required=False, help_text="First local date; 29 days before end.")
    end = serializers.DateField(required=False, help_text="Last local date; today when omitted.")

    def validate(self, attrs: dict) -> dict:
        _within_ten_years(attrs, "start", "end")
        if "start" in attrs and "end" in attrs and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": _("The end is before the start.")})
        return attrs


def statistics_data(stats) -> dict:
    """Every field and computed property of the statistics, whatever fields it gains."""
    data = dataclasses.asdict(stats)
    for name, _member in inspect.getmembers(type(stats), lambda m: isinstance(m, property)):
        data[name] = getattr(stats, name)
    return data


_SCALARS = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    date: {"type": "string", "format": "date"},
    datetime: {"type": "string", "format": "date-time"},
    timedelta: {"type": "number", "description": "seconds"},
}


def type_schema(hint) -> dict:
    """OpenAPI schema of a type hint: scalars, optionals, lists, tuples and dataclasses."""
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        schema = type_schema(present[0]) if len(present) == 1 else {}
        return {**schema, "nullable": True} if len(present) < len(args) else schema
    if origin is list:
        return {"type": "array", "items": type_schema(args[0]) if args else {}}
    if origin is tuple and args and args[-1] is not Ellipsis:
        kinds = []
        for arg in args:
            if type_schema(arg) not in kinds:
                kinds.append(type_schema(arg))
        items = kinds[0] if len(kinds) == 1 else {"oneOf": kinds}
        return {"type": "array", "items": items, "minItems": len(args), "maxItems": len(args)}
    if origin is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(hint):
        return dataclass_schema(hint)
    return {}


def dataclass_schema(cls: type) -> dict:
    """The JSON shape of ``statistics_data`` for a dataclass: fields, then properties."""
    hints = typing.get_type_hints(cls)
    properties = {f.name: type_schema(hints[f.name]) for f in dataclasses.fields(cls)}
    required = list(properties)
    for name, member in inspect.getmembers(cls, lambda m: isinstance(m, property)):
        properties[name] = type_schema(typing.get_type_hints(member.fget).get("return"))
        required.append(name)
    return {"type": "object", "properties": properties, "required": required}
