"""Pages of a person, an organization and a participating state across published editions.

Only what published editions show is shown: a person, organization or
state that appears in drafts alone answers 404, so a draft never leaks
through these pages.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from cabmi_portal.cache import cached_page_view
from cabmi_portal.validators import is_web_url
from events.models import Conference, Participation, Role
from events.queries import in_language
from events.research.matrix import rows_of
from sessions.models import Statement

from .models import Country, Organization, Person


# Each reads the translated columns of the page's language and English only (events.queries.in_language).
def published_statements():
    statements = (
        Statement.objects.published()
        .select_related("speaker", "organization", "country", "session", "session__conference", "session__conference__series")
        .order_by("-session__conference__start_date", "session__conference_id", "session__order", "session__id", "order", "id")
    )
    return in_language(statements, get_language())


def published_roles():
    roles = Role.objects.published().select_related("conference", "conference__series")
    return in_language(roles.order_by("-conference__start_date", "order", "id"), get_language())


def published_participations():
    participations = Participation.objects.published().select_related("conference", "conference__series")
    return in_language(participations.order_by("-conference__start_date", "order", "id"), get_language())


@require_safe
@cached_page_view("person")
def person_detail(request, slug):
    person = get_object_or_404(in_language(Person.objects.all(), get_language()), slug=slug)
    statements = list(published_statements().filter(speaker=person))
    if not statements:
        raise Http404
    return render(request, "participants/person_detail.html", {
        "person": person, "statements": statements, "page_title": person.name,
    })


@require_safe
@cached_page_view("organization")
def organization_detail(request, slug):
    language = get_language()
    organization = get_object_or_404(in_language(Organization.objects.visible().select_related("parent", "country"), language), slug=slug)
    children = in_language(Organization.objects.visible().filter(parent=organization).order_by("name", "id"), language)
    parent_visible = organization.parent_id and Organization.objects.visible().filter(pk=organization.parent_id).exists()
    return render(request, "participants/organization_detail.html", {
        "organization": organization,
        "parent": organization.parent if parent_visible else None,
        # Imported records skip form validation: only web addresses become links.
        "website": organization.website if is_web_url(organization.website) else "",
        "children": list(children),
        "roles": list(published_roles().filter(organization=organization)),
        "participations": list(published_participations().filter(organization=organization)),
        "statements": list(published_statements().filter(organization=organization)),
        "matrix_rows": rows_of(organization, get_language()),
        "page_title": organization.name,
    })


@require_safe
@cached_page_view("country")
def country_detail(request, code):
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404
    if code != code.lower():
        # Addresses use the lower-case code; an upper-case one is sent there once and for all.
        return redirect("participants:country", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    context = {
        "country": country,
        "hosted": list(in_language(Conference.objects.published().filter(country=country).select_related("series", "country"),
                                   get_language())),
        "roles": list(published_roles().filter(country=country)),
        "participations": list(published_participations().filter(country=country)),
        "statements": list(published_statements().filter(country=country)),
        "matrix_rows": rows_of(country, get_language()),
        "page_title": country.name,
    }
    if not any(context[name] for name in ("hosted", "roles", "participations", "statements")):
        raise Http404
    return render(request, "participants/country_detail.html", context)
