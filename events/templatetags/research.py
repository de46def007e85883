from django import template
from django.urls import reverse

from cabmi_portal.languages import current_language
from events.research import citations

register = template.Library()


@register.filter
def cells(matrix, row):
    """{% for cell in matrix|cells:row %}: a row's cells in edition order, None where the party was not there."""
    return matrix.cells(row)


@register.filter
def listed(value):
    """{% include ... with rows=row|listed %}: one item as a list."""
    return [value]


def _edition_citation(context, conference):
    request = context["request"]
    return citations.edition_item(conference, request.build_absolute_uri(conference.get_absolute_url()))


@register.inclusion_tag("events/research/_citation_meta.html", takes_context=True)
def citation_meta(context, conference, edition_statements):
    """Highwire Press citation_* and Dublin Core DC.* tags for an edition page's <head>."""
    request = context["request"]
    item = _edition_citation(context, conference)
    day = conference.start_date
    return {
        "item": item,
        "date": f"{day.year:04d}/{day.month:02d}/{day.day:02d}",
        "iso_date": day.isoformat(),
        "speakers": edition_statements.speaker_names(),
        "publishers": citations.organizers(conference),
        "pdf_url": request.build_absolute_uri(reverse("events:proceedings", kwargs={"slug": conference.slug})),
        "language": current_language(),
        "summary": citations.text(conference, "summary"),
    }


@register.inclusion_tag("events/research/_cite.html", takes_context=True)
def cite_box(context, conference):
    """The "Cite" section of an edition page: the reference in three styles and the downloads."""
    item = _edition_citation(context, conference)
    return {
        "citations": citations.formatted(item),
        "downloads": [(kind, reverse("events:cite", kwargs={"slug": conference.slug, "kind": kind})) for kind in citations.FORMATS],
        "heading_id": "cite-heading",
    }
