import datetime
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import translation

from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ["en", "ru", "uz", "kk", "ky", "tg", "tk"]


@pytest.fixture(autouse=True)
def _records_written_in_english():
    with translation.override("en"):
        yield


def sitemap_files(client):
    """The files the index at /sitemap.xml names, read in order."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    files = []
    for location in ET.fromstring(index.content).findall("sm:sitemap/sm:loc", NS):
        response = client.get(urlsplit(location.text).path, dict(parse_qsl(urlsplit(location.text).query)))
        assert response.status_code == 200
        files.append(response)
    return files


def sitemap(client):
    """(all the files' text, {address: <url> element}) over every file of the index."""
    files = sitemap_files(client)
    urls = {url.find("sm:loc", NS).text: url for response in files for url in ET.fromstring(response.content).findall("sm:url", NS)}
    return SimpleNamespace(content=b"".join(response.content for response in files)), urls


def alternates(url):
    return {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}


def test_sitemap_lists_every_page_in_every_language_with_alternates(client):
    conference = ConferenceFactory(published=True, edition=17, country=country("UZ"))
    statement = StatementFactory(session__conference=conference, speaker__slug="aliya-karimova",
                                 organization__slug="osce", country=None)

    response, urls = sitemap(client)

    paths = ["/", "/conferences/", "/conferences/cabmi-17/", "/people/aliya-karimova/", "/organizations/osce/", "/countries/uz/"]
    assert sorted(urls) == sorted(f"http://testserver/{lang}{path}" for lang in LANGUAGES for path in paths)
    expected = {lang: f"http://testserver/{lang}/conferences/cabmi-17/" for lang in LANGUAGES}
    expected["x-default"] = "http://testserver/en/conferences/cabmi-17/"
    assert alternates(urls["http://testserver/ru/conferences/cabmi-17/"]) == expected
    assert statement.speaker.slug in response.content.decode()


def test_sitemap_lastmod_is_the_latest_published_change(client):
    conference = ConferenceFactory(published=True, edition=17)
    StatementFactory(session__conference=conference, speaker__slug="aliya-karimova")

    _response, urls = sitemap(client)

    day = conference.updated_at.date().isoformat()
    assert urls["http://testserver/en/conferences/cabmi-17/"].find("sm:lastmod", NS).text == day
    assert urls["http://testserver/kk/people/aliya-karimova/"].find("sm:lastmod", NS).text == day
    assert urls["http://testserver/en/"].find("sm:lastmod", NS).text == day


def test_sitemap_lists_parents_of_organizations_on_record(client):
    parent = OrganizationFactory(slug="osce")
    RoleFactory(conference=ConferenceFactory(published=True), organization=OrganizationFactory(slug="osce-tashkent", parent=parent))

    _response, urls = sitemap(client)

    assert "http://testserver/en/organizations/osce/" in urls
    assert "http://testserver/en/organizations/osce-tashkent/" in urls


def test_sitemap_leaves_out_drafts_and_what_only_drafts_name(client):
    ConferenceFactory(published=True, edition=17, start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))
    draft = ConferenceFactory(edition=18, country=country("TM"))
    StatementFactory(session__conference=draft, speaker__slug="draft-speaker", organization__slug="draft-org", country=None)
    RoleFactory(conference=draft, organization=OrganizationFactory(slug="draft-role-org"))
    ParticipationFactory(conference=draft, country=country("AF"))

    response, urls = sitemap(client)

    body = response.content.decode()
    for word in ("cabmi-18", "draft-speaker", "draft-org", "draft-role-org", "/countries/tm/", "/countries/af/"):
        assert word not in body
    assert "http://testserver/en/countries/uz/" in urls


@pytest.mark.parametrize("editions", [1, 40])
def test_sitemap_query_count_is_constant(client, django_assert_max_num_queries, editions):
    for conference in ConferenceFactory.create_batch(editions, published=True):
        SessionFactory(conference=conference, statements=1)

    # The index counts each kind's pages; each file counts and reads its own page.
    with django_assert_max_num_queries(30):
        _response, urls = sitemap(client)

    assert len(urls) == 7 * (2 + editions + editions + editions + 1)


def test_sitemap_alternates_are_those_the_page_itself_lists(client):
    ConferenceFactory(published=True, edition=17)

    _response, urls = sitemap(client)
    page = client.get("/ru/conferences/cabmi-17/").content.decode()

    for hreflang, href in alternates(urls["http://testserver/ru/conferences/cabmi-17/"]).items():
        assert f'<link rel="alternate" hreflang="{hreflang}" href="{href}">' in page


def test_sitemap_is_an_index_of_files_each_within_the_limit(client, monkeypatch):
    from cabmi_portal.sitemaps import PortalSitemap

    monkeypatch.setattr(PortalSitemap, "limit", 10)
    session = SessionFactory(conference=ConferenceFactory(published=True))
    for n in range(3):
        StatementFactory(session=session, speaker__slug=f"speaker-{n}", organization=None, country=None)

    files = sitemap_files(client)
    index = ET.fromstring(client.get("/sitemap.xml").content)

    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    people = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS) if "/sitemap-people.xml" in loc.text]
    assert people == ["http://testserver/sitemap-people.xml", "http://testserver/sitemap-people.xml?p=2", "http://testserver/sitemap-people.xml?p=3"]
    assert all(len(ET.fromstring(response.content).findall("sm:url", NS)) <= 10 for response in files)
    assert sum(len(ET.fromstring(response.content).findall("sm:url", NS)) for response in files) == 7 * 7


def test_sitemap_lists_a_new_address_on_the_next_request_in_every_alternate(client):
    speaker = StatementFactory(session__conference=ConferenceFactory(published=True), speaker__slug="aliya-karimova").speaker
    sitemap(client)

    speaker.slug = "aliya-karimova-kz"
    speaker.save()
    response, urls = sitemap(client)

    assert "aliya-karimova/" not in response.content.decode()
    assert alternates(urls["http://testserver/tg/people/aliya-karimova-kz/"]) == {
        **{lang: f"http://testserver/{lang}/people/aliya-karimova-kz/" for lang in LANGUAGES},
        "x-default": "http://testserver/en/people/aliya-karimova-kz/",
    }
