from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseMeetingsApp(models.Model):
    """Whether a course shows its meetings and consultations tab: the course app's own state,
    switched in Studio's "Pages & resources" (the platform keeps only a cache of it)."""

    course_id = models.CharField(_("course"), max_length=255, unique=True)
    enabled = models.BooleanField(_("enabled"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("meetings course app")
        verbose_name_plural = _("meetings course apps")

    def __str__(self) -> str:
        return f"{self.course_id}: {'on' if self.enabled else 'off'}"
