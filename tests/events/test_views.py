import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Conference, Participation, Role
from sessions.models import Session, Statement
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_outside_requests():
    # A request leaves its language active in the thread; records made by the
    # factories must get their English fields whatever ran before.
    with translation.override("en"):
        yield


def edition_17():
    conference = ConferenceFactory(
        published=True, edition=17, slug="cabmi-17", title="17th CABMI Conference", title_ru="17-я конференция CABMI",
        start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15), attendance="hybrid",
        body="First paragraph.\n\nSecond paragraph.", participants_count=80,
        sources=[
            {"url": "https://www.osce.org/press", "title": "OSCE press release", "lang": "en"},
            {"url": "javascript:alert(1)", "title": "Bad"},
        ],
    )
    secretariat = OrganizationFactory(slug="osce-secretariat", name="OSCE Secretariat", name_ru="Секретариат ОБСЕ")
    RoleFactory(conference=conference, organization=secretariat, order=0)
    government = OrganizationFactory(slug="gov-uz", name="Government of Uzbekistan")
    RoleFactory(conference=conference, role=Role.Kind.PARTNER, organization=government)
    ParticipationFactory(conference=conference, country=country("KZ"), attendance=Participation.Attendance.IN_PERSON)
    ParticipationFactory(conference=conference, role=Participation.Kind.OBSERVER, country=country("DE"),
                         attendance=Participation.Attendance.ONLINE)
    opening = SessionFactory(conference=conference, key="opening", kind=Session.Kind.OPENING, title="Opening", order=0,
                             start_time=datetime.time(10, 0), end_time=datetime.time(11, 30))
    SessionFactory(conference=conference, key="visit", kind=Session.Kind.SITE_VISIT, title="Visit to the dog handlers centre", order=1)
    speaker = PersonFactory(slug="helga-maria-schmid", name="Helga Maria Schmid")
    StatementFactory(session=opening, speaker=speaker, organization=secretariat, position="OSCE Secretary General",
                     delivery=Statement.Delivery.VIDEO, text="Together we can make a real difference.", text_ru="")
    PhotoFactory(conference=conference, caption="Participants", alt="Officials at a table", credit="OSCE")
    return conference


def test_conference_page_shows_the_whole_edition(client):
    edition_17()
    response = client.get("/en/conferences/cabmi-17/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["17th CABMI Conference"]
    assert "13–15 December 2022" in html
    assert "In person and online" in html
    assert '<a href="/en/organizations/osce-secretariat/">OSCE Secretariat</a>' in html
    assert "In close co-operation with" in html
    assert '<span class="session__kind kind--site_visit">Site visit</span>' in html
    assert "10:00–11:30" in html
    assert '<a href="/en/people/helga-maria-schmid/">Helga Maria Schmid</a>' in html
    assert "Pre-recorded message" in html
    assert "<p>Together we can make a real difference.</p>" in html
    assert '<a href="/en/countries/kz/">Kazakhstan</a>' in html
    assert "Observer" in html and "Online" in html
    assert "80 participants" in html
    assert 'loading="lazy"' in html and 'alt="Officials at a table"' in html and "Photo: OSCE" in html
    renditions = "/media/photos/renditions/[^\" ]+"
    assert re.search(rf'<source type="image/webp" srcset="{renditions}-480\.webp 480w, {renditions}-1200\.webp 1200w"', html)
    assert re.search(rf'<img src="{renditions}-1200\.jpeg" srcset="{renditions}-480\.jpeg 480w, {renditions}-1200\.jpeg 1200w"', html)
    assert "<p>First paragraph.</p><p>Second paragraph.</p>" in html


def test_conference_page_links_every_download(client):
    edition_17()
    html = client.get("/en/conferences/cabmi-17/").content.decode()
    for code in ("en", "ru", "uz", "kk", "ky", "tg", "tk"):
        assert f'href="/{code}/conferences/cabmi-17/proceedings.pdf" hreflang="{code}"' in html
    assert 'href="/en/conferences/cabmi-17/programme.ics"' in html
    assert 'href="/data/conferences/cabmi-17.json"' in html
    assert '<a href="https://www.osce.org/press" hreflang="en">OSCE press release</a>' in html
    assert "javascript:" not in html


def test_conference_page_in_russian_writes_dates_and_marks_english_fallback(client):
    edition_17()
    html = client.get("/ru/conferences/cabmi-17/").content.decode()
    assert "13–15 декабря 2022\u00a0г." in html
    assert "17-я конференция CABMI" in html
    assert '<div class="statement__text prose fallback" lang="en"><p>Together we can make a real difference.</p></div>' in html
    with translation.override("ru"):
        note = translation.gettext("Some text here is not yet translated: it is shown in English and marked with a dotted line.")
    assert html.count('class="fallback-note"') == 1
    assert f'<p class="fallback-note" lang="ru">{note}</p>' in html


@pytest.mark.parametrize(("language", "expected"), [
    ("uz", "13–15-dekabr, 2022-yil"), ("kk", "2022\u00a0ж. 13–15 желтоқсан"), ("ky", "2022-ж., 13–15-декабрь"),
    ("tg", "13–15 декабр 2022"), ("tk", "13–15 dekabr 2022"),
])
def test_conference_dates_written_the_way_each_language_writes_them(client, language, expected):
    edition_17()
    assert expected in client.get(f"/{language}/conferences/cabmi-17/").content.decode()


def test_conference_dates_across_months_and_years(client):
    ConferenceFactory(published=True, slug="winter", start_date=datetime.date(2022, 11, 29), end_date=datetime.date(2022, 12, 1))
    ConferenceFactory(published=True, slug="new-year", start_date=datetime.date(2022, 12, 31), end_date=datetime.date(2023, 1, 2))
    assert "29 November – 1 December 2022" in client.get("/en/conferences/winter/").content.decode()
    assert "31 декабря 2022\u00a0г. – 2 января 2023\u00a0г." in client.get("/ru/conferences/new-year/").content.decode()


def test_draft_conference_answers_404_and_is_in_no_list(client):
    ConferenceFactory(slug="secret-draft", title="Secret draft edition", sessions=1, sessions__statements=1)
    ConferenceFactory(published=True, slug="public", title="Public edition")
    assert client.get("/en/conferences/secret-draft/").status_code == 404
    for url in ("/en/conferences/", "/en/", "/ru/conferences/"):
        assert "Secret draft edition" not in client.get(url).content.decode()


@pytest.mark.filterwarnings("error::django.core.cache.backends.base.CacheKeyWarning")
@pytest.mark.parametrize("url", [
    "/en/conferences/no-such-edition/", "/en/conferences/" + "a" * 300 + "/", "/xx/conferences/", "/en/conferences/?page=abc",
    "/en/conferences/?page=99",
    "/en/conferences/?page=-1", "/en/conferences/%E2%9C%93/", "/en/people/%00/", "/en/organizations/x%00y/", "/en/countries/%00%00/",
])
def test_bad_addresses_answer_404(client, url):
    ConferenceFactory(published=True)
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("query", [
    "country=zz", "year=abc", "year=20222", "country=%00&year=%FF", "country[]=1&year=1e9", "year=0000", "year=%D9%A1%D9%A2%D9%A3%D9%A4",
])
def test_archive_ignores_malformed_filters_with_a_message(client, query):
    ConferenceFactory(published=True, title="Only edition")
    response = client.get(f"/en/conferences/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only edition" in html


def test_archive_lists_newest_first_and_filters_by_country_and_year(client):
    ConferenceFactory(published=True, title="Tashkent 2021", start_date=datetime.date(2021, 5, 1), end_date=datetime.date(2021, 5, 2))
    ConferenceFactory(published=True, title="Almaty 2022", country=country("KZ"), start_date=datetime.date(2022, 5, 1),
                      end_date=datetime.date(2022, 5, 2))
    html = client.get("/en/conferences/").content.decode()
    assert html.index("Almaty 2022") < html.index("Tashkent 2021")
    filtered = client.get("/en/conferences/?country=kz").content.decode()
    assert "Almaty 2022" in filtered and "Tashkent 2021" not in filtered
    by_year = client.get("/en/conferences/?year=2021").content.decode()
    assert "Tashkent 2021" in by_year and "Almaty 2022" not in by_year
    assert "The year must be written" in client.get("/en/conferences/?year=twenty").content.decode()


def test_archive_paginates(client):
    for _index in range(21):
        ConferenceFactory(published=True)
    first = client.get("/en/conferences/").content.decode()
    second = client.get("/en/conferences/?page=2").content.decode()
    assert first.count('class="edition-item"') == 20
    assert second.count('class="edition-item"') == 1
    assert "Page 2 of 2" in second


@pytest.mark.parametrize("count", [1, 40])
def test_archive_query_count(client, django_assert_max_num_queries, count):
    for _index in range(count):
        ConferenceFactory(published=True)
    # The published editions' rows make the page's key; they are read again before the page is kept.
    with django_assert_max_num_queries(7):
        assert client.get("/en/conferences/").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/en/conferences/").status_code == 200


@pytest.mark.parametrize("count", [1, 40])
def test_conference_page_query_count(client, django_assert_max_num_queries, count):
    conference = ConferenceFactory(published=True, sessions=count, sessions__statements=1)
    for _index in range(min(count, 5)):
        PhotoFactory(conference=conference)
        RoleFactory(conference=conference)
    # The page's key (events.edition_pages): the edition and its four kinds of parts, the statements' rows; then the
    # edition with its parts and the statements to render; the key again, before the page is kept.
    with django_assert_max_num_queries(18):
        response = client.get(f"/en/conferences/{conference.slug}/")
    assert response.status_code == 200
    assert response.content.decode().count('<article class="statement') == count


@pytest.mark.parametrize("count", [1, 40])
def test_conference_page_loads_no_statement_whose_fragment_is_cached(client, settings, django_assert_max_num_queries, count):
    settings.PAGE_CACHE = False
    conference = ConferenceFactory(published=True, sessions=count, sessions__statements=1)
    url = f"/ru/conferences/{conference.slug}/"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url).content.decode()
    assert again == first
    assert first.count('<article class="statement') == count
    assert len(captured) <= 7
    # One query reads the statements' keys; none loads a statement to render it.
    assert len([query for query in captured if f'"{Statement._meta.db_table}"' in query["sql"]]) == 1


def test_conference_page_is_served_from_cache_until_a_statement_changes(client, django_assert_num_queries):
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    statement = Statement.objects.get(session__conference=conference)
    url = f"/en/conferences/{conference.slug}/"
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    statement.text = "A newly corrected statement."
    statement.save()
    assert "A newly corrected statement." in client.get(url).content.decode()


def test_statement_fragments_follow_edits_of_their_speaker_and_statement(client, settings):
    settings.PAGE_CACHE = False
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=2)
    first, second = Statement.objects.filter(session__conference=conference).order_by("order")
    url = f"/en/conferences/{conference.slug}/"
    client.get(url)

    first.speaker.name = "Renamed Speaker"
    first.speaker.save()
    second.text = "A corrected text."
    second.save()
    html = client.get(url).content.decode()

    assert "Renamed Speaker" in html
    assert "A corrected text." in html
    assert html.index("Renamed Speaker") < html.index("A corrected text.")


def test_session_fragments_follow_edits_of_their_session_and_of_statements_moved_between_sessions(client, settings):
    settings.PAGE_CACHE = False  # every request renders the page; sessions and statements come from their fragments
    conference = ConferenceFactory(published=True, sessions=2, sessions__statements=1)
    opening, closing = Session.objects.filter(conference=conference).order_by("order")
    moved = Statement.objects.get(session=closing)
    url = f"/en/conferences/{conference.slug}/"
    client.get(url)

    opening.title = "Opening, renamed"
    opening.save()
    moved.session = opening
    moved.save()
    html = client.get(url).content.decode()

    assert "Opening, renamed" in html
    sessions = html.split('<li class="session ')[1:]
    assert [part.count('<article class="statement') for part in sessions] == [2, 0]
    assert moved.text in sessions[0]


def test_english_fallback_in_a_session_read_from_the_cache_still_brings_the_note(client, settings):
    settings.PAGE_CACHE = False
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    url = f"/ru/conferences/{conference.slug}/"
    assert 'class="fallback-note"' not in client.get(url).content.decode()

    Session.objects.filter(conference=conference).update(title="Opening words", title_en="Opening words", title_ru="")
    rendered, from_fragments = client.get(url).content.decode(), client.get(url).content.decode()

    assert "Opening words" in rendered
    assert 'class="fallback-note"' in rendered
    assert rendered == from_fragments


def section(html, heading_id):
    return html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


def test_organizers_and_participants_follow_edits_of_their_records(client, settings):
    settings.PAGE_CACHE = False  # every request renders the page; both lists come from their fragments
    conference = ConferenceFactory(published=True)
    organizer = RoleFactory(conference=conference, organization=OrganizationFactory(name="Border Office"))
    guest = ParticipationFactory(conference=conference, role=Participation.Kind.ORGANIZATION, country=None,
                                 organization=OrganizationFactory(name="Customs Office"), attendance=Participation.Attendance.IN_PERSON)
    url = f"/en/conferences/{conference.slug}/"

    def sections():
        html = client.get(url).content.decode()
        return section(html, "organizers-heading"), section(html, "participants-heading")

    sections()
    # Each edit alone: an organization renamed (a record the lists show but do not belong to), then the lists' own records.
    organizer.organization.name = "Border Management Office"
    organizer.organization.save()
    guest.organization.name = "Customs Service"
    guest.organization.save()
    roles, participants = sections()
    assert "Border Management Office" in roles and "Customs Service" in participants

    organizer.role = Role.Kind.PARTNER
    organizer.save()
    guest.attendance = Participation.Attendance.ONLINE
    guest.save()
    roles, participants = sections()
    assert str(Role.HEADINGS[Role.Kind.PARTNER]) in roles and str(Role.HEADINGS[Role.Kind.ORGANIZER]) not in roles
    assert "Online" in participants and "In person" not in participants

    ParticipationFactory(conference=conference, country=country("TM"))
    _roles, participants = sections()
    assert "Turkmenistan" in participants


def test_english_fallback_in_a_participant_read_from_the_cache_still_brings_the_note(client, settings):
    settings.PAGE_CACHE = False
    conference = ConferenceFactory(published=True)
    url = f"/ru/conferences/{conference.slug}/"
    assert 'class="fallback-note"' not in client.get(url).content.decode()

    ParticipationFactory(conference=conference, role=Participation.Kind.ORGANIZATION, country=None,
                         organization=OrganizationFactory(name_en="Untranslated Office", name_ru=""))
    rendered, from_fragments = client.get(url).content.decode(), client.get(url).content.decode()

    assert "Untranslated Office" in section(rendered, "participants-heading")
    assert 'class="fallback-note"' in rendered
    assert rendered == from_fragments


def test_statement_fragments_follow_a_new_address_of_their_edition(client):
    conference = ConferenceFactory(published=True, slug="cabmi-17", sessions=1, sessions__statements=1)
    statement = Statement.objects.get(session__conference=conference)
    assert f'href="/en/conferences/cabmi-17/statements/{statement.pk}/cite/"' in client.get("/en/conferences/cabmi-17/").content.decode()

    conference.slug = "cabmi-17-tashkent"
    conference.save()
    html = client.get("/en/conferences/cabmi-17-tashkent/").content.decode()

    assert f'href="/en/conferences/cabmi-17-tashkent/statements/{statement.pk}/cite/"' in html
    assert "/en/conferences/cabmi-17/" not in html


def test_unknown_query_parameters_neither_skip_the_cache_nor_change_the_page(client, django_assert_num_queries):
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    url = f"/en/conferences/{conference.slug}/"
    plain = client.get(url).content.decode()

    with django_assert_num_queries(0):
        first = client.get(url, {"x": "1"})
        second = client.get(url, {"utm_source": "<b>feed</b>", "page": "2"})

    assert first.content.decode() == second.content.decode() == plain
    assert "x=1" not in plain and "utm_source" not in plain


def test_unknown_query_parameters_are_rendered_first_then_served_from_cache(client, django_assert_num_queries):
    conference = ConferenceFactory(published=True)
    url = f"/ru/conferences/{conference.slug}/"
    assert "?x=" not in client.get(url, {"x": "1"}).content.decode()

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_archive_language_links_keep_its_filters_and_drop_other_parameters(client):
    ConferenceFactory(published=True, start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))

    html = client.get("/en/conferences/", {"year": "2022", "x": "1"}).content.decode()

    assert 'hreflang="ru" href="http://testserver/ru/conferences/?year=2022"' in html
    assert "x=1" not in html


def test_conference_page_cache_is_per_language(client):
    conference = ConferenceFactory(published=True)
    assert conference.title in client.get(f"/en/conferences/{conference.slug}/").content.decode()
    assert conference.title_ru in client.get(f"/ru/conferences/{conference.slug}/").content.decode()


def test_conference_page_shows_a_statement_edited_in_the_admin(client):
    from django.contrib import admin

    if Statement not in admin.site._registry:
        pytest.skip("the Statement admin is not registered yet")
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    statement = Statement.objects.get(session__conference=conference)
    url = f"/en/conferences/{conference.slug}/"
    assert statement.text_en in client.get(url).content.decode()
    staff = User.objects.create_superuser("editor", password="pw")
    client.force_login(staff)
    change_url = f"/admin/programme/statement/{statement.pk}/change/"
    form = client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data = {key: (value.pk if hasattr(value, "pk") else value) for key, value in data.items()}
    data.update(text="Text corrected by the secretariat.", text_en="Text corrected by the secretariat.")
    response = client.post(change_url, data)
    assert response.status_code == 302, getattr(response.context.get("adminform"), "errors", None) if response.context else None
    client.logout()
    assert "Text corrected by the secretariat." in client.get(url).content.decode()


def test_conference_title_cannot_break_out_of_json_ld(client):
    ConferenceFactory(published=True, slug="odd", title="Borders </script><script>alert(1)</script>")
    html = client.get("/en/conferences/odd/").content.decode()
    assert "<script>alert(1)" not in html
    assert Conference.objects.count() == 1


def test_names_without_a_translation_are_marked_as_english(client):
    edition_17()
    html = client.get("/uz/conferences/cabmi-17/").content.decode()
    # A name is transliterated, not translated: English for screen readers, with no mark.
    assert '<a href="/uz/people/helga-maria-schmid/" lang="en">Helga Maria Schmid</a></h4>' in html
    # An organization's name is translated: marked, and counted towards the page's one note.
    assert '<a href="/uz/organizations/osce-secretariat/" class="fallback" lang="en">OSCE Secretariat</a>' in html
    assert html.count('class="fallback-note"') == 1


def test_query_string_of_one_visitor_never_reaches_the_cached_page(client):
    conference = ConferenceFactory(published=True)
    client.get(f"/en/conferences/{conference.slug}/?campaign=secret-token")
    assert "secret-token" not in client.get(f"/en/conferences/{conference.slug}/").content.decode()


def test_conference_page_describes_itself_for_sharing(client):
    edition_17()
    html = client.get("/ru/conferences/cabmi-17/").content.decode()
    summary = "Проблемы безопасности границ в Центральноазиатском регионе."
    assert f'<meta name="description" content="{summary}">' in html
    assert f'<meta property="og:description" content="{summary}">' in html
    assert '<meta property="og:title" content="17-я конференция CABMI">' in html
    assert '<meta property="og:type" content="event">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/photos/[^"]+">', html)
    assert "<title>17-я конференция CABMI — CABMI</title>" in html


def test_edition_page_introduces_each_kind_of_role_and_participant_in_the_page_language(client):
    conference = ConferenceFactory(published=True)
    for kind in (Role.Kind.SUPPORTER, Role.Kind.PARTNER, Role.Kind.HOST, Role.Kind.CO_ORGANIZER, Role.Kind.ORGANIZER):
        RoleFactory(conference=conference, role=kind)
    ParticipationFactory(conference=conference, role=Participation.Kind.OTHER_STATE, country=country("MN"))
    ParticipationFactory(conference=conference, role=Participation.Kind.GUEST, country=country("US"))
    ParticipationFactory(conference=conference, role=Participation.Kind.ORGANIZATION, country=None,
                         organization=OrganizationFactory())
    ParticipationFactory(conference=conference, role=Participation.Kind.PARTICIPATING_STATE, country=country("KZ"))

    html = client.get(f"/ru/conferences/{conference.slug}/").content.decode()

    headings = re.findall(r"<(?:dt|h3)>([^<]+)</(?:dt|h3)>", html)
    with translation.override("ru"):
        expected = [str(Role.HEADINGS[kind]) for kind in
                    (Role.Kind.ORGANIZER, Role.Kind.CO_ORGANIZER, Role.Kind.HOST, Role.Kind.PARTNER, Role.Kind.SUPPORTER)]
        expected += [translation.gettext(text) for text in
                     ("Participating states", "Organizations", "Observers and guests", "Other states")]
    assert [heading for heading in headings if heading in expected] == expected
    assert "Organized by" not in headings  # in Russian, not English


def test_language_links_carry_a_parameters_last_value_and_no_more_than_500_characters_of_it(client):
    html = client.get("/en/search/", {"q": ["first", "border " * 1500]}).content.decode()

    [link] = re.findall(r'hreflang="ru" href="([^"]*)"', html)
    assert link == "http://testserver/ru/search/?q=" + "border+" * 71 + "bor"
    assert len(html) < 60_000
