import datetime
import json
import re

import pytest
from django.utils import translation

from events.models import Role
from sessions.models import Session
from tests.factories import ConferenceFactory, OrganizationFactory, RoleFactory, SessionFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_outside_requests():
    with translation.override("en"):
        yield


def event_data(client, url):
    html = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def hybrid_edition():
    conference = ConferenceFactory(
        published=True, slug="cabmi-17", title="17th CABMI Conference", title_ru="17-я конференция CABMI",
        start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15), attendance="hybrid",
        city="Tashkent", country=country("UZ"),
    )
    RoleFactory(conference=conference, organization=OrganizationFactory(name="OSCE Secretariat", slug="osce-secretariat"), order=0)
    RoleFactory(conference=conference, organization=OrganizationFactory(name="UNODC", slug="unodc"), order=1)
    RoleFactory(conference=conference, role=Role.Kind.PARTNER, organization=OrganizationFactory(name="Government of Uzbekistan"), order=2)
    SessionFactory(conference=conference, key="opening", title="Opening", date=datetime.date(2022, 12, 13), start_time=datetime.time(10))
    SessionFactory(conference=conference, key="visit", kind=Session.Kind.SITE_VISIT, title="Site visit", date=None)
    return conference


def test_edition_is_described_as_a_schema_org_event(client):
    hybrid_edition()
    data = event_data(client, "/en/conferences/cabmi-17/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "17th CABMI Conference"
    assert (data["startDate"], data["endDate"]) == ("2022-12-13", "2022-12-15")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place", "name": "Tashkent",
        "address": {"@type": "PostalAddress", "addressLocality": "Tashkent", "addressCountry": "UZ"},
    }
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver/en/conferences/cabmi-17/"


def test_every_organizer_is_listed_and_partners_are_not(client):
    hybrid_edition()
    organizers = event_data(client, "/en/conferences/cabmi-17/")["organizer"]
    assert [organizer["name"] for organizer in organizers] == ["OSCE Secretariat", "UNODC"]
    assert organizers[0] == {"@type": "Organization", "name": "OSCE Secretariat", "url": "http://testserver/en/organizations/osce-secretariat/"}


def test_sessions_are_sub_events_with_known_times_only(client):
    hybrid_edition()
    sub_events = event_data(client, "/en/conferences/cabmi-17/")["subEvent"]
    assert sub_events == [
        {"@type": "Event", "name": "Opening", "url": "http://testserver/en/conferences/cabmi-17/#session-opening",
         "startDate": "2022-12-13T10:00:00"},
        {"@type": "Event", "name": "Site visit", "url": "http://testserver/en/conferences/cabmi-17/#session-visit"},
    ]


def test_each_language_page_describes_the_edition_in_its_language(client):
    hybrid_edition()
    data = event_data(client, "/ru/conferences/cabmi-17/")
    assert data["inLanguage"] == "ru"
    assert data["name"] == "17-я конференция CABMI"


@pytest.mark.parametrize(("attendance", "mode"), [
    ("in_person", "https://schema.org/OfflineEventAttendanceMode"), ("online", "https://schema.org/OnlineEventAttendanceMode"),
])
def test_attendance_modes(client, attendance, mode):
    conference = ConferenceFactory(published=True, attendance=attendance)
    assert event_data(client, conference.get_absolute_url())["eventAttendanceMode"] == mode


def test_text_that_looks_like_markup_stays_inside_the_json(client):
    conference = ConferenceFactory(published=True, title="Borders </script><script>alert(1)</script> & more")
    data = event_data(client, conference.get_absolute_url())
    assert data["name"] == "Borders </script><script>alert(1)</script> & more"
