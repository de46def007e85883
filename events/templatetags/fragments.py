"""Sessions and statements rendered once and cached under their records (cabmi_portal.fragments, events.statement_fragments).

{% session_fragments edition_statements sessions %}: an edition page's sessions (events/_session.html), each with
{% statement_fragments edition_statements session %}: its statements.
{% listed_statement_fragments statements show_speaker %}: the statements listed on a person's,
an organization's or a country's page, each with its edition and session.
{% fragment "template.html" records %}: a part of a page, included as it is, cached under its records.
"""

from django import template
from django.utils.safestring import mark_safe

from cabmi_portal.fragments import fragments_by_key, joined, key_of_states, record_state
from events.statement_fragments import session_fragments as edition_session_fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def session_fragments(context, statements, sessions):
    return mark_safe(joined(context, edition_session_fragments(context, sessions, statements)))


@register.simple_tag(takes_context=True)
def statement_fragments(context, statements, session):
    """One session's statements on its edition's page (events.statement_fragments.edition_statements)."""
    # The edition's address is in each statement's "cite" link: a new address is a new fragment.
    pks = statements.grouped("session_id").get(session.pk, ())
    return mark_safe(joined(context, statements.fragments(context, (session.conference.slug,), pks)))


@register.filter
def statement_count(statements, session):
    """{% if edition_statements|statement_count:session %}: how many statements the session shows."""
    return len(statements.grouped("session_id").get(session.pk, ()))


@register.simple_tag(takes_context=True)
def listed_statement_fragments(context, statements, show_speaker):
    """The statements on a person's, an organization's or a state's page (events.statement_fragments.listed_statements)."""
    return mark_safe(joined(context, statements.fragments(context, (bool(show_speaker),), statements.grouped("id"))))


@register.simple_tag(takes_context=True)
def fragment(context, template_name, records):
    """The template included as {% include %} would, cached under the states of `records`: every record whose
    columns it shows. What else it shows of the context must depend on them alone (or on the language)."""
    template = context.template.engine.get_template(template_name)
    key = key_of_states(template_name, [record_state(record) for record in records])
    found = fragments_by_key(template, context, "fragment_records", [key], lambda missing: {key: records})
    return mark_safe(joined(context, [found[key]]))
