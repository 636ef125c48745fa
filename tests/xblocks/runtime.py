"""The XBlock toy runtime with the services the LMS gives our blocks (user, i18n, settings)."""

import json
import uuid

from django.utils import translation
from opaque_keys.edx.keys import UsageKey
from webob import Request
from workbench.services import SettingsService
from xblock.exceptions import NoSuchServiceError
from xblock.field_data import DictFieldData
from xblock.fields import ScopeIds
from xblock.reference.user_service import UserService, XBlockUser
from xblock.runtime import NullI18nService
from xblock.test.toy_runtime import ToyRuntime

COURSE = "course-v1:SZPoN+K101+2026"


class DjangoI18nService(NullI18nService):
    """What the platform's i18n service falls back to when a block has no catalogue it finds:
    Django's own translation functions."""

    def __getattr__(self, name):
        return getattr(translation, name)


class LmsUserService(UserService):
    def __init__(self, user: XBlockUser) -> None:
        super().__init__(user=user)

    def get_current_user(self) -> XBlockUser:
        return self._user


def lms_user(
    user_id: int | None,
    username: str = "",
    *,
    staff: bool = False,
    email: str = "",
    name: str = "",
) -> XBlockUser:
    """An XBlockUser with the attributes the platform's user service sets."""
    user = XBlockUser(
        is_current_user=True,
        emails=[email or f"{username}@example.org"] if user_id else [],
        full_name=name or username,
    )
    user.opt_attrs.update(
        {
            "edx-platform.is_authenticated": user_id is not None,
            "edx-platform.user_id": user_id,
            "edx-platform.username": username,
            "edx-platform.user_is_staff": staff,
            "edx-platform.user_role": "staff" if staff else "student",
        }
    )
    return user


LEARNER = lms_user(4201, "ola.kursantka", name="Ola Kursantka")
STAFF = lms_user(4202, "jan.prowadzacy", staff=True, name="Jan Prowadzący")
ANONYMOUS = lms_user(None)


class LmsLikeRuntime(ToyRuntime):
    """ToyRuntime plus user, i18n and settings services and the blocks' own field data (one
    block's fields and one learner's state); keeps what blocks publish."""

    def __init__(self, user: XBlockUser = LEARNER, field_data: DictFieldData | None = None):
        super().__init__(user_id=str(user.opt_attrs["edx-platform.user_id"]))
        self.events: list[tuple[str, dict]] = []
        self.extra_services = {
            "user": LmsUserService(user),
            "i18n": DjangoI18nService(),
            "settings": SettingsService(),
            "field-data": field_data if field_data is not None else DictFieldData({}),
        }

    def service(self, block, service_name):
        if service_name not in self.extra_services:
            return super().service(block, service_name)
        if block.service_declaration(service_name) is None:
            raise NoSuchServiceError(f"Service {service_name!r} was not requested.")
        return self.extra_services[service_name]

    def publish(self, block, event_type, event_data):
        self.events.append((event_type, event_data))
        super().publish(block, event_type, event_data)


def make_block(
    block_class,
    block_type: str,
    user: XBlockUser = LEARNER,
    *,
    usage_key: str = "",
    **fields,
):
    """A block with ``fields`` set, in a unit of the test course, seen by ``user``."""
    key = UsageKey.from_string(
        usage_key or f"block-v1:SZPoN+K101+2026+type@{block_type}+block@{uuid.uuid4().hex}"
    )
    runtime = LmsLikeRuntime(user, DictFieldData(fields))
    return runtime.construct_xblock_from_class(block_class, ScopeIds("user", block_type, key, key))


def seen_by(block, user: XBlockUser):
    """The same block as another user sees it (the toy runtime keeps one learner state)."""
    runtime = LmsLikeRuntime(user, block.runtime.service(block, "field-data"))
    return runtime.construct_xblock_from_class(block.unmixed_class, block.scope_ids)


def call(block, handler: str, body=None, *, raw: bytes | None = None, method: str = "POST"):
    """Call a handler through the runtime as the browser does; returns (status, JSON body)."""
    data = raw if raw is not None else json.dumps(body or {}).encode()
    request = Request.blank("/", method=method, body=data if method == "POST" else None)
    request.content_type = "application/json"
    response = block.runtime.handle(block, handler, request)
    return response.status_code, json.loads(response.body)


def html(fragment) -> str:
    return fragment.body_html()
