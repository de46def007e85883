"""The pages the accessibility and HTML checks visit: every public page template, and the admin's main pages."""

from events.models import Conference
from participants.models import Country, Organization, Person
from sessions.models import Session, Statement

CHECKED_LANGUAGES = ("en", "ru")

# Templates of whole pages (not fragments, not the PDF): a new one must be visited by the checks below.
PUBLIC_PAGE_TEMPLATES = {
    "home.html",
    "404.html",
    "500.html",
    "events/archive.html",
    "events/conference_detail.html",
    "events/search.html",
    "participants/country_detail.html",
    "participants/organization_detail.html",
    "participants/person_detail.html",
    "proceedings/being_prepared.html",
    "events/research/series.html",
    "events/research/participation.html",
    "events/research/statement_cite.html",
}


def public_pages(language):
    """Paths of every public page template in `language`, on the demo edition."""
    conference = Conference.objects.get(slug="cabmi-17")
    first_statement = Statement.objects.filter(session__conference=conference).order_by("session__order", "order").first()
    speaker = first_statement.speaker
    organization = Organization.objects.filter(roles__conference=conference).order_by("pk").first()
    prefix = f"/{language}"
    return [
        f"{prefix}/",
        f"{prefix}/conferences/",
        f"{prefix}/conferences/cabmi-17/",
        f"{prefix}/search/?q=border",
        f"{prefix}/search/?q=nothing-matches-this",
        f"{prefix}/people/{speaker.slug}/",
        f"{prefix}/organizations/{organization.slug}/",
        f"{prefix}/countries/{Country.objects.get(code='UZ').code.lower()}/",
        f"{prefix}/no-such-page/",
        f"{prefix}/series/cabmi/",
        f"{prefix}/series/cabmi/participation/",
        f"{prefix}/conferences/cabmi-17/statements/{first_statement.pk}/cite/",
    ]


def admin_pages():
    """The admin's main pages for the Secretariat (the login page is checked signed out)."""
    conference = Conference.objects.get(slug="cabmi-17")
    session = Session.objects.filter(conference=conference).order_by("order").first()
    person = Person.objects.order_by("pk").first()
    return [
        "/admin/",
        "/admin/events/conference/",
        f"/admin/events/conference/{conference.pk}/change/",
        f"/admin/events/conference/{conference.pk}/history/",
        "/admin/events/conference/import/",
        "/admin/programme/session/",
        f"/admin/programme/session/{session.pk}/change/",
        "/admin/programme/statement/",
        "/admin/participants/person/",
        f"/admin/participants/person/{person.pk}/change/",
        "/admin/participants/organization/",
    ]
