"""Pages of a person, an organization and a participating state across published editions.

Only what published editions show is shown: a person, organization or
state that appears in drafts alone answers 404, so a draft never leaks
through these pages.
"""

from collections import Counter

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from cabmi_portal.cache import cached_page_view
from cabmi_portal.fragments import page_kept_by_state
from cabmi_portal.validators import is_web_url
from events.models import Participation, Role
from events.queries import in_language, published_edition_rows, records_of, row_states, row_states_together, states_of
from events.research.matrix import published_editions, rows_of
from events.statement_fragments import listed_from, listed_read, listed_statements

from .models import Country, Organization, Person


# Each reads the translated columns of the page's language and English only (events.queries.in_language).
def published_roles():
    roles = Role.objects.published().select_related("conference", "conference__series")
    return in_language(roles.order_by("-conference__start_date", "order", "id"), get_language())


def published_participations():
    participations = Participation.objects.published().select_related("conference", "conference__series")
    return in_language(participations.order_by("-conference__start_date", "order", "id"), get_language())


PERSON_TEMPLATE = "participants/person_detail.html"


def person_rows():
    return Person.objects.order_by("id")


def person_states(slug, language):
    """(the states of what a person's page shows: the person and the published statements with all they show, (the
    person's states, the statements)); Http404 for no one, or for one who spoke at no published edition."""
    people = row_states(person_rows, (), language, slug=slug)
    if not people:
        raise Http404
    values, states = people[0]
    statements = listed_statements(language, speaker_id=values["id"])
    if not statements:
        raise Http404
    return [*states, *statements.states()], (states, statements)


@require_safe
@cached_page_view("person")
def person_detail(request, slug):
    # Kept under the state of what it shows (cabmi_portal.fragments.page_kept_by_state): an edit elsewhere leaves it.
    def render_page(read):
        states, statements = read
        person = records_of(states, ())
        return render(request, PERSON_TEMPLATE, {"person": person, "statements": statements, "page_title": person.name})

    return page_kept_by_state(request, PERSON_TEMPLATE, lambda: person_states(slug, get_language()), render_page)


def party_records(party, **party_filter):
    """The party's published roles, participations and statements, and its rows of the participation matrix."""
    records = {
        "roles": list(published_roles().filter(**party_filter)),
        "participations": list(published_participations().filter(**party_filter)),
        "statements": listed_statements(get_language(), **party_filter),
    }
    editions = published_editions(get_language())
    spoken = Counter(session["conference_id"] for session in records["statements"].related_columns("session"))
    return editions, {**records, "matrix_rows": rows_of(party, editions, records["roles"], records["participations"], spoken)}


def published_role_rows():
    return Role.objects.published().order_by("-conference__start_date", "order", "id")


def published_participation_rows():
    return Participation.objects.published().order_by("-conference__start_date", "order", "id")


def party_reads(language, related, **party_filter):
    """What row_states_together() reads of the published roles, then participations, of a state or organization, with
    `related`."""
    return [(rows_of, related, language, party_filter) for rows_of in (published_role_rows, published_participation_rows)]


def country_states(code, language):
    """(the states of what a state's page shows: the state, every published edition with its series and host state
    (the page lists those it hosted, and its tables of attendance have a column for each), its published roles,
    participations and statements with all they show, None); Http404 for a state on record nowhere."""
    countries, editions, roles, participations, statement_rows = row_states_together(
        (country_rows, (), language, {"code": code}),
        (published_edition_rows, ("series", "country"), language, {}),
        *party_reads(language, ("organization",), country_id=code),
        listed_read(language, country_id=code),
    )
    if not countries:
        raise Http404
    hosted = [values for values, _states in editions if values["country_id"] == code]
    parts, statements = roles + participations, listed_from(statement_rows, editions)
    if not (hosted or parts or statements):
        raise Http404
    return [*countries[0][1], *states_of(editions), *states_of(parts), *statements.states()], None


ORGANIZATION_TEMPLATE = "participants/organization_detail.html"


def organization_rows():
    return Organization.objects.order_by("id")


def visible_organization_rows():
    return Organization.objects.visible().order_by("name", "id")


def on_record_organization_rows():
    return Organization.objects.on_record().order_by("id")


def organization_states(slug, language):
    """(the states of what an organization's page shows: the organization with its parent and country, every published
    edition with its series and host state (its tables of attendance have a column for each), its published roles,
    participations and statements with all they show, its offices shown and whether its parent is, None); Http404 for
    one on record nowhere, itself or through an office."""
    organizations = row_states(organization_rows, ("parent", "country"), language, slug=slug)
    if not organizations:
        raise Http404
    values, states = organizations[0]
    # Its offices and its parent are shown where they are on record, or the parent of one that is.
    parent = [(visible_organization_rows, (), language, {"id": values["parent_id"]})] if values["parent_id"] is not None else []
    editions, roles, participations, statement_rows, shown, *parents = row_states_together(
        (published_edition_rows, ("series", "country"), language, {}),
        *party_reads(language, (), organization_id=values["id"]),
        listed_read(language, organization_id=values["id"]),
        (visible_organization_rows, (), language, {"parent_id": values["id"]}),
        *parent,
    )
    parts, statements = roles + participations, listed_from(statement_rows, editions)
    if not (parts or statements or row_states(on_record_organization_rows, (), language, parent_id=values["id"])):
        raise Http404
    shown += [row for rows in parents for row in rows]
    return [*states, *states_of(editions), *states_of(parts), *states_of(shown), *statements.states()], None


@require_safe
@cached_page_view("organization")
def organization_detail(request, slug):
    # Kept under the state of what it shows (cabmi_portal.fragments.page_kept_by_state): an edit elsewhere leaves it.
    return page_kept_by_state(request, ORGANIZATION_TEMPLATE, lambda: organization_states(slug, get_language()),
                              lambda _read: render_organization(request, slug))


def render_organization(request, slug):
    language = get_language()
    organization = get_object_or_404(in_language(Organization.objects.select_related("parent", "country"), language), slug=slug)
    _editions, records = party_records(organization, organization=organization)
    on_record = any(records[name] for name in ("roles", "participations", "statements"))
    # Shown when on record, or as the organization of one on record (a field office's); so is its parent.
    if not (on_record or Organization.objects.on_record().filter(parent=organization).exists()):
        raise Http404
    parent = organization.parent
    parent_visible = parent and (on_record or Organization.objects.visible().filter(pk=parent.pk).exists())
    children = list(in_language(Organization.objects.filter(parent=organization).order_by("name", "id"), language))
    if children:
        # Most organizations have no offices: the costly visibility test runs only for those that have.
        shown = set(Organization.objects.visible().filter(parent=organization).values_list("pk", flat=True))
        children = [child for child in children if child.pk in shown]
    return render(request, ORGANIZATION_TEMPLATE, {
        "organization": organization,
        "parent": parent if parent_visible else None,
        # Imported records skip form validation: only web addresses become links.
        "website": organization.website if is_web_url(organization.website) else "",
        "children": children,
        **records,
        "page_title": organization.name,
    })


COUNTRY_TEMPLATE = "participants/country_detail.html"


def country_rows():
    return Country.objects.order_by("code")


@require_safe
@cached_page_view("country")
def country_detail(request, code):
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404
    if code != code.lower():
        # Addresses use the lower-case code; an upper-case one is sent there once and for all.
        return redirect("participants:country", code=code.lower(), permanent=True)

    # Kept under the state of what it shows (cabmi_portal.fragments.page_kept_by_state): an edit elsewhere leaves it.
    def render_page(_read):
        country = get_object_or_404(Country, code=code.upper())
        editions, records = party_records(country, country=country)
        hosted = [edition for edition in editions if edition.country_id == country.pk]
        for edition in hosted:
            edition.country = country
        # Newest first, as the archive lists them.
        hosted = sorted(sorted(hosted, key=lambda edition: edition.pk), key=lambda edition: edition.start_date, reverse=True)
        if not (hosted or any(records[name] for name in ("roles", "participations", "statements"))):
            raise Http404
        return render(request, COUNTRY_TEMPLATE, {"country": country, "hosted": hosted, **records, "page_title": country.name})

    return page_kept_by_state(request, COUNTRY_TEMPLATE, lambda: country_states(code.upper(), get_language()), render_page)
