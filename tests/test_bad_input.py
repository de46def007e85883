"""Bad input on any public URL answers 404 or a helpful page, never a server error.

The test client re-raises any exception a view lets through, so a 500 fails
these tests loudly rather than hiding behind a status code.
"""

import datetime
import re

import pytest
from django.utils import translation

from tests.factories import ConferenceFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def edition(module_records):
    """Made once for the module: every test only reads it."""
    with translation.override("en"):
        conference = ConferenceFactory(published=True, edition=17, slug="cabmi-17",
                                       start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))
        StatementFactory(session=SessionFactory(conference=conference), speaker__slug="known-speaker")
        yield conference


UNKNOWN_RECORDS = [
    "/en/conferences/no-such-edition/",
    "/en/conferences/no-such-edition/programme.ics",
    "/en/conferences/no-such-edition/proceedings.pdf",
    "/data/conferences/no-such-edition.json",
    "/en/people/no-such-person/",
    "/en/organizations/no-such-organization/",
    "/en/countries/zz/",
    "/en/countries/uzb/",
    "/en/countries/u/",
    "/en/countries/%00/",
    "/en/conferences/%00/",
    "/en/people/%D0%B0%D0%B1/",
    "/en/organizations/..%2F..%2Fetc%2Fpasswd/",
    "/en/conferences/" + "a" * 400 + "/",
    "/ru/conferences/cabmi-17/nothing-here/",
    "/data/conferences/cabmi-17.xml",
]


@pytest.mark.parametrize("url", UNKNOWN_RECORDS)
def test_unknown_records_answer_404(client, url):
    assert client.get(url).status_code == 404


UNKNOWN_LANGUAGES = ["/fr/", "/xx/conferences/", "/EN/", "/en-us/", "/ru-ru/conferences/cabmi-17/", "/zz/search/?q=border",
                     "/de/feed.xml", "/fr/conferences/cabmi-17/programme.ics"]


@pytest.mark.parametrize("url", UNKNOWN_LANGUAGES)
def test_unknown_language_prefixes_answer_a_helpful_404(client, url):
    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    # A way on: a link to a home page of the portal.
    assert re.search(r'<a href="/(en|ru|uz|kk|ky|tg|tk)/"', html)


@pytest.mark.parametrize("url, location", [("/conferences/", "/en/conferences/"), ("/search/?q=border", "/en/search/?q=border")])
def test_addresses_without_a_language_are_sent_to_one(client, url, location):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == location


MALFORMED_QUERIES = [
    "/en/search/?q=%ZZ",
    "/en/search/?q=%00",
    "/en/search/?q=%FF%FE%FD",
    "/en/search/?q[]=border",
    "/en/search/?q=border&q=security",
    "/en/search/?q=border&page=",
    "/en/search/?page=abc",
    "/ru/search/?q=%E2%80%AE%0A%0D%09",
    "/en/search/?q=" + "%25" * 300,
    "/en/conferences/?country=%00&year=abcd",
    "/en/conferences/?country=" + "x" * 3000,
    "/en/conferences/?year=99999",
    "/en/conferences/?year=0000",
    "/en/conferences/cabmi-17/?page=x&lang=%00",
    "/en/conferences/cabmi-17/programme.ics?x=%ZZ",
    "/en/feed.xml?page=abc",
    "/data/conferences/cabmi-17.json?x=%00",
    "/en/?%00=%00",
    "/robots.txt?q=%ZZ",
    "/healthz?x=%00",
]


@pytest.mark.parametrize("url", MALFORMED_QUERIES)
def test_malformed_query_strings_are_answered(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", [
    "/en/search/?q=border&page=abc",
    "/en/search/?q=border&page=0",
    "/en/search/?q=border&page=-1",
    "/en/search/?q=border&page=2",
    "/en/search/?q=border&page=" + "9" * 40,
    "/en/conferences/?page=abc",
    "/en/conferences/?page=0",
    "/en/conferences/?page=" + "9" * 40,
    "/sitemap-editions.xml?p=abc",
    "/sitemap-editions.xml?p=99",
    "/sitemap-nothing.xml",
])
def test_page_numbers_that_are_not_pages_answer_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
def test_overlong_search_terms_are_shortened_with_a_note(client, language):
    response = client.get(f"/{language}/search/", {"q": "граница " * 2000})

    assert response.status_code == 200
    assert len(response.context["results"].query.text) == 200
    assert response.context["results"].query.terms == ["граница"]
    assert 'class="notice"' in response.content.decode()


@pytest.mark.parametrize("url", ["/en/search/", "/en/feed.xml", "/en/conferences/cabmi-17/programme.ics", "/healthz", "/robots.txt"])
def test_writing_to_read_only_addresses_is_refused(client, url):
    assert client.post(url, {"q": "border"}).status_code == 405
    assert client.head(url).status_code == 200


def test_root_with_an_unreadable_accept_language_goes_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="%%%;q=abc,,,*;q=")

    assert response.status_code == 302
    assert response["Location"] == "/en/"
