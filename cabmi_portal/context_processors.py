"""What every page's layout needs: the same page in each language, and the site's name."""

from functools import lru_cache

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .languages import current_language, language_names

SITE_DESCRIPTION = _(
    "The record of the Central Asia Border Management Initiative conferences, organized by the OSCE and UNODC: "
    "editions, programmes, statements and participants."
)


# OpenGraph names a locale as language_TERRITORY: each language with the state that speaks it.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "uz": "uz_UZ", "kk": "kk_KZ", "ky": "ky_KG", "tg": "tg_TJ", "tk": "tk_TM"}


# The query parameters a page reads: only these carry over to the page in another language. Any
# other parameter changes nothing on any page, so it cannot be used to skip the page cache.
PAGE_PARAMETERS = {"events:archive": ("series", "country", "year", "page"), "search": ("q", "page")}
# A page reads the last value of a parameter, and search the first 200 characters of its words: the links to the page in
# other languages carry that value, at most this long, so that a long or repeated parameter is not copied into the
# page fourteen times over.
LONGEST_PARAMETER = 500


@lru_cache(maxsize=4096)
def translated_paths(view_name, args, kwargs):
    """[(code, name, path)] of one address in every portal language; reversed once per process."""
    paths = []
    for code, name in language_names().items():
        with translation.override(code):
            paths.append((code, name, reverse(view_name, args=args, kwargs=dict(kwargs))))
    return paths


def language_versions(request):
    """[(code, name, absolute url)] of the current page in every portal language."""
    origin = f"{request.scheme}://{request.get_host()}"
    match = request.resolver_match
    if match is None or not match.view_name:
        paths = [(code, name, translate_url(request.path, code)) for code, name in language_names().items()]
    else:
        paths = translated_paths(match.view_name, tuple(match.args), tuple(sorted(match.captured_kwargs.items())))
    query = page_query(request, match.view_name if match else None)
    return [(code, name, f"{origin}{path}{query}") for code, name, path in paths]


def page_query(request, view_name):
    """The page's own query parameters as "?…", or ""."""
    kept = QueryDict(mutable=True)
    for name in PAGE_PARAMETERS.get(view_name, ()):
        if name in request.GET:
            kept[name] = request.GET[name][:LONGEST_PARAMETER]
    return f"?{kept.urlencode()}" if kept else ""


def portal(request):
    versions = language_versions(request)
    current = current_language()
    return {
        "language_versions": versions,
        "x_default_url": dict((code, url) for code, _name, url in versions)[settings.LANGUAGE_CODE],
        "current_language": current,
        "og_locale": OG_LOCALES.get(current, current),
        "og_alternate_locales": [locale for code, locale in OG_LOCALES.items() if code != current],
        "canonical_url": f"{request.scheme}://{request.get_host()}{request.path}",
        "site_name": settings.SITE_NAME,
        "site_description": SITE_DESCRIPTION,
    }
