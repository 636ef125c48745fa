"""The XBlock toy runtime with the services the LMS gives our blocks (user, i18n, settings)."""

import json
import uuid

from django.utils import translation
from opaque_keys.edx.keys import UsageKey
from webob import Request
from workbench.services import SettingsService
from xblock.exceptions import InvalidScopeError, NoSuchServiceError
from xblock.field_data import DictFieldData, FieldData
from xblock.fields import Scope, ScopeIds
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


# What Studio calls on a block; everything else runs in the LMS.
STUDIO_VIEWS = {"studio_view", "author_view"}
STUDIO_HANDLERS = {"studio_submit"}


class LmsFieldData(FieldData):
    """The block's stored fields as the LMS gives them: settings are read-only there (the
    runtime saves after every view and handler, and a settings write fails the page), while
    Studio's views and handlers may write them."""

    def __init__(self, stored: DictFieldData, runtime: "LmsLikeRuntime") -> None:
        self.stored = stored
        self._runtime = runtime

    def _writable(self, block, name) -> None:
        if block.fields[name].scope == Scope.settings and not self._runtime.in_studio:
            raise InvalidScopeError(f"{block}.{name} is read-only in the LMS")

    def get(self, block, name):
        return self.stored.get(block, name)

    def set(self, block, name, value):
        self._writable(block, name)
        self.stored.set(block, name, value)

    def delete(self, block, name):
        self._writable(block, name)
        self.stored.delete(block, name)

    def has(self, block, name):
        return self.stored.has(block, name)

    def default(self, block, name):
        return self.stored.default(block, name)


class LmsLikeRuntime(ToyRuntime):
    """ToyRuntime plus user, i18n and settings services and the blocks' own field data (one
    block's fields and one learner's state); keeps what blocks publish."""

    def __init__(self, user: XBlockUser = LEARNER, field_data: DictFieldData | None = None):
        super().__init__(user_id=str(user.opt_attrs["edx-platform.user_id"]))
        self.events: list[tuple[str, dict]] = []
        self.in_studio = False
        self.stored = field_data if field_data is not None else DictFieldData({})
        self.extra_services = {
            "user": LmsUserService(user),
            "i18n": DjangoI18nService(),
            "settings": SettingsService(),
            "field-data": LmsFieldData(self.stored, self),
        }

    def render(self, block, view_name, context=None):
        self.in_studio = view_name in STUDIO_VIEWS
        try:
            return super().render(block, view_name, context)
        finally:
            self.in_studio = False

    def handle(self, block, handler_name, request, suffix=""):
        self.in_studio = handler_name in STUDIO_HANDLERS
        try:
            return super().handle(block, handler_name, request, suffix)
        finally:
            self.in_studio = False

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
    runtime = LmsLikeRuntime(user, block.runtime.stored)
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
