import factory
from factory.django import DjangoModelFactory

from collab_service.accounts.models import User
from collab_service.institutions.models import Institution, Membership, Unit


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.pl")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Urząd Gminy {n}")
    slug = factory.Sequence(lambda n: f"ug-{n}")
    kind = Institution.Kind.MUNICIPALITY
    city = "Przykładowo"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Wydział {n}")
    slug = factory.Sequence(lambda n: f"wydzial-{n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    institution = factory.LazyAttribute(lambda m: m.unit.institution if m.unit else None)
    role = Membership.Role.OFFICIAL
