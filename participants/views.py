"""Pages of a person, an organization and a participating state across published editions.

Only what published editions show is shown: a person, organization or
state that appears in drafts alone answers 404, so a draft never leaks
through these pages.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from events.models import Conference, Participation, Role
from sessions.models import Statement

from .models import Country, Organization, Person


def published_statements():
    return (
        Statement.objects.published()
        .select_related("speaker", "organization", "country", "session", "session__conference", "session__conference__series")
        .order_by("-session__conference__start_date", "session__conference_id", "session__order", "session__id", "order", "id")
    )


def published_roles():
    return Role.objects.published().select_related("conference", "conference__series").order_by(
        "-conference__start_date", "order", "id"
    )


def published_participations():
    return Participation.objects.published().select_related("conference", "conference__series").order_by(
        "-conference__start_date", "order", "id"
    )


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    statements = list(published_statements().filter(speaker=person))
    if not statements:
        raise Http404
    return render(request, "participants/person_detail.html", {
        "person": person, "statements": statements, "page_title": person.name,
    })


@require_safe
def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.visible().select_related("parent", "country"), slug=slug)
    children = Organization.objects.visible().filter(parent=organization).order_by("name", "id")
    parent_visible = organization.parent_id and Organization.objects.visible().filter(pk=organization.parent_id).exists()
    return render(request, "participants/organization_detail.html", {
        "organization": organization,
        "parent": organization.parent if parent_visible else None,
        # Imported records skip form validation: only web addresses become links.
        "website": organization.website if organization.website.startswith(("https://", "http://")) else "",
        "children": list(children),
        "roles": list(published_roles().filter(organization=organization)),
        "participations": list(published_participations().filter(organization=organization)),
        "statements": list(published_statements().filter(organization=organization)),
        "page_title": organization.name,
    })


@require_safe
def country_detail(request, code):
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404
    if code != code.lower():
        # Addresses use the lower-case code; an upper-case one is sent there once and for all.
        return redirect("participants:country", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    context = {
        "country": country,
        "hosted": list(Conference.objects.published().filter(country=country).select_related("series", "country")),
        "roles": list(published_roles().filter(country=country)),
        "participations": list(published_participations().filter(country=country)),
        "statements": list(published_statements().filter(country=country)),
        "page_title": country.name,
    }
    if not any(context[name] for name in ("hosted", "roles", "participations", "statements")):
        raise Http404
    return render(request, "participants/country_detail.html", context)
