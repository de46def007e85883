"""Show a translated field in the active language, marking English fallback.

Where a record has no text in the page's language, modeltranslation falls
back to English. Readers (and screen readers) must know that: the text is
wrapped in an element with lang="en" and followed by a small note saying it
is not yet available in the page's language. Web pages and PDF templates
both use these tags.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from cabmi_portal.languages import current_language, language_names, localize

register = template.Library()


def fallback_note():
    language = current_language()
    name = language_names().get(language, language)
    return format_html(' <small class="fallback-note">({})</small>', gettext("not yet available in %(language)s") % {"language": name})


@register.simple_tag
def localized(obj, field):
    """{% localized conference "summary" as summary %}: a Localized value for templates that lay it out themselves."""
    return localize(obj, field)


@register.simple_tag
def text(obj, field):
    """{% text conference "title" %}: inline text, marked when it is the English fallback."""
    value = localize(obj, field)
    if not value.is_fallback:
        return value.text
    return format_html('<span lang="{}">{}</span>{}', value.lang, value.text, fallback_note())


@register.simple_tag
def paragraphs(obj, field, css_class="prose"):
    """{% paragraphs conference "body" %}: plain text split on blank lines into <p>, marked when English fallback."""
    value = localize(obj, field)
    if not value.text:
        return ""
    parts = [p.strip() for p in value.text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    inner = format_html_join("", "<p>{}</p>", ((p,) for p in parts))
    if value.is_fallback:
        return format_html('<div class="{}" lang="{}">{}<p>{}</p></div>', css_class, value.lang, inner, fallback_note())
    return format_html('<div class="{}">{}</div>', css_class, inner)


@register.simple_tag
def fallback_marker():
    """The note alone, for templates that mark fallback themselves."""
    return fallback_note()
