"""Translations for the blocks.

Each block ships its own catalogue (``<block package>/translations/<lang>/LC_MESSAGES/text.mo``).
The platform's i18n service only finds catalogues under the top-level package of a block's
module, which both blocks share, so each block reads its own catalogue first and asks the
runtime's i18n service for anything its catalogue lacks.
"""

import gettext
from datetime import datetime
from functools import lru_cache
from importlib import resources

from django.conf import settings
from django.utils import formats, translation

DOMAIN = "text"


def current_language() -> str:
    """The language of the current request, as a primary subtag ("pl", "en")."""
    language = translation.get_language() or getattr(settings, "LANGUAGE_CODE", "") or "en"
    return language.split("-")[0].lower()


@lru_cache(maxsize=32)
def _catalogue(package: str, language: str) -> gettext.NullTranslations:
    localedir = str(resources.files(package) / "translations")
    return gettext.translation(
        DOMAIN, localedir=localedir, languages=[translation.to_locale(language)], fallback=True
    )


class Translator:
    """gettext/ngettext for one block in the current language."""

    def __init__(self, package: str, service=None) -> None:
        self.language = current_language()
        self._own = _catalogue(package, self.language)
        self._service = service

    def gettext(self, message: str) -> str:
        text = self._own.gettext(message)
        if text == message and self._service is not None:
            return self._service.gettext(message)
        return text

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        text = self._own.ngettext(singular, plural, count)
        if text in (singular, plural) and self._service is not None:
            return self._service.ngettext(singular, plural, count)
        return text

    def date(self, moment: datetime, pattern: str) -> str:
        """Format with Django's localised names (Polish months in the genitive with "E")."""
        with translation.override(self.language):
            text = formats.date_format(moment, pattern)
        # Polish writes weekdays and months in lower case inside a sentence.
        return text[:1].lower() + text[1:] if self.language == "pl" else text


def gettext_noop(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message
