"""Writes to institutions and their units."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from collab_service.core.text import slug_from_name
from collab_service.institutions.errors import Conflict, InstitutionError
from collab_service.institutions.models import Institution, Unit


def _unique_unit_slug(institution: Institution, name: str) -> str:
    base = slug_from_name(name) or "unit"
    slug, n = base, 2
    while Unit.objects.filter(institution=institution, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def institution_update(*, institution: Institution, **fields: object) -> Institution:
    for name, value in fields.items():
        setattr(institution, name, value)
    institution.full_clean()
    institution.save()
    return institution


def _check_parent(institution: Institution, parent: Unit | None, unit: Unit | None = None) -> None:
    if parent is None:
        return
    if parent.institution_id != institution.id:
        raise InstitutionError(_("The parent unit belongs to another institution."))
    ancestor: Unit | None = parent
    while ancestor is not None:
        if unit is not None and ancestor.pk == unit.pk:
            raise InstitutionError(_("A unit cannot be placed inside itself."))
        ancestor = ancestor.parent


def unit_create(
    *,
    institution: Institution,
    name: str,
    slug: str = "",
    parent: Unit | None = None,
    **fields: object,
) -> Unit:
    _check_parent(institution, parent)
    with transaction.atomic():
        if slug and Unit.objects.filter(institution=institution, slug=slug).exists():
            raise Conflict(_("A unit with this short name already exists."))
        unit = Unit(
            institution=institution,
            name=name,
            parent=parent,
            slug=slug or _unique_unit_slug(institution, name),
            **fields,
        )
        unit.full_clean()
        unit.save()
    return unit


def unit_update(*, unit: Unit, **fields: object) -> Unit:
    if "parent" in fields:
        _check_parent(unit.institution, fields["parent"], unit)  # type: ignore[arg-type]
    slug = fields.get("slug")
    if (
        slug
        and Unit.objects.filter(institution=unit.institution, slug=slug)
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise Conflict(_("A unit with this short name already exists."))
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    return unit


def unit_delete(*, unit: Unit) -> None:
    """Delete an empty unit; one with people or sub-units is refused so nothing is lost."""
    if unit.memberships.exists():
        raise Conflict(_("Move or remove the people of this unit before deleting it."))
    try:
        unit.delete()
    except ProtectedError as exc:
        raise Conflict(_("Delete or move the sub-units of this unit first.")) from exc
