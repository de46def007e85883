"""Public pages come from the page cache, and show an edit, a publication or a withdrawal on the next request."""

import datetime
import os

import pytest
from django.db import transaction

from events.models import Conference
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, SessionFactory, StatementFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return published_edition()


def published_edition():
    """The 17th edition, published, with one statement by Helga Schmid for the OSCE."""
    conference = ConferenceFactory(published=True, slug="cabmi-17", title="17th CABMI Conference", country=country("UZ"),
                                   start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))
    StatementFactory(session=SessionFactory(conference=conference), speaker=PersonFactory(slug="helga-schmid", name="Helga Schmid"),
                     organization=OrganizationFactory(slug="osce", name="OSCE"))
    return conference


PAGES = {
    "home": "/en/",
    "archive": "/en/conferences/",
    "edition": "/en/conferences/cabmi-17/",
    "person": "/en/people/helga-schmid/",
    "organization": "/en/organizations/osce/",
    "country": "/ru/countries/uz/",
}


@pytest.mark.parametrize("page", PAGES)
def test_public_page_is_served_from_the_cache_without_a_query(client, edition, page, django_assert_num_queries):
    rendered = client.get(PAGES[page])
    assert rendered.status_code == 200

    with django_assert_num_queries(0):
        cached = client.get(PAGES[page])

    assert cached.status_code == 200
    assert cached.content == rendered.content
    assert cached["Content-Type"] == rendered["Content-Type"]


@pytest.mark.parametrize("page", ["home", "archive", "person", "organization", "country"])
def test_public_page_shows_an_edit_of_the_edition_on_the_next_request(client, edition, page):
    client.get(PAGES[page])
    edition.title, edition.title_ru = "17th CABMI Conference, corrected", "17-я конференция CABMI, исправлено"
    edition.save()

    html = client.get(PAGES[page]).content.decode()

    assert ("17-я конференция CABMI, исправлено" if page == "country" else "17th CABMI Conference, corrected") in html


def test_a_page_rendered_while_an_edit_was_uncommitted_is_not_served_after_the_commit(
        client, edition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        edition.title = "17th CABMI Conference, corrected"
        edition.save()
        # Another server, which cannot see the uncommitted edit yet, renders and caches the edition as it was.
        Conference.objects.filter(pk=edition.pk).update(title_en="17th CABMI Conference")
        assert "17th CABMI Conference</h1>" in client.get(PAGES["edition"]).content.decode()
        Conference.objects.filter(pk=edition.pk).update(title_en="17th CABMI Conference, corrected")

    assert "17th CABMI Conference, corrected" in client.get(PAGES["edition"]).content.decode()


def test_person_and_organization_pages_show_their_renamed_record(client, edition):
    client.get(PAGES["person"]), client.get(PAGES["organization"])
    statement = edition.sessions.get().statements.get()
    statement.speaker.name = "Helga Maria Schmid"
    statement.speaker.save()
    statement.organization.name = "Organization for Security and Co-operation in Europe"
    statement.organization.save()

    assert "Helga Maria Schmid" in client.get(PAGES["person"]).content.decode()
    assert "Organization for Security and Co-operation in Europe" in client.get(PAGES["organization"]).content.decode()


def test_country_page_shows_a_name_in_use_saved_by_the_secretariat(client, edition, admin_client):
    assert "Узбекистан" in client.get(PAGES["country"]).content.decode()

    name_in_use = {"country": "UZ", "language": "ru", "name": "Республика Узбекистан"}
    response = admin_client.post("/admin/participants/countryname/add/", name_in_use)

    assert response.status_code == 302
    assert "Республика Узбекистан" in client.get(PAGES["country"]).content.decode()


@pytest.mark.parametrize("page", ["person", "organization", "country", "edition"])
def test_withdrawn_edition_takes_its_pages_away_at_once(client, edition, page):
    assert client.get(PAGES[page]).status_code == 200
    edition.status = Conference.Status.DRAFT
    edition.save()

    assert client.get(PAGES[page]).status_code == 404
    assert "17th CABMI Conference" not in client.get(PAGES["home"]).content.decode()


def test_a_page_that_was_not_found_is_found_once_its_edition_is_published(client, edition):
    edition.status = Conference.Status.DRAFT
    edition.save()
    assert client.get(PAGES["person"]).status_code == 404

    edition.status = Conference.Status.PUBLISHED
    edition.save()

    assert client.get(PAGES["person"]).status_code == 200


def test_unknown_parameters_neither_skip_the_cache_nor_reach_the_page(client, edition, django_assert_num_queries):
    plain = {name: client.get(address).content for name, address in PAGES.items()}

    with django_assert_num_queries(0):
        answers = {name: client.get(address, {"x": "1", "utm_source": "<b>feed</b>"}) for name, address in PAGES.items()}

    for name, response in answers.items():
        assert response.content == plain[name], name
        assert b"utm_source" not in response.content and b"x=1" not in response.content, name


def test_archive_filters_are_rendered_each_time_and_never_stored(client, edition, django_assert_num_queries):
    client.get("/en/conferences/")
    for _ in range(2):
        filtered = client.get("/en/conferences/", {"year": "2021", "x": "1"})
        assert "17th CABMI Conference" not in filtered.content.decode()
    with django_assert_num_queries(0):
        assert "17th CABMI Conference" in client.get("/en/conferences/").content.decode()


def test_archive_pages_carry_their_filters_but_no_other_parameter(client):
    for edition in range(25):
        ConferenceFactory(published=True, start_date=datetime.date(2000 + edition, 6, 1), end_date=datetime.date(2000 + edition, 6, 2))

    html = client.get("/en/conferences/", {"series": "cabmi", "x": "1"}).content.decode()
    ru_version = client.get("/ru/conferences/", {"series": "CABMI", "x": "1"}).content.decode()

    assert 'href="?series=cabmi&amp;page=2"' in html
    assert "x=1" not in html
    assert 'hreflang="en" href="http://testserver/en/conferences/?series=CABMI"' in ru_version


def test_sitemap_files_are_served_from_the_cache_with_their_own_headers(client, edition, django_assert_num_queries):
    for address in ("/sitemap.xml", "/sitemap-people.xml"):
        rendered = client.get(address)
        with django_assert_num_queries(0):
            cached = client.get(address)
        assert cached.content == rendered.content
        assert cached["Content-Type"] == rendered["Content-Type"] == "application/xml"
        assert cached["X-Robots-Tag"] == rendered["X-Robots-Tag"]


def test_sitemap_pages_are_kept_apart_and_a_page_beyond_the_last_is_not_kept(client, edition, monkeypatch):
    from cabmi_portal.sitemaps import PortalSitemap

    monkeypatch.setattr(PortalSitemap, "limit", 7)
    StatementFactory(session=edition.sessions.get(), speaker=PersonFactory(slug="ashita-mittal", name="Ashita Mittal"), organization=None)
    first, second = client.get("/sitemap-people.xml").content.decode(), client.get("/sitemap-people.xml", {"p": "2"}).content.decode()
    assert ("helga-schmid" in first) != ("helga-schmid" in second)
    assert ("ashita-mittal" in first) != ("ashita-mittal" in second)
    assert client.get("/sitemap-people.xml", {"p": "3"}).status_code == 404

    StatementFactory(session=edition.sessions.get(), speaker=PersonFactory(slug="third-speaker"), organization=None)

    assert "third-speaker" in client.get("/sitemap-people.xml", {"p": "3"}).content.decode()


def test_a_page_asked_for_over_https_names_its_https_address_not_the_one_cached_over_http(client, edition):
    client.get(PAGES["person"])

    html = client.get(PAGES["person"], secure=True).content.decode()

    assert '<link rel="canonical" href="https://testserver/en/people/helga-schmid/">' in html


def test_forgetting_cached_pages_renders_each_afresh(client, edition):
    from django.core.management import call_command

    client.get(PAGES["home"])
    Conference.objects.filter(pk=edition.pk).update(title="Changed outside the portal")  # no signal: the cache cannot know
    assert "Changed outside the portal" not in client.get(PAGES["home"]).content.decode()

    call_command("forget_cached_pages", stdout=open(os.devnull, "w"))

    assert "Changed outside the portal" in client.get(PAGES["home"]).content.decode()


def test_a_page_first_asked_for_with_head_is_whole_on_the_next_get(client, edition):
    assert client.head(PAGES["person"]).status_code == 200

    response = client.get(PAGES["person"])

    assert "Helga Schmid" in response.content.decode() and response.content.rstrip().endswith(b"</html>")


def test_page_numbers_written_another_way_are_answered_but_never_stored(client, edition, django_assert_max_num_queries):
    client.get("/sitemap-people.xml", {"p": "1"})
    for written in ("01", " 1", "0001"):
        client.get("/sitemap-people.xml", {"p": written})
        with django_assert_max_num_queries(100) as captured:
            assert client.get("/sitemap-people.xml", {"p": written}).status_code == 200
        assert len(captured) > 0, f"p={written!r} was kept in the cache"


@pytest.mark.parametrize("host", ["localhost:1", "localhost:2", "LocalHost", "testserver:8080"])
def test_a_host_written_another_way_is_answered_but_never_stored(client, edition, host, django_assert_max_num_queries):
    # Every port and every spelling of an allowed host is accepted: kept, they would fill the cache at will.
    client.get(PAGES["person"], HTTP_HOST=host)
    with django_assert_max_num_queries(100) as captured:
        response = client.get(PAGES["person"], HTTP_HOST=host)

    assert response.status_code == 200 and "Helga Schmid" in response.content.decode()
    assert len(captured) > 0, f"the page for Host: {host} was kept in the cache"


def test_the_hosts_the_site_is_configured_for_are_cached(client, edition, settings, django_assert_num_queries):
    settings.ALLOWED_HOSTS = ["portal.example", "127.0.0.1"]
    for host, port in (("portal.example", "80"), ("127.0.0.1:8000", "8000")):
        client.get(PAGES["person"], HTTP_HOST=host, SERVER_PORT=port)
        with django_assert_num_queries(0):
            assert client.get(PAGES["person"], HTTP_HOST=host, SERVER_PORT=port).status_code == 200
