"""Statements rendered once and cached under their records (cabmi_portal.fragments).

{% statement_fragments edition_statements session %}: one session's statements on the edition page.
{% listed_statement_fragments statements show_speaker %}: the statements listed on a person's,
an organization's or a country's page, each with its edition and session.
"""

from django import template
from django.utils.safestring import mark_safe

from cabmi_portal.fragments import render_fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def statement_fragments(context, edition_statements, session):
    """One session's statements on its edition's page (events.edition_statements)."""
    return mark_safe(edition_statements.of(context, session))


@register.filter
def statement_count(edition_statements, session):
    """{% if edition_statements|statement_count:session %}: whether the session has statements to show."""
    return edition_statements.count(session)


def listed_statement_records(statement):
    """Everything participants/_statement_item.html shows: the statement, its speaker, delegation, session and edition."""
    session = statement.session
    return (statement, statement.speaker, statement.organization, statement.country, session, session.conference)


@register.simple_tag(takes_context=True)
def listed_statement_fragments(context, statements, show_speaker):
    fragment = context.template.engine.get_template("participants/_statement_item.html")
    parts = render_fragments(fragment, context, list(statements), "statement", listed_statement_records, (bool(show_speaker),))
    return mark_safe("".join(parts))
