"""Show a translated field in the active language, marking English fallback.

Where a record has no text in the page's language, the English text is
shown instead. Readers (and screen readers) must know that, without a note
after every phrase: each fallback element carries lang="en" and the class
"fallback" (a quiet dotted mark in the web and print CSS), and one short
note per page, or per PDF chapter, in the page's own language, says that
text so marked is in English. The note appears only where something was
marked: {% fallback_scope %} renders its content first, then puts the note
where {% fallback_note %} stands (or at the top).

People's names and acronyms are not translated but written in a script:
{% name %} gives them lang="en" when only the English spelling is recorded,
with no mark and no note.
"""

import re
import secrets

from babel import Locale
from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cabmi_portal.languages import base_language, current_language, localize

register = template.Library()
SCOPE = "_fallback_scope"
NUMBER_SUFFIX = re.compile(r"(\d+-\w+)")


class FallbackScope:
    def __init__(self):
        self.used = False
        self.placeholder = f"<!--fallback-note-{secrets.token_hex(8)}-->"


def mark_fallback(context):
    scope = context.get(SCOPE)
    if scope is not None:
        scope.used = True


def note_html():
    """The note in the page's language, itself tagged with that language."""
    return format_html(
        '<p class="fallback-note" lang="{}">{}</p>',
        current_language(),
        gettext("Some text here is not yet translated: it is shown in English and marked with a dotted line."),
    )


class FallbackScopeNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        scope = FallbackScope()
        with context.push({SCOPE: scope}):
            content = self.nodelist.render(context)
        note = note_html() if scope.used else ""
        if scope.placeholder in content:
            return mark_safe(content.replace(scope.placeholder, note, 1).replace(scope.placeholder, ""))
        return mark_safe(note + content)


@register.tag
def fallback_scope(parser, token):
    """{% fallback_scope %}…{% endfallback_scope %}: one note for all the English fallback inside, if there is any."""
    nodelist = parser.parse(("endfallback_scope",))
    parser.delete_first_token()
    return FallbackScopeNode(nodelist)


@register.simple_tag(takes_context=True)
def fallback_note(context):
    """Where the enclosing scope's note goes."""
    scope = context.get(SCOPE)
    return mark_safe(scope.placeholder) if scope is not None else ""


@register.simple_tag
def localized(obj, field):
    """{% localized conference "summary" as summary %}: a Localized value for templates that lay it out themselves."""
    return localize(obj, field)


@register.simple_tag(takes_context=True)
def text(context, obj, field):
    """{% text conference "title" %}: inline text, marked when it is the English fallback."""
    value = localize(obj, field)
    if not value.is_fallback:
        return value.text
    mark_fallback(context)
    return format_html('<span class="fallback" lang="{}">{}</span>', value.lang, value.text)


@register.simple_tag
def name(obj, field="name"):
    """{% name person %}, {% name organization "acronym" %}: a name, never marked; lang="en" when only the English spelling exists."""
    value = localize(obj, field)
    if not value.is_fallback:
        return value.text
    return format_html('<span lang="{}">{}</span>', value.lang, value.text)


@register.simple_tag(takes_context=True)
def paragraphs(context, obj, field, css_class="prose"):
    """{% paragraphs conference "body" %}: plain text split on blank lines into <p>, marked when English fallback."""
    value = localize(obj, field)
    if not value.text:
        return ""
    parts = [p.strip() for p in value.text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    inner = format_html_join("", "<p>{}</p>", ((p,) for p in parts))
    if value.is_fallback:
        mark_fallback(context)
        return format_html('<div class="{} fallback" lang="{}">{}</div>', css_class, value.lang, inner)
    return format_html('<div class="{}">{}</div>', css_class, inner)


@register.simple_tag(takes_context=True)
def fallback_marker(context):
    """For templates that mark English text themselves (class="fallback"): counts it towards the page's note."""
    mark_fallback(context)
    return ""


@register.simple_tag
def translation_note(statement, css_class="statement__translation"):
    """ "Translation. Original language: English." when the text shown is not in the language the statement was made in."""
    shown = localize(statement, "text")
    if not shown.text or not statement.original_language or base_language(statement.original_language) == shown.lang:
        return ""
    page = current_language()
    original = base_language(statement.original_language)
    language_name = Locale.parse(page).languages.get(original, original)
    note = gettext("Translation. Original language: %(language)s.") % {"language": language_name}
    return format_html('<p class="{}" lang="{}">{}</p>', css_class, page, note)


@register.filter
def keep_number_suffix(html):
    """ "17-konferensiyasi" kept on one line: a number and its suffix are never broken apart."""
    return mark_safe(NUMBER_SUFFIX.sub(r'<span class="nowrap">\1</span>', conditional_escape(html)))
