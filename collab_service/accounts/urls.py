from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from collab_service.accounts import views
from collab_service.accounts.forms import OutboxPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("lms/login/", views.lms_login, name="lms_login"),
    # The LMS's OAuth2 application has PUBLIC_URL + this path as its redirect URI.
    path("lms/complete/", views.lms_complete, name="lms_complete"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=OutboxPasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/set/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_set.html",
            success_url=reverse_lazy("accounts:password_set_done"),
        ),
        name="password_set",
    ),
    path(
        "password/set/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_set_done.html"
        ),
        name="password_set_done",
    ),
]
