"""The OAI-PMH 2.0 repository of published editions, served by the `oaipmh` library's BatchingServer.

Each published edition is one record, identified `oai:<host>:<slug>`, in the
set of its series, with Dublin Core metadata in every language the record has
(each value tagged with xml:lang). An edition that was published once and is
a draft again is answered as deleted, with no content; a draft never
published does not exist here. Datestamps are the record's last change, in
UTC, to the second.
"""

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from lxml.etree import SubElement
from oaipmh import common, error
from oaipmh.metadata import MetadataRegistry
from oaipmh.server import NS_DC, NS_OAIDC, NS_XSI, BatchingServer

from cabmi_portal.languages import language_codes
from events.models import Conference, Role, Series

BATCH_SIZE = 50
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ORGANIZING = (Role.Kind.ORGANIZER, Role.Kind.CO_ORGANIZER)
DC_FIELDS = ("title", "creator", "subject", "description", "publisher", "date", "type", "format", "identifier", "language",
             "relation", "coverage", "rights")


def naive_utc(moment):
    return timezone.make_naive(moment, datetime.UTC).replace(microsecond=0) if timezone.is_aware(moment) else moment


def aware(moment):
    return timezone.make_aware(moment, datetime.UTC) if moment is not None and timezone.is_naive(moment) else moment


def harvestable():
    """Published editions, and those published once and withdrawn since (answered as deleted)."""
    return Conference.objects.published() | Conference.objects.filter(published_at__isnull=False)


def oai_dc_writer(element, metadata):
    """oai_dc with one element per value; a value given as (language, text) carries xml:lang."""
    dc = SubElement(element, f"{{{NS_OAIDC}}}dc", nsmap={"oai_dc": NS_OAIDC, "dc": NS_DC, "xsi": NS_XSI})
    dc.set(f"{{{NS_XSI}}}schemaLocation", f"{NS_OAIDC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    values = metadata.getMap()
    for name in DC_FIELDS:
        for value in values.get(name, []):
            node = SubElement(dc, f"{{{NS_DC}}}{name}")
            if isinstance(value, tuple):
                node.set(XML_LANG, value[0])
                value = value[1]
            # Characters XML cannot carry (controls, lone surrogates) are left out rather than failing the answer.
            node.text = NOT_XML.sub("", value)


class Repository:
    """The IBatchingOAI interface over the portal's editions; `absolute_url` makes a path a full address."""

    def __init__(self, host, absolute_url):
        self.namespace = host.split(":")[0] or "localhost"
        self.absolute_url = absolute_url

    def identifier(self, conference):
        return f"oai:{self.namespace}:{conference.slug}"

    def slug_of(self, identifier):
        prefix = f"oai:{self.namespace}:"
        if not identifier.startswith(prefix):
            raise error.IdDoesNotExistError(identifier)
        return identifier[len(prefix):]

    def identify(self):
        earliest = harvestable().order_by("updated_at").values_list("updated_at", flat=True).first()
        return common.Identify(
            repositoryName=str(settings.SITE_NAME),
            baseURL=self.absolute_url(reverse("oai")),
            protocolVersion="2.0",
            adminEmails=[settings.OAI_ADMIN_EMAIL],
            earliestDatestamp=naive_utc(earliest) if earliest else datetime.datetime(2000, 1, 1),
            deletedRecord="persistent",
            granularity="YYYY-MM-DDThh:mm:ssZ",
            compression=["identity"],
        )

    def listMetadataFormats(self, identifier=None):  # noqa: N802 (the library's interface)
        if identifier is not None:
            self.conference(identifier)
        return [("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", NS_OAIDC)]

    def listSets(self, cursor=0, batch_size=10):  # noqa: N802
        series = Series.objects.filter(conferences__in=harvestable()).distinct().order_by("code")
        return [(item.code.lower(), item.name or item.code, None) for item in series[cursor:cursor + batch_size]]

    def conference(self, identifier):
        try:
            return harvestable().select_related("series", "country").get(slug=self.slug_of(identifier))
        except Conference.DoesNotExist:
            raise error.IdDoesNotExistError(identifier) from None

    def header(self, conference):
        return common.Header(None, self.identifier(conference), naive_utc(conference.updated_at), [conference.series.code.lower()],
                             not conference.is_published)

    def selected(self, metadataPrefix, set=None, from_=None, until=None):  # noqa: N803, A002
        self.check_format(metadataPrefix)
        editions = harvestable().select_related("series", "country").prefetch_related("roles__organization", "roles__country")
        if set is not None:
            editions = editions.filter(series__code__iexact=set)
        if from_ is not None:
            editions = editions.filter(updated_at__gte=aware(from_))
        if until is not None:
            editions = editions.filter(updated_at__lte=aware(until))
        return editions.order_by("updated_at", "id")

    def check_format(self, prefix):
        if prefix != "oai_dc":
            raise error.CannotDisseminateFormatError(prefix)

    def listIdentifiers(self, metadataPrefix, set=None, from_=None, until=None, cursor=0, batch_size=10):  # noqa: N802, N803, A002
        found = list(self.selected(metadataPrefix, set, from_, until)[cursor:cursor + batch_size])
        if not found and cursor == 0:
            raise error.NoRecordsMatchError("No edition matches.")
        return [self.header(conference) for conference in found]

    def listRecords(self, metadataPrefix, set=None, from_=None, until=None, cursor=0, batch_size=10):  # noqa: N802, N803, A002
        found = list(self.selected(metadataPrefix, set, from_, until)[cursor:cursor + batch_size])
        if not found and cursor == 0:
            raise error.NoRecordsMatchError("No edition matches.")
        return [self.record(conference) for conference in found]

    def getRecord(self, metadataPrefix, identifier):  # noqa: N802, N803
        self.check_format(metadataPrefix)
        return self.record(self.conference(identifier))

    def record(self, conference):
        header = self.header(conference)
        if header.isDeleted():
            return header, None, None
        return header, common.Metadata(None, dublin_core(conference, self.absolute_url)), None


def in_languages(record, field):
    """[(language, text)] of a translated field, for every language that has text."""
    found = []
    for code in language_codes():
        text = getattr(record, f"{field}_{code}", "") or ""
        if text and text not in [value for _lang, value in found if _lang == code]:
            found.append((code, text))
    return found


def dublin_core(conference, absolute_url):
    titles = in_languages(conference, "title")
    parties = [role.party for role in conference.roles.all() if role.role in ORGANIZING]
    relation = []
    for code in language_codes():
        if any(language == code for language, _text in titles):
            with translation.override(code):
                relation.append(absolute_url(reverse("events:proceedings", kwargs={"slug": conference.slug})))
    with translation.override("en"):
        page = absolute_url(conference.get_absolute_url())
    coverage = in_languages(conference, "city") + (in_languages(conference.country, "name") if conference.country_id else [])
    return {
        "title": titles,
        "creator": [value for party in parties for value in in_languages(party, "name")],
        "publisher": [value for party in parties for value in in_languages(party, "name")],
        "subject": [value for value in (conference.series.code, conference.series.name) if value],
        "description": in_languages(conference, "summary"),
        "date": [conference.start_date.isoformat()],
        "type": ["Event"],
        "format": ["text/html", "application/pdf"],
        "identifier": [page, absolute_url(reverse("data:conference_json", kwargs={"slug": conference.slug}))],
        "language": [language for language, _text in titles],
        "relation": relation,
        "coverage": coverage,
    }


def repository_server(host, absolute_url):
    registry = MetadataRegistry()
    registry.registerWriter("oai_dc", oai_dc_writer)
    return BatchingServer(Repository(host, absolute_url), metadata_registry=registry, resumption_batch_size=BATCH_SIZE)
