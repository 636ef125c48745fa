from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from collab_service.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "email", "lms_user_id", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    # Plain labelled widgets: Django's filter boxes and split date inputs fail WCAG checks.
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("SZPoN"), {"fields": ("full_name", "lms_user_id")}),
    )
