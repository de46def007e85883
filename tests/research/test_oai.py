"""Harvest /oai as a library catalogue would, with the oaipmh client."""

import datetime

import pytest
from django.test import Client as DjangoClient
from oaipmh import error
from oaipmh.client import Client
from oaipmh.metadata import MetadataRegistry, oai_dc_reader

from events.models import Conference
from events.research import oai
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


class HarvestingClient(Client):
    """The library's client, asking the portal through Django's test client instead of the network."""

    def __init__(self):
        registry = MetadataRegistry()
        registry.registerReader("oai_dc", oai_dc_reader)
        super().__init__("http://testserver/oai", registry)
        self.web = DjangoClient()

    def makeRequest(self, **kw):  # noqa: N802
        response = self.web.get("/oai", kw)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/xml")
        return response.content


@pytest.fixture
def harvester():
    return HarvestingClient()


def test_identify_and_formats_and_sets(harvester, series_record):
    identify = harvester.identify()
    assert identify.protocolVersion() == "2.0"
    assert identify.baseURL() == "http://testserver/oai"
    assert identify.deletedRecord() == "persistent"
    assert identify.granularity() == "YYYY-MM-DDThh:mm:ssZ"
    assert [prefix for prefix, _schema, _ns in harvester.listMetadataFormats()] == ["oai_dc"]
    assert [spec for spec, _name, _description in harvester.listSets()] == ["cabmi"]


def test_get_record_has_dublin_core_in_each_language(harvester, series_record):
    _first, second, _draft = series_record
    header, metadata, _about = harvester.getRecord(metadataPrefix="oai_dc", identifier=f"oai:testserver:{second.slug}")
    assert not header.isDeleted()
    assert header.setSpec() == ["cabmi"]
    assert second.title in metadata["title"] and second.title_ru in metadata["title"]
    assert metadata["date"] == ["2021-06-01"]
    assert metadata["language"] == ["en", "ru"]
    assert f"http://testserver/en/conferences/{second.slug}/" in metadata["identifier"]
    raw = DjangoClient().get("/oai", {"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                      "identifier": f"oai:testserver:{second.slug}"}).content.decode()
    assert f'<dc:title xml:lang="ru">{second.title_ru}</dc:title>' in raw


def test_list_records_pages_with_resumption_tokens_and_never_shows_drafts(harvester, series_record, monkeypatch):
    monkeypatch.setattr(oai, "BATCH_SIZE", 2)
    for edition in range(30, 35):
        ConferenceFactory(published=True, edition=edition)
    ConferenceFactory(edition=99, title="Never published draft")
    first_page = DjangoClient().get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content.decode()
    assert "<resumptionToken" in first_page
    records = list(harvester.listRecords(metadataPrefix="oai_dc"))
    identifiers = [header.identifier() for header, _metadata, _about in records]
    assert len(identifiers) == 7 == len(set(identifiers))
    assert "oai:testserver:cabmi-18" not in identifiers and "oai:testserver:cabmi-99" not in identifiers
    assert len(list(harvester.listIdentifiers(metadataPrefix="oai_dc", set="cabmi"))) == 7


def test_selective_harvesting_by_datestamp(harvester, series_record):
    first, second, _draft = series_record
    Conference.objects.filter(pk=first.pk).update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    Conference.objects.filter(pk=second.pk).update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    recent = [h.identifier() for h in harvester.listIdentifiers(metadataPrefix="oai_dc", from_=datetime.datetime(2023, 1, 1))]
    assert recent == [f"oai:testserver:{second.slug}"]
    older = [h.identifier() for h in harvester.listIdentifiers(metadataPrefix="oai_dc", until=datetime.datetime(2021, 1, 1))]
    assert older == [f"oai:testserver:{first.slug}"]


def test_an_unpublished_edition_is_a_deleted_record_without_content(harvester, series_record):
    first, _second, _draft = series_record
    Conference.objects.filter(pk=first.pk).update(status=Conference.Status.DRAFT)
    header, metadata, _about = harvester.getRecord(metadataPrefix="oai_dc", identifier=f"oai:testserver:{first.slug}")
    assert header.isDeleted() and metadata is None
    raw = DjangoClient().get("/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content.decode()
    assert first.title not in raw and 'status="deleted"' in raw


def test_error_answers(harvester, series_record):
    _first, _second, draft = series_record
    with pytest.raises(error.BadVerbError):
        harvester.makeRequestErrorHandling(verb="Harvest")
    with pytest.raises(error.BadArgumentError):
        harvester.makeRequestErrorHandling(verb="ListRecords")
    with pytest.raises(error.BadArgumentError):
        harvester.makeRequestErrorHandling(verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2021-13-45"})
    with pytest.raises(error.CannotDisseminateFormatError):
        harvester.makeRequestErrorHandling(verb="ListRecords", metadataPrefix="marcxml")
    with pytest.raises(error.IdDoesNotExistError):
        harvester.makeRequestErrorHandling(verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:testserver:{draft.slug}")
    with pytest.raises(error.BadResumptionTokenError):
        harvester.makeRequestErrorHandling(verb="ListRecords", resumptionToken="garbage")
    repeated = DjangoClient().get("/oai?verb=ListSets&verb=Identify").content.decode()
    assert 'code="badVerb"' in repeated


def test_text_xml_cannot_carry_is_left_out_rather_than_failing(harvester, series_record):
    _first, second, _draft = series_record
    Conference.objects.filter(pk=second.pk).update(title="Title\x0bwith a vertical tab")
    _header, metadata, _about = harvester.getRecord(metadataPrefix="oai_dc", identifier=f"oai:testserver:{second.slug}")
    assert "Titlewith a vertical tab" in metadata["title"]
