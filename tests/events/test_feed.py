import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(autouse=True)
def _records_written_in_english():
    with translation.override("en"):
        yield


def feed(client, language="en"):
    response = client.get(f"/{language}/feed.xml")
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_feed_lists_published_editions_newest_first(client):
    older = ConferenceFactory(published=True, edition=16, start_date=datetime.date(2021, 12, 1), end_date=datetime.date(2021, 12, 2))
    newer = ConferenceFactory(published=True, edition=17, start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))
    ConferenceFactory(edition=18, title="Unpublished draft edition",
                      start_date=datetime.date(2023, 12, 1), end_date=datetime.date(2023, 12, 2))

    response, root = feed(client)

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [newer.title, older.title]
    assert [entry.find(f"{ATOM}id").text for entry in entries] == [
        "http://testserver/en/conferences/cabmi-17/", "http://testserver/en/conferences/cabmi-16/"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/en/conferences/cabmi-17/"
    assert entries[0].find(f"{ATOM}summary").text == (
        "CABMI 17 · 13–15 December 2022 · Tashkent, Uzbekistan. Border security challenges in the Central Asian region.")
    assert entries[0].find(f"{ATOM}updated").text == newer.updated_at.isoformat()
    assert b"Unpublished draft edition" not in response.content


def test_feed_is_in_the_language_of_its_address(client):
    ConferenceFactory(published=True, edition=17, start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))

    _response, root = feed(client, "ru")

    assert root.get(XML_LANG) == "ru"
    with translation.override("ru"):
        assert root.find(f"{ATOM}title").text == translation.gettext("CABMI conferences")
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "17-я конференция Инициативы по управлению границами в Центральной Азии"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/ru/conferences/cabmi-17/"
    assert entry.find(f"{ATOM}summary").text == (
        "CABMI 17 · 13–15 декабря 2022 г. · Ташкент, Узбекистан. Проблемы безопасности границ в Центральноазиатском регионе.")


def test_feed_falls_back_to_english_text(client):
    ConferenceFactory(published=True, edition=17, title_ru="", summary_ru="")

    _response, root = feed(client, "ru")

    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "17th Central Asia Border Management Initiative Conference"
    assert entry.find(f"{ATOM}summary").text.endswith("Border security challenges in the Central Asian region.")


def test_feed_has_author_and_self_link(client):
    _response, root = feed(client)

    assert root.find(f"{ATOM}author/{ATOM}name").text == "CABMI — Central Asia Border Management Initiative"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/en/feed.xml"
    assert root.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize("editions", [1, 40])
def test_feed_query_count_is_constant(client, django_assert_max_num_queries, editions):
    ConferenceFactory.create_batch(editions, published=True)

    with django_assert_max_num_queries(1):
        _response, root = feed(client)

    assert len(root.findall(f"{ATOM}entry")) == editions


def test_feed_text_with_markup_characters_stays_text(client):
    ConferenceFactory(published=True, edition=17, title="Border <security> & trade", summary="Customs & <b>borders</b>.")

    _response, root = feed(client)

    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Border <security> & trade"
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert entry.find(f"{ATOM}summary").text.endswith("Customs &amp; &lt;b&gt;borders&lt;/b&gt;.")
