"""The sitemap: every public page of published content, in all seven languages.

/sitemap.xml is an index of one sitemap per kind of page (/sitemap-people.xml,
…), each paginated (?p=2) at PortalSitemap.limit addresses.

Each URL carries xhtml:link alternates for every language and x-default,
the same alternates each page's <head> lists. Only what published editions
show is listed: people, organizations and states appear when a published
edition names them (the pages themselves answer 404 otherwise). lastmod is
the latest change to a published edition the page shows.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import get_language

from events.models import Conference, Participation, Role
from participants.models import Country, Organization, Person
from sessions.models import Statement


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Addresses per file (each with eight alternates): far below the protocol's 50,000, so that a
    # file of people from many 300-statement editions stays small and quick to build. A full file
    # took 0.6-0.7 s under gunicorn on a loaded machine (benchmarks/pages.py): under a second.
    limit = 1000

    @cached_property
    def addresses(self):
        return {}

    def location(self, record):
        # Each record is listed once per language, each time with its address in all seven: asked for
        # 8 × 7 times in one file, an address is worked out once (the sitemap is made anew per request).
        key = (record.pk, get_language())
        if key not in self.addresses:
            self.addresses[key] = record.get_absolute_url()
        return self.addresses[key]

    def get_urls(self, page=1, site=None, protocol=None):
        # Django points x-default at the address without a language prefix; the
        # pages' own <link hreflang="x-default"> name the English page, and the
        # sitemap must say the same as the pages.
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            english = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}.get(settings.LANGUAGE_CODE)
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and english:
                    alternate["location"] = english
        return urls


def latest_by(queryset, key, changed):
    """{key: latest change} over queryset's rows, one query."""
    return dict(queryset.values_list(key).annotate(latest=Max(changed)).values_list(key, "latest"))


def merge_latest(*mappings):
    merged = {}
    for mapping in mappings:
        for key, value in mapping.items():
            if key is not None and (key not in merged or value > merged[key]):
                merged[key] = value
    return merged


class StaticPagesSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "events:archive"]

    def location(self, name):
        return reverse(name)

    @cached_property
    def latest_change(self):
        return Conference.objects.published().aggregate(latest=Max("updated_at"))["latest"]

    def lastmod(self, name):
        return self.latest_change


class EditionSitemap(PortalSitemap):
    changefreq = "yearly"

    def items(self):
        return Conference.objects.published().order_by("-start_date", "id").only("slug", "updated_at")

    def lastmod(self, conference):
        return conference.updated_at


class PersonSitemap(PortalSitemap):
    def items(self):
        spoken = Statement.objects.published().filter(speaker=OuterRef("pk")).order_by("-session__conference__updated_at")
        latest = Subquery(spoken.values("session__conference__updated_at")[:1])
        return Person.objects.visible().annotate(latest=latest).order_by("slug").only("slug")

    def lastmod(self, person):
        return person.latest


class OrganizationSitemap(PortalSitemap):
    @cached_property
    def latest(self):
        on_record = merge_latest(
            latest_by(Role.objects.published(), "organization", "conference__updated_at"),
            latest_by(Participation.objects.published(), "organization", "conference__updated_at"),
            latest_by(Statement.objects.published(), "organization", "session__conference__updated_at"),
        )
        # A parent organization's page lists its field offices, so it changes with them.
        offices = Organization.objects.filter(pk__in=list(on_record)).exclude(parent=None).values_list("parent", "pk")
        return merge_latest(on_record, *({parent: on_record[office]} for parent, office in offices))

    def items(self):
        return Organization.objects.visible().order_by("slug").only("slug")

    def lastmod(self, organization):
        return self.latest.get(organization.pk)


class CountrySitemap(PortalSitemap):
    @cached_property
    def latest(self):
        return merge_latest(
            latest_by(Conference.objects.published(), "country", "updated_at"),
            latest_by(Role.objects.published(), "country", "conference__updated_at"),
            latest_by(Participation.objects.published(), "country", "conference__updated_at"),
            latest_by(Statement.objects.published(), "country", "session__conference__updated_at"),
        )

    def items(self):
        return list(Country.objects.visible().order_by("code").only("code"))

    def lastmod(self, country):
        return self.latest.get(country.pk)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "editions": EditionSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "countries": CountrySitemap,
}
