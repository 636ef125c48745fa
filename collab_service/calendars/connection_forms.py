from django import forms
from django.utils.translation import gettext_lazy as _

from collab_service.calendars.models import CalendarConnection


class ConnectionForm(forms.Form):
    server_url = forms.URLField(
        label=_("CalDAV server address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("For example https://cloud.example.gov.pl/remote.php/dav for Nextcloud."),
    )
    username = forms.CharField(label=_("User name"), max_length=200, required=False)
    auth_kind = forms.ChoiceField(
        label=_("Sign-in method"),
        choices=CalendarConnection.AuthKind.choices,
        initial=CalendarConnection.AuthKind.PASSWORD,
        widget=forms.RadioSelect,
    )
    secret = forms.CharField(
        label=_("App password or access token"),
        max_length=2000,
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Create an app password in your calendar's settings; do not use your main password. "
            "It is stored encrypted. Leave empty to keep the stored one."
        ),
    )


class CalendarChoiceForm(forms.Form):
    events_calendar_url = forms.ChoiceField(label=_("Calendar for meetings and visits"))
    tasks_calendar_url = forms.ChoiceField(label=_("Calendar for tasks"))
    busy_calendar_urls = forms.MultipleChoiceField(
        label=_("Calendars whose events make you busy for citizens' visits"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, connection: CalendarConnection, **kwargs):
        super().__init__(*args, **kwargs)
        calendars = connection.discovered_calendars
        nothing = [("", _("Do not send"))]

        def accepting(component: str) -> list[tuple[str, str]]:
            return [(c["url"], c["name"]) for c in calendars if component in c["components"]]

        self.fields["events_calendar_url"].choices = nothing + accepting("VEVENT")
        self.fields["tasks_calendar_url"].choices = nothing + accepting("VTODO")
        self.fields["busy_calendar_urls"].choices = accepting("VEVENT")
        self.fields["events_calendar_url"].required = False
        self.fields["tasks_calendar_url"].required = False
        self.initial.update(
            {
                "events_calendar_url": connection.events_calendar_url,
                "tasks_calendar_url": connection.tasks_calendar_url,
                "busy_calendar_urls": connection.busy_calendar_urls,
            }
        )
