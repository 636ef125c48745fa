"""Reading Open edX course and usage keys without opaque-keys (the service never imports the
platform), only as far as telling which course a block belongs to.

Documented forms only: ``course-v1:Org+Course+Run`` and
``block-v1:Org+Course+Run+type@kind+block@name``, each optionally with ``+branch@…`` and
``+version@…`` after the run (Studio's keys). A block id without a ``:`` is not a platform key
at all (the XBlock workbench's plain ids): no course's block can have it, so it is taken as is.
"""

COURSE_PREFIX = "course-v1:"
BLOCK_PREFIX = "block-v1:"
_LOCATOR_PARTS = ("branch", "version")


def _course_part(rest: str, *, block: bool) -> tuple[str, str, str] | None:
    parts = rest.split("+")
    if len(parts) < 3 or any(not part or "@" in part for part in parts[:3]):
        return None
    tags = [part.partition("@") for part in parts[3:]]
    if any(not sep or not value for _name, sep, value in tags):
        return None
    names = [name for name, _sep, _value in tags]
    expected_tail = ["type", "block"] if block else []
    if names[len(names) - len(expected_tail) :] != expected_tail:
        return None
    locators = names[: len(names) - len(expected_tail)]
    if any(name not in _LOCATOR_PARTS for name in locators) or len(set(locators)) < len(locators):
        return None
    return parts[0], parts[1], parts[2]


def course_of_course_key(course_id: str) -> tuple[str, str, str] | None:
    """(org, course, run) of a ``course-v1:`` key; None for anything else."""
    if not course_id.startswith(COURSE_PREFIX):
        return None
    return _course_part(course_id.removeprefix(COURSE_PREFIX), block=False)


def course_of_block_key(block_id: str) -> tuple[str, str, str] | None:
    """(org, course, run) of a ``block-v1:`` usage key; None for anything else."""
    if not block_id.startswith(BLOCK_PREFIX):
        return None
    return _course_part(block_id.removeprefix(BLOCK_PREFIX), block=True)


def block_in_course(block_id: str, course_id: str) -> bool:
    """Whether the block may belong to the course: a usage key must name the same
    org, course and run; a plain id (no ``:``) may belong to any course."""
    if ":" not in block_id:
        return True
    block_course = course_of_block_key(block_id)
    return block_course is not None and block_course == course_of_course_key(course_id)
