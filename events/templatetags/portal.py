"""Template helpers of the public pages: dates as each language writes them, and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events import dates

register = template.Library()

# On a page, the abbreviation for "year" stays on the line of its year.
YEAR_MARKS = (" г.", " ж.")
# The characters that could end a <script> element or start markup inside it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def date_range(start, end=None):
    """{% date_range conference.start_date conference.end_date %}: "13–15 December 2022"."""
    if start is None:
        return ""
    return keep_year_marks(dates.format_range(start, end))


def keep_year_marks(text):
    for mark in YEAR_MARKS:
        text = text.replace(mark, "\u00a0" + mark.lstrip())
    return text


@register.filter
def long_date(value):
    """{{ session.date|long_date }}: "13 December 2022", "13 декабря 2022 г."."""
    return keep_year_marks(dates.format_day(value)) if value else ""


@register.simple_tag
def time_range(start, end=None):
    """Times on the 24-hour clock used by every portal language: "10:00–12:30"."""
    if start is None:
        return ""
    text = start.strftime("%H:%M")
    if end is not None and end != start:
        text += "\u2013" + end.strftime("%H:%M")
    return text


@register.filter
def jsonld(data):
    """{{ data|jsonld }}: a schema.org block, escaped so no text can close the script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
