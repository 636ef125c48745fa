"""Open edX course keys as far as institutions need them: which organisation a course is of."""


def course_org(course_id: str) -> str:
    """The organisation code of an Open edX course key: ``course-v1:Org+Course+Run`` (also
    ``ccx-v1:…``) or the old ``Org/Course/Run``; "" for anything else."""
    key = course_id.strip()
    if ":" in key:
        return key.partition(":")[2].split("+", 1)[0].strip()
    parts = key.split("/")
    return parts[0].strip() if len(parts) == 3 else ""
