"""Steps the demo-data commands share (they are for trying SZPoN out, never for production)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def refuse_in_production() -> None:
    if settings.PRODUCTION:
        raise CommandError("Demo data is for trying SZPoN out: never load it in production.")


def demo_people(*usernames: str) -> dict:
    """The demo people by username; all of them come from ``load_demo_data``."""
    people = {
        user.username: user for user in get_user_model().objects.filter(username__in=usernames)
    }
    if len(people) < len(usernames):
        raise CommandError("Run load_demo_data first.")
    return people
