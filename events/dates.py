"""Dates and date ranges written the way each portal language writes them.

Django's own DATE_FORMAT is US-style in English ("Dec. 13, 2022"), puts the
month first in Kazakh and appends the Russian "г." in Turkmen; babel's CLDR
intervals abbreviate month names. Neither writes a conference's dates as the
secretariat does ("13–15 December 2022", "13–15 декабря 2022 г."), so each
language's order is spelled out here, with month names from CLDR (babel),
which gives the genitive where a language needs it.
"""

from babel.dates import format_date
from django.utils.translation import get_language

from cabmi_portal.languages import base_language

# For each language: how a day and month are written, and how a year is
# attached to them. {d} is a day or a day range, {m} the month name.
PATTERNS = {
    "en": ("{d} {m}", "{dm} {y}"),
    "ru": ("{d} {m}", "{dm} {y} г."),
    "uz": ("{d}-{m}", "{dm}, {y}-yil"),
    "kk": ("{d} {m}", "{y} ж. {dm}"),
    "ky": ("{d}-{m}", "{y}-ж., {dm}"),
    "tg": ("{d} {m}", "{dm} {y}"),
    "tk": ("{d} {m}", "{dm} {y}"),
}
CLDR_LOCALES = {"en": "en_GB"}
# CLDR capitalizes Tajik month names; Tajik writes them in lower case.
LOWER_CASE_MONTHS = {"tg"}
EN_DASH = "\u2013"


def _language(language=None):
    language = base_language(language or get_language())
    return language if language in PATTERNS else "en"


def _month(value, language):
    name = format_date(value, "MMMM", locale=CLDR_LOCALES.get(language, language))
    return name.lower() if language in LOWER_CASE_MONTHS else name


def _day_month(day, value, language):
    return PATTERNS[language][0].format(d=day, m=_month(value, language))


def _with_year(day_month, year, language):
    return PATTERNS[language][1].format(dm=day_month, y=year)


def format_day(value, language=None):
    """One date in full: "13 December 2022", "13 декабря 2022 г."."""
    language = _language(language)
    return _with_year(_day_month(value.day, value, language), value.year, language)


def format_range(start, end, language=None):
    """A span of days, sharing the month and year where they are the same."""
    language = _language(language)
    if end is None or start == end:
        return format_day(start, language)
    if start.year != end.year:
        return f"{format_day(start, language)} {EN_DASH} {format_day(end, language)}"
    if start.month != end.month:
        both = f"{_day_month(start.day, start, language)} {EN_DASH} {_day_month(end.day, end, language)}"
        return _with_year(both, start.year, language)
    days = f"{start.day}{EN_DASH}{end.day}"
    return _with_year(_day_month(days, start, language), start.year, language)
