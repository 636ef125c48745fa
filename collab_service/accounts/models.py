from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: a local account, or an Open edX user first seen through its JWT.

    Platform admins are superusers; every other power comes from memberships.
    """

    full_name = models.CharField(_("full name"), max_length=255, blank=True)
    lms_user_id = models.PositiveBigIntegerField(
        _("Open edX user id"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Set for people who come from the Open edX LMS."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser
