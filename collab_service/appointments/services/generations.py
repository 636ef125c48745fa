"""Generation numbers in the shared cache that retire cached availability when its data changes.

One number covers the structure: case types, who handles them, units, agendas, institutions
(bumped by ``signals``). One number per agenda covers its days: every booking, cancellation,
expiry and change of hours, exceptions or busy time bumps it, together with the agenda's version
in the database (``agendas_changed``). A cached answer remembers the numbers it was computed
under and is used only while they are current, so reading it needs no query.

Numbers are read before the database and bumped again after the commit, so an answer computed
from data that was about to change is never current. Only answers are trusted to them (free
slots, "this time is taken"): a booking is always made under the agenda's lock, against the
database.
"""

import secrets
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from collab_service.appointments.models import Agenda

STRUCTURE_KEY = "appointments:generation:structure"


def agenda_key(agenda_id: int) -> str:
    return f"appointments:generation:agenda:{agenda_id}"


def _new() -> int:
    # Random, not 1: after an eviction or flush a number must not come back, or values cached
    # under it earlier would be read again.
    return secrets.randbits(62)


def current(keys: list[str], found: dict) -> tuple[int, ...]:
    """The numbers under ``keys``, from ``found`` (a ``get_many`` answer) where it has them."""
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _new(), timeout=None)
        found = {**found, **cache.get_many(missing)}
    # Should the cache have lost a number again at once, a new one never matches a stored answer.
    return tuple(found[key] if key in found else _new() for key in keys)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # evicted: any number will do, as long as it is new
        cache.set(key, _new(), timeout=None)


def _bump_now_and_after_commit(key: str) -> None:
    # Now for this connection (and for tests, whose transactions never commit); after the
    # commit for everyone else: a value read between the two holds the old data.
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def structure_changed() -> None:
    _bump_now_and_after_commit(STRUCTURE_KEY)


def agendas_changed(agenda_ids: Iterable[int]) -> None:
    """Bump the agendas' versions in the caller's transaction, and their generation numbers."""
    ids = sorted(set(agenda_ids))
    Agenda.objects.filter(pk__in=ids).update(version=F("version") + 1)
    for agenda_id in ids:
        _bump_now_and_after_commit(agenda_key(agenda_id))


def institution_agendas_changed(institution_id: int) -> None:
    """Bump every agenda of the institution: a closure or extra hours for all of it."""
    agendas_changed(
        Agenda.objects.filter(institution_id=institution_id).values_list("pk", flat=True)
    )
