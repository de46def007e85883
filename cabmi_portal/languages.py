"""The portal's languages, and the English fallback of translated fields, as plain Python.

Every list of the portal's language codes, every base language of a code
such as ``pt-br`` and every "this text is shown in English" decision comes
from here: the template tags, the feed, search, the iCalendar, the PDF, the
importer and the admin call these functions rather than reading
``settings.LANGUAGES`` or splitting codes themselves.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

# The language every record is written in first, and what every other language falls back to.
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def language_codes():
    """["en", "ru", "uz", "kk", "ky", "tg", "tk"]: the portal's languages, in the order of the settings."""
    return [code for code, _name in settings.LANGUAGES]


def language_names():
    """{code: the language's own name}, e.g. {"ru": "Русский"}."""
    return dict(settings.LANGUAGES)


def translation_languages():
    """Every portal language but the default one: the languages translators fill in."""
    return [code for code in language_codes() if code != DEFAULT_LANGUAGE]


def base_language(code):
    """ "pt-br" -> "pt", "RU" -> "ru"; no code at all is the default language."""
    return (code or DEFAULT_LANGUAGE).split("-")[0].lower()


def current_language():
    """The base language of the active translation (the page's language, or the one a command overrides)."""
    return base_language(get_language())


@dataclass
class Localized:
    """A translated field's text as shown, the language it is really in, and whether that is the English fallback."""

    text: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def localize(obj, field):
    """The field's text in the active language, or in English with is_fallback set."""
    language = current_language()
    own = getattr(obj, f"{field}_{language}", None) or ""
    if own or language == DEFAULT_LANGUAGE:
        return Localized(own, language, False)
    english = getattr(obj, f"{field}_{DEFAULT_LANGUAGE}", None) or ""
    return Localized(english, DEFAULT_LANGUAGE, bool(english))
