"""What every page's layout needs: the same page in each language, and the site's name."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import gettext_lazy as _

from .languages import current_language, language_names

SITE_DESCRIPTION = _(
    "The record of the Central Asia Border Management Initiative conferences, organized by the OSCE and UNODC: "
    "editions, programmes, statements and participants."
)


# OpenGraph names a locale as language_TERRITORY: each language with the state that speaks it.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "uz": "uz_UZ", "kk": "kk_KZ", "ky": "ky_KG", "tg": "tg_TJ", "tk": "tk_TM"}


def language_versions(request):
    """[(code, name, absolute url)] of the current page in every portal language."""
    path = request.get_full_path()
    return [(code, name, request.build_absolute_uri(translate_url(path, code))) for code, name in language_names().items()]


def portal(request):
    versions = language_versions(request)
    current = current_language()
    return {
        "language_versions": versions,
        "x_default_url": dict((code, url) for code, _name, url in versions)[settings.LANGUAGE_CODE],
        "current_language": current,
        "og_locale": OG_LOCALES.get(current, current),
        "og_alternate_locales": [locale for code, locale in OG_LOCALES.items() if code != current],
        "canonical_url": request.build_absolute_uri(request.path),
        "site_name": settings.SITE_NAME,
        "site_description": SITE_DESCRIPTION,
    }
