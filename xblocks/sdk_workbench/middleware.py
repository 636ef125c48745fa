"""``?lang=pl`` or ``?lang=en`` switches the workbench's language and remembers it."""

from django.conf import settings
from django.utils import translation


class LanguageFromQuery:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.GET.get("lang", "")
        chosen = language in dict(settings.LANGUAGES)
        if chosen:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if chosen:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response
