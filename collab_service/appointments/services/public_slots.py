"""The citizen API's free slots as JSON: the hottest read of the service, cached for the minute.

A cached answer is used while the structure's and the agendas' generation numbers are the ones
it was computed under (see ``generations``): a warm read is two cache round trips and no query.
Notice and horizon move with "now", hence the minute in the key.
"""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.cache import cache

from collab_service.appointments.services import generations
from collab_service.appointments.services.case_type_plan import CaseTypePlan
from collab_service.appointments.services.slots import case_type_slots

ANSWER_SECONDS = 60


def free_slots_json(
    *, plan: CaseTypePlan, first: date, last: date, official: int | None, now: datetime
) -> bytes:
    """Free slots of a bookable case type's plan between two local dates, as a JSON list."""
    case_type = plan.case_type
    minute = int(now.timestamp() // 60)
    key = f"appointments:free-slots:{case_type.pk}:{first}:{last}:{official or ''}:{minute}"
    ids = [pk for pk in plan.agenda_ids if official is None or pk == official]
    numbers = [generations.agenda_key(pk) for pk in ids]
    found = cache.get_many([*numbers, key])
    stamp = (plan.generation, generations.current(numbers, found))
    cached = found.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    agendas = [agenda for agenda in plan.agendas() if agenda.pk in ids]
    tz = ZoneInfo(case_type.institution.time_zone)
    slots = case_type_slots(case_type=case_type, first=first, last=last, agendas=agendas, now=now)
    body = json.dumps(
        [
            {
                "start": slot.start.astimezone(tz).isoformat(),
                "end": slot.end.astimezone(tz).isoformat(),
                "official": slot.agenda_id,
                "location": slot.location_id,
                "seats_left": slot.seats_left,
            }
            for slot in slots
        ]
    ).encode()
    cache.set(key, (stamp, body), ANSWER_SECONDS)
    return body
