"""Which course a block's usage key names, read without opaque-keys."""

import pytest

from collab_service.courses.keys import block_in_course

COURSE = "course-v1:Org+Course+Run"


@pytest.mark.parametrize(
    ("block_id", "course_id", "expected"),
    [
        ("block-v1:Org+Course+Run+type@szpon_meeting+block@abc", COURSE, True),
        ("block-v1:Org+Course+Run+branch@draft+version@5f0+type@m+block@abc", COURSE, True),
        ("block-v1:Org+Course+Run+type@m+block@abc", f"{COURSE}+branch@published", True),
        ("szpon_meeting.szpon_meeting.d0.u0", COURSE, True),
        ("block-v1:Org+Other+Run+type@m+block@abc", COURSE, False),
        ("block-v1:Other+Course+Run+type@m+block@abc", COURSE, False),
        ("block-v1:Org+Course+Run2+type@m+block@abc", COURSE, False),
        ("block-v1:org+Course+Run+type@m+block@abc", COURSE, False),
        ("block-v1:Org+Course+Run+type@m+block@abc", "Org/Course/Run", False),
        ("block-v1:Org+Course+Run+type@m", COURSE, False),
        ("block-v1:Org+Course+Run+block@abc+type@m", COURSE, False),
        ("block-v1:Org+Course+Run+colour@red+type@m+block@abc", COURSE, False),
        ("block-v1:Org+Course+type@m+block@abc", COURSE, False),
        ("block-v1:Org++Run+type@m+block@abc", COURSE, False),
        ("i4x://Org/Course/m/abc", COURSE, False),
        ("lb:Org:lib:m:abc", COURSE, False),
    ],
)
def test_block_in_course(block_id, course_id, expected):
    assert block_in_course(block_id, course_id) is expected
