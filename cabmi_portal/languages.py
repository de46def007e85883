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


# The script each portal language is written in here (Uzbek and Turkmen in Latin, the others in Cyrillic or Latin).
SCRIPTS = {"en": "latn", "ru": "cyrl", "uz": "latn", "kk": "cyrl", "ky": "cyrl", "tg": "cyrl", "tk": "latn"}


def portal_language(tag):
    """The portal's code for a language tag from outside ("uz", "uz-UZ", "uz_Latn" -> "uz"), or None.

    A tag naming another script ("uz-Cyrl") is not the portal's language.
    """
    parts = [part.lower() for part in (tag or "").strip().replace("_", "-").split("-") if part]
    if not parts or parts[0] not in SCRIPTS:
        return None
    scripts = [part for part in parts[1:] if len(part) == 4]
    return parts[0] if all(script == SCRIPTS[parts[0]] for script in scripts) else None


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


# Languages a statement or a source may be in besides the portal's own: the other working languages of the
# organizations at the table and those of the region's neighbours and partners (Germany, Türkiye, Afghanistan).
OTHER_LANGUAGES = ("de", "fr", "tr", "fa", "ps", "zh", "ar", "es", "it")


def language_choices(keep=(), others=OTHER_LANGUAGES):
    """Choices for a field holding a language code: none, the portal's languages by their own names, then `others`
    named in the active language; each code of `keep` (a value already stored) not among them stays a choice."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(current_language()).languages
    except (ValueError, UnknownLocaleError):
        names = Locale("en").languages

    def named(code):
        name = names.get(code) or Locale("en").languages.get(code) or code
        return (code, f"{name[:1].upper()}{name[1:]}")

    own = list(language_names().items())
    listed = {code for code, _name in own} | set(others)
    kept = [code for code in dict.fromkeys(keep) if code and code not in listed]
    return [("", "—"), *own, *(named(code) for code in others), *((code, f"{named(code)[1]} ({code})") for code in kept)]
