from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "collab_service.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from collab_service.accounts import schema  # noqa: F401 - registers the OpenAPI extension
