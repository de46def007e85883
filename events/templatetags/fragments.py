"""{% statement_fragments statements %}: the edition page's statements, each cached under its records (cabmi_portal.fragments)."""

from django import template
from django.utils.safestring import mark_safe

from cabmi_portal.fragments import render_fragments

register = template.Library()


def statement_records(statement):
    """Everything events/_statement.html shows: the statement, its speaker and its delegation."""
    return (statement, statement.speaker, statement.organization, statement.country)


@register.simple_tag(takes_context=True)
def statement_fragments(context, statements):
    fragment = context.template.engine.get_template("events/_statement.html")
    parts = render_fragments(fragment, context, list(statements), "statement", statement_records)
    return mark_safe("".join(parts))
