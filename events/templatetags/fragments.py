"""Statements rendered once and cached under their records (cabmi_portal.fragments).

{% statement_fragments statements %}: the edition page's statements.
{% listed_statement_fragments statements show_speaker %}: the statements listed on a person's,
an organization's or a country's page, each with its edition and session.
"""

from django import template
from django.utils.safestring import mark_safe

from cabmi_portal.fragments import render_fragments

register = template.Library()


def statement_records(statement):
    """The records events/_statement.html shows: the statement, its speaker and its delegation; its edition's address is the variant."""
    return (statement, statement.speaker, statement.organization, statement.country)


@register.simple_tag(takes_context=True)
def statement_fragments(context, statements):
    """One session's statements; their links name the edition's address, which the staff may change."""
    statements = list(statements)
    fragment = context.template.engine.get_template("events/_statement.html")
    edition = (statements[0].session.conference.slug,) if statements else ()
    parts = render_fragments(fragment, context, statements, "statement", statement_records, edition)
    return mark_safe("".join(parts))


def listed_statement_records(statement):
    """Everything participants/_statement_item.html shows: the statement, its speaker, delegation, session and edition."""
    session = statement.session
    return (statement, statement.speaker, statement.organization, statement.country, session, session.conference)


@register.simple_tag(takes_context=True)
def listed_statement_fragments(context, statements, show_speaker):
    fragment = context.template.engine.get_template("participants/_statement_item.html")
    parts = render_fragments(fragment, context, list(statements), "statement", listed_statement_records, (bool(show_speaker),))
    return mark_safe("".join(parts))
