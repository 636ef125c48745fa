"""Reads of training records, scoped to what a person may see.

Everyone sees their own records. An institution's admins (and platform admins) see the records
of the institution's members, except records of courses that another institution's Open edX
organisation owns: a person in two institutions shows each only its own and the platform's
courses. Nobody sees another institution's pages, which answer 404.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.institutions.selectors import can_manage_institution, foreign_course_orgs
from collab_service.training.models import CertificatePolicy, TrainingRecord
from collab_service.training.states import TrainingState, state_q


def own_records(user: User) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(user=user).select_related("policy")


def institutions_with_training_view(user: User) -> QuerySet[Institution]:
    """Institutions whose training overview the person may open."""
    if user.is_platform_admin:
        return Institution.objects.all()
    return Institution.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.INSTITUTION_ADMIN
    ).distinct()


def can_view_training_of(user: User, institution: Institution) -> bool:
    return can_manage_institution(user, institution)


def can_view_policies(user: User) -> bool:
    return user.is_platform_admin or institutions_with_training_view(user).exists()


def institution_members(institution: Institution, *, unit: Unit | None = None) -> QuerySet[User]:
    memberships = Membership.objects.filter(institution=institution)
    if unit is not None:
        memberships = memberships.filter(unit=unit)
    return User.objects.filter(pk__in=memberships.values("user_id"))


@dataclass(frozen=True)
class RecordFilters:
    unit: Unit | None = None
    course_id: str = ""
    state: str = ""


def records_seen_by(institution: Institution) -> QuerySet[TrainingRecord]:
    """Records of courses this institution may see: its own and unowned ones."""
    return TrainingRecord.objects.exclude(course_org__in=foreign_course_orgs(institution))


def member_records(institution: Institution, person: User) -> QuerySet[TrainingRecord]:
    return records_seen_by(institution).filter(user=person).select_related("policy")


def institution_records(
    institution: Institution, *, filters: RecordFilters, now: datetime
) -> QuerySet[TrainingRecord]:
    records = (
        records_seen_by(institution)
        .filter(user__in=institution_members(institution, unit=filters.unit))
        .select_related("user", "policy")
    )
    if filters.course_id:
        records = records.filter(course_id=filters.course_id)
    if filters.state:
        records = records.filter(state_q(filters.state, now))
    return records.order_by("user__full_name", "user__username", "course_name", "course_id")


@dataclass(frozen=True)
class CourseSummary:
    course_id: str
    course_name: str
    trained: int
    expiring_soon: int
    expired: int
    in_progress: int


def course_summaries(records: QuerySet[TrainingRecord], now: datetime) -> list[CourseSummary]:
    """Per course: how many people are trained, expire soon, have expired, are enrolled."""
    rows = (
        records.order_by()
        .values("course_id")
        .annotate(
            name=Max("course_name"),
            trained=Count("pk", filter=state_q("trained", now)),
            expiring_soon=Count("pk", filter=state_q(TrainingState.EXPIRING_SOON, now)),
            expired=Count("pk", filter=state_q(TrainingState.EXPIRED, now)),
            in_progress=Count("pk", filter=state_q(TrainingState.ENROLLED, now)),
        )
    )
    names = dict(CertificatePolicy.objects.values_list("course_id", "course_name"))
    summaries = [
        CourseSummary(
            course_id=row["course_id"],
            course_name=row["name"] or names.get(row["course_id"]) or row["course_id"],
            trained=row["trained"],
            expiring_soon=row["expiring_soon"],
            expired=row["expired"],
            in_progress=row["in_progress"],
        )
        for row in rows
    ]
    return sorted(summaries, key=lambda summary: summary.course_name.lower())


def course_choices(institution: Institution) -> list[tuple[str, str]]:
    """The courses the institution's members have records of, for the filter."""
    rows = (
        records_seen_by(institution)
        .filter(user__in=institution_members(institution))
        .order_by()
        .values("course_id")
        .annotate(name=Max("course_name"))
    )
    return sorted(
        ((row["course_id"], row["name"] or row["course_id"]) for row in rows),
        key=lambda choice: choice[1].lower(),
    )


def units_by_person(institution: Institution, user_ids: list[int]) -> dict[int, list[str]]:
    """The names of each person's units in the institution."""
    units: dict[int, list[str]] = {}
    for user_id, name in (
        Membership.objects.filter(institution=institution, user_id__in=user_ids, unit__isnull=False)
        .order_by("unit__name")
        .values_list("user_id", "unit__name")
    ):
        units.setdefault(user_id, []).append(name)
    return units
