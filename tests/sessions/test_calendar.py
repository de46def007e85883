import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from tests.factories import ConferenceFactory, SessionFactory, StatementFactory, country

pytestmark = pytest.mark.django_db
TASHKENT = ZoneInfo("Asia/Tashkent")


@pytest.fixture(autouse=True)
def _records_written_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def edition():
    return ConferenceFactory(published=True, edition=17, start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15),
                             venue="Hyatt Regency", venue_ru="Хаятт Ридженси")


def calendar(client, conference, language="en"):
    response = client.get(f"/{language}/conferences/{conference.slug}/programme.ics")
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def events(parsed):
    return parsed.walk("VEVENT")


def test_calendar_session_with_times_is_in_venue_local_time(client, edition):
    session = SessionFactory(conference=edition, key="opening", title="Opening session", title_ru="Открытие",
                             date=datetime.date(2022, 12, 13), start_time=datetime.time(9, 30), end_time=datetime.time(11, 0),
                             location="Main hall")

    response, parsed = calendar(client, edition)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cabmi-17-programme-en.ics"'
    [event] = events(parsed)
    assert event["UID"] == "cabmi-17.opening@cabmi-portal"
    assert str(event["SUMMARY"]) == "Opening session"
    assert event["DTSTART"].dt == datetime.datetime(2022, 12, 13, 9, 30, tzinfo=TASHKENT)
    assert event["DTEND"].dt == datetime.datetime(2022, 12, 13, 11, 0, tzinfo=TASHKENT)
    assert event["DTSTART"].params["TZID"] == "Asia/Tashkent"
    assert str(event["LOCATION"]) == "Main hall"
    assert str(event["URL"]) == f"http://testserver{session.get_absolute_url()}"
    assert event["DTSTAMP"].dt == edition.updated_at.replace(microsecond=0)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Asia/Tashkent"]
    assert str(parsed["PRODID"]) == "-//CABMI//Conference portal//EN"
    assert str(parsed["X-WR-CALNAME"]) == edition.title
    assert str(parsed["VERSION"]) == "2.0"


def test_calendar_is_in_the_language_of_its_address(client, edition):
    SessionFactory(conference=edition, title="Opening session", title_ru="Открытие", description="Welcome.", description_ru="")

    response, parsed = calendar(client, edition, "ru")

    [event] = events(parsed)
    assert str(event["SUMMARY"]) == "Открытие"
    assert event["SUMMARY"].params["LANGUAGE"] == "ru"
    assert str(event["LOCATION"]) == "Хаятт Ридженси, Ташкент, Узбекистан"
    assert "Welcome." in str(event["DESCRIPTION"])
    assert str(parsed["X-WR-CALNAME"]) == "17-я конференция Инициативы по управлению границами в Центральной Азии"
    assert response["Content-Disposition"] == 'attachment; filename="cabmi-17-programme-ru.ics"'


def test_calendar_session_without_time_is_all_day(client, edition):
    SessionFactory(conference=edition, date=datetime.date(2022, 12, 14), start_time=None, end_time=None)

    response, parsed = calendar(client, edition)

    [event] = events(parsed)
    assert event["DTSTART"].dt == datetime.date(2022, 12, 14)
    assert event["DTEND"].dt == datetime.date(2022, 12, 15)
    assert b"DTSTART;VALUE=DATE:20221214\r\n" in response.content
    assert b"DTEND;VALUE=DATE:20221215\r\n" in response.content


def test_calendar_without_sessions_has_one_event_for_the_whole_conference(client, edition):
    _response, parsed = calendar(client, edition)

    [event] = events(parsed)
    assert event["UID"] == "cabmi-17@cabmi-portal"
    assert str(event["SUMMARY"]) == edition.title
    assert event["DTSTART"].dt == datetime.date(2022, 12, 13)
    assert event["DTEND"].dt == datetime.date(2022, 12, 16)
    assert str(event["LOCATION"]) == "Hyatt Regency, Tashkent, Uzbekistan"


def test_calendar_lists_undated_sessions_in_the_conference_event(client, edition):
    SessionFactory(conference=edition, key="visit", title="Visit to the Termez border crossing", date=None)
    SessionFactory(conference=edition, key="plenary", date=datetime.date(2022, 12, 13))

    _response, parsed = calendar(client, edition)

    whole, plenary = events(parsed)
    assert whole["UID"] == "cabmi-17@cabmi-portal"
    assert "– Visit to the Termez border crossing" in str(whole["DESCRIPTION"])
    assert plenary["UID"] == "cabmi-17.plenary@cabmi-portal"


def test_calendar_floating_time_where_the_host_zone_is_unknown(client):
    conference = ConferenceFactory(published=True, country=country("FR"))
    SessionFactory(conference=conference, date=datetime.date(2022, 12, 13), start_time=datetime.time(14, 0))

    response, parsed = calendar(client, conference)

    [event] = events(parsed)
    assert event["DTSTART"].dt == datetime.datetime(2022, 12, 13, 14, 0)
    assert "DTEND" not in event
    assert parsed.walk("VTIMEZONE") == []


def test_calendar_names_the_speakers(client, edition):
    session = SessionFactory(conference=edition)
    StatementFactory(session=session, speaker__name="Ms. Aliya Karimova")

    _response, parsed = calendar(client, edition)

    assert "Speakers: Ms. Aliya Karimova" in str(events(parsed)[0]["DESCRIPTION"])


def test_calendar_lines_are_folded_and_end_in_crlf(client, edition):
    SessionFactory(conference=edition, title="Border management " * 16)

    response, parsed = calendar(client, edition)

    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert str(events(parsed)[0]["SUMMARY"]) == "Border management " * 16


def test_calendar_of_a_draft_is_not_found(client):
    draft = ConferenceFactory()
    SessionFactory(conference=draft)

    assert client.get(f"/en/conferences/{draft.slug}/programme.ics").status_code == 404


def test_calendar_of_an_unknown_edition_is_not_found(client):
    assert client.get("/en/conferences/no-such-edition/programme.ics").status_code == 404


@pytest.mark.parametrize("sessions", [1, 40])
def test_calendar_query_count_is_constant(client, django_assert_max_num_queries, sessions):
    conference = ConferenceFactory(published=True, sessions=sessions, sessions__statements=1)

    with django_assert_max_num_queries(7):
        _response, parsed = calendar(client, conference)

    assert len(events(parsed)) == sessions


@pytest.mark.django_db
def test_calendar_answers_not_modified_until_the_record_changes(client, django_assert_num_queries):
    conference = ConferenceFactory(published=True, sessions=1)
    url = reverse("events:programme_ics", kwargs={"slug": conference.slug})
    tag = client.get(url)["ETag"]

    with django_assert_num_queries(0):
        assert client.get(url, headers={"If-None-Match": tag}).status_code == 304
    conference.sessions.update(title="Renamed")
    conference.save()

    assert client.get(url, headers={"If-None-Match": tag}).status_code == 200
