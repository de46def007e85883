"""Statements rendered once and cached under their records (cabmi_portal.fragments).

{% statement_fragments edition_statements session %}: one session's statements on the edition page.
{% listed_statement_fragments statements show_speaker %}: the statements listed on a person's,
an organization's or a country's page, each with its edition and session.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def statement_fragments(context, statements, session):
    """One session's statements on its edition's page (events.statement_fragments.edition_statements)."""
    # The edition's address is in each statement's "cite" link: a new address is a new fragment.
    html = statements.html(context, (session.conference.slug,))
    return mark_safe("".join(html[pk] for pk in statements.grouped("session_id").get(session.pk, ()) if pk in html))


@register.filter
def statement_count(statements, session):
    """{% if edition_statements|statement_count:session %}: how many statements the session shows."""
    return len(statements.grouped("session_id").get(session.pk, ()))


@register.simple_tag(takes_context=True)
def listed_statement_fragments(context, statements, show_speaker):
    """The statements on a person's, an organization's or a state's page (events.statement_fragments.listed_statements)."""
    html = statements.html(context, (bool(show_speaker),))
    return mark_safe("".join(html[pk] for pk in statements.grouped("id") if pk in html))
