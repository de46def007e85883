import datetime

import pytest
from django.utils import translation

from events.models import Participation, Role
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_outside_requests():
    with translation.override("en"):
        yield


def two_editions():
    older = ConferenceFactory(published=True, edition=16, title="16th CABMI Conference", start_date=datetime.date(2021, 6, 1),
                              end_date=datetime.date(2021, 6, 2), country=country("KZ"))
    newer = ConferenceFactory(published=True, edition=17, title="17th CABMI Conference", start_date=datetime.date(2022, 12, 13),
                              end_date=datetime.date(2022, 12, 15), country=country("UZ"))
    draft = ConferenceFactory(edition=18, title="18th draft edition", start_date=datetime.date(2023, 12, 1),
                              end_date=datetime.date(2023, 12, 2), country=country("TJ"))
    return older, newer, draft


def test_person_page_lists_every_published_statement_with_edition_and_session(client):
    older, newer, draft = two_editions()
    person = PersonFactory(slug="ashita-mittal", name="Ashita Mittal")
    StatementFactory(session=SessionFactory(conference=older, title="Plenary A"), speaker=person, text="Older words.")
    StatementFactory(session=SessionFactory(conference=newer, title="Plenary B"), speaker=person, text="Newer words.")
    StatementFactory(session=SessionFactory(conference=draft, title="Draft session"), speaker=person, text="Draft words.")
    response = client.get("/en/people/ashita-mittal/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ashita Mittal</h1>" in html
    positions = [html.index(text) for text in ("17th CABMI Conference", "Newer words.", "16th CABMI Conference", "Older words.")]
    assert positions == sorted(positions)
    assert "Plenary session: Plenary B" in html
    assert "Draft words." not in html and "18th draft edition" not in html and "Draft session" not in html


def test_person_seen_only_in_drafts_is_not_exposed(client):
    _older, _newer, draft = two_editions()
    StatementFactory(session=SessionFactory(conference=draft), speaker=PersonFactory(slug="draft-only"))
    PersonFactory(slug="nobody")
    assert client.get("/en/people/draft-only/").status_code == 404
    assert client.get("/en/people/nobody/").status_code == 404
    assert client.get("/en/people/no-such-person/").status_code == 404


def test_organization_page_shows_roles_participations_offices_and_statements(client):
    older, newer, draft = two_editions()
    osce = OrganizationFactory(slug="osce", name="Organization for Security and Co-operation in Europe", acronym="OSCE",
                               website="https://www.osce.org/")
    secretariat = OrganizationFactory(slug="osce-secretariat", name="OSCE Secretariat", parent=osce)
    office = OrganizationFactory(slug="pco-uzbekistan", name="OSCE Project Co-ordinator in Uzbekistan", parent=osce)
    OrganizationFactory(slug="draft-office", name="Office seen only in a draft", parent=osce)
    RoleFactory(conference=newer, organization=secretariat)
    RoleFactory(conference=draft, organization=secretariat)
    ParticipationFactory(conference=older, role=Participation.Kind.ORGANIZATION, country=None, organization=secretariat,
                         attendance=Participation.Attendance.ONLINE)
    StatementFactory(session=SessionFactory(conference=newer), organization=secretariat, speaker=PersonFactory(name="Helga Maria Schmid"))
    RoleFactory(conference=newer, role=Role.Kind.CO_ORGANIZER, organization=office)

    html = client.get("/en/organizations/osce-secretariat/").content.decode()
    assert "<h1>OSCE Secretariat</h1>" in html
    assert '<a href="/en/organizations/osce/">Organization for Security and Co-operation in Europe</a>' in html
    assert "Organizer" in html and "Online" in html and "Helga Maria Schmid" in html
    assert "18th draft edition" not in html

    parent = client.get("/en/organizations/osce/").content.decode()
    assert "OSCE Secretariat" in parent and "OSCE Project Co-ordinator in Uzbekistan" in parent
    assert "Office seen only in a draft" not in parent
    assert '<a href="https://www.osce.org/" rel="external">https://www.osce.org/</a>' in parent
    assert client.get("/en/organizations/draft-office/").status_code == 404


def test_organizations_above_an_office_on_record_are_shown_one_level_up_only(client):
    """An office on record shows its organization; that organization's own parent stays hidden unless on record itself."""
    _older, newer, _draft = two_editions()
    union = OrganizationFactory(slug="union", name="Union of everything")
    osce = OrganizationFactory(slug="osce", name="Organization for Security and Co-operation in Europe", parent=union)
    office = OrganizationFactory(slug="pco-uzbekistan", name="OSCE Project Co-ordinator in Uzbekistan", parent=osce)
    RoleFactory(conference=newer, organization=office)

    office_page = client.get("/en/organizations/pco-uzbekistan/").content.decode()
    osce_page = client.get("/en/organizations/osce/").content.decode()

    assert '<a href="/en/organizations/osce/">Organization for Security and Co-operation in Europe</a>' in office_page
    assert "OSCE Project Co-ordinator in Uzbekistan" in osce_page
    assert "Union of everything" not in osce_page
    assert client.get("/en/organizations/union/").status_code == 404

    RoleFactory(conference=newer, organization=union)
    assert '<a href="/en/organizations/union/">Union of everything</a>' in client.get("/en/organizations/osce/").content.decode()
    assert client.get("/en/organizations/union/").status_code == 200


def test_country_page_shows_hosted_editions_participations_and_statements(client):
    older, newer, draft = two_editions()
    ParticipationFactory(conference=newer, country=country("KZ"), attendance=Participation.Attendance.IN_PERSON)
    ParticipationFactory(conference=draft, country=country("KZ"))
    StatementFactory(session=SessionFactory(conference=newer), organization=None, country=country("KZ"), text="On behalf of Kazakhstan.")
    html = client.get("/en/countries/kz/").content.decode()
    assert "<h1>Kazakhstan</h1>" in html
    assert "16th CABMI Conference" in html  # hosted
    assert "17th CABMI Conference" in html  # took part
    assert "Participating state" in html and "In person" in html
    assert "On behalf of Kazakhstan." in html
    assert "18th draft edition" not in html
    assert "<h1>Казахстан</h1>" in client.get("/ru/countries/kz/").content.decode()


def test_country_code_in_upper_case_redirects_and_unknown_codes_are_404(client):
    two_editions()
    response = client.get("/en/countries/KZ/")
    assert (response.status_code, response["Location"]) == (301, "/en/countries/kz/")
    assert client.get("/en/countries/zz/").status_code == 404
    assert client.get("/en/countries/kaz/").status_code == 404
    assert client.get("/en/countries/tj/").status_code == 404  # hosts only a draft
    for odd in ("%D0%AF%D0%AF", "%00k", "k%00", "1a"):
        assert client.get(f"/en/countries/{odd}/").status_code == 404


@pytest.mark.parametrize("count", [1, 40])
def test_person_page_query_count(client, django_assert_max_num_queries, count):
    person = PersonFactory(slug="busy-speaker")
    conferences = [ConferenceFactory(published=True) for _index in range(max(1, count // 10))]
    for index in range(count):
        StatementFactory(session=SessionFactory(conference=conferences[index % len(conferences)]), speaker=person)
    # The person's row and the statements' rows make the page's key; they are read again before the page is kept.
    with django_assert_max_num_queries(4):
        assert client.get("/en/people/busy-speaker/").status_code == 200


@pytest.mark.parametrize("count", [1, 40])
def test_organization_page_query_count(client, django_assert_max_num_queries, count):
    organization = OrganizationFactory(slug="unodc")
    for index in range(count):
        conference = ConferenceFactory(published=True)
        RoleFactory(conference=conference, organization=organization)
        ParticipationFactory(conference=conference, country=None, role=Participation.Kind.ORGANIZATION, organization=organization)
        StatementFactory(session=SessionFactory(conference=conference), organization=organization)
        if index < 5:
            OrganizationFactory(parent=organization)
    # The page's key (participants.views.organization_states): the organization, the editions, its roles,
    # participations and statements, the offices shown, as rows; then the records to render (the organization, its
    # roles, participations, statements and offices, which of those are shown, the editions), then the key again.
    with django_assert_max_num_queries(20):
        assert client.get("/en/organizations/unodc/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/en/organizations/unodc/").status_code == 200


@pytest.mark.parametrize("count", [1, 40])
def test_country_page_query_count(client, django_assert_max_num_queries, count):
    for _index in range(count):
        conference = ConferenceFactory(published=True, country=country("KZ"))
        ParticipationFactory(conference=conference, country=country("KZ"))
        StatementFactory(session=SessionFactory(conference=conference), organization=None, country=country("KZ"))
    # The page's key: the state, the editions (those it hosted among them), its roles, participations and statements, as
    # rows; then the same as records, to render; then the key again, before the page is kept.
    with django_assert_max_num_queries(15):
        assert client.get("/en/countries/kz/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/en/countries/kz/").status_code == 200


def test_organization_website_that_is_not_a_web_address_is_not_linked(client):
    _older, newer, _draft = two_editions()
    organization = OrganizationFactory(slug="odd", website="javascript:alert(1)")
    RoleFactory(conference=newer, organization=organization)
    html = client.get("/en/organizations/odd/").content.decode()
    assert "javascript:" not in html


def test_english_fallback_in_a_cached_statement_still_brings_the_note(client):
    """The statement list is cached per statement: read from the cache, an untranslated text still gets the page's note."""
    statement = StatementFactory(session=SessionFactory(conference=ConferenceFactory(published=True)), text_ru="")
    url = f"/ru/people/{statement.speaker.slug}/"

    rendered, from_cache = client.get(url).content.decode(), client.get(url).content.decode()

    assert 'class="fallback-note"' in rendered
    assert 'class="fallback-note"' in from_cache
    assert rendered == from_cache


@pytest.mark.parametrize("page", ["edition", "person", "organization", "country"])
def test_english_fallback_in_a_statement_fragment_read_from_the_cache_still_brings_the_note(client, settings, page):
    settings.PAGE_CACHE = False  # every request renders the page; the statement comes from its cached fragment
    edition = ConferenceFactory(published=True)
    delegation = {"country": country("TJ"), "organization": None} if page == "country" else {}
    statement = StatementFactory(session=SessionFactory(conference=edition), text_ru="", **delegation)
    url = {
        "edition": f"/ru/conferences/{edition.slug}/",
        "person": f"/ru/people/{statement.speaker.slug}/",
        "organization": f"/ru/organizations/{statement.organization and statement.organization.slug}/",
        "country": "/ru/countries/tj/",
    }[page]

    rendered, from_fragments = client.get(url).content.decode(), client.get(url).content.decode()

    assert statement.text_en in rendered
    assert 'class="fallback-note"' in rendered
    assert rendered == from_fragments


def test_listed_statements_follow_edits_of_their_session_and_edition(client):
    statement = StatementFactory(session=SessionFactory(conference=ConferenceFactory(published=True)))
    url = f"/en/organizations/{statement.organization.slug}/"
    client.get(url)

    statement.session.title = "Renamed plenary"
    statement.session.save()
    statement.session.conference.title = "Renamed edition"
    statement.session.conference.save()
    html = client.get(url).content.decode()

    assert "Renamed plenary" in html
    assert "Renamed edition" in html


def test_person_page_never_repeats_the_speaker_line_cached_for_an_organization_page(client):
    statement = StatementFactory(session=SessionFactory(conference=ConferenceFactory(published=True)))

    organization_page = client.get(f"/en/organizations/{statement.organization.slug}/").content.decode()
    person_page = client.get(f"/en/people/{statement.speaker.slug}/").content.decode()

    assert 'class="statement__speaker"' in organization_page
    assert 'class="statement__speaker"' not in person_page


@pytest.mark.parametrize("count", [1, 30])
def test_person_organization_and_country_pages_query_count(client, settings, django_assert_max_num_queries, count):
    """However many statements, roles and participations, each page reads a fixed number of queries."""
    settings.PAGE_CACHE = False
    conference = ConferenceFactory(published=True)
    organization, person = OrganizationFactory(country=country("KZ")), PersonFactory()
    for _index in range(count):
        session = SessionFactory(conference=conference)
        StatementFactory(session=session, speaker=person, organization=organization, order=0)
        StatementFactory(session=session, speaker=person, organization=None, country=country("KZ"), order=1)
    RoleFactory(conference=conference, organization=organization)
    ParticipationFactory(conference=conference, country=country("KZ"))

    pages = [f"/en/people/{person.slug}/", f"/en/organizations/{organization.slug}/", "/en/countries/kz/"]
    # Statements are rendered from the rows their keys are read from. Each page is kept whole under the states of
    # what it shows (cabmi_portal.fragments.page_kept_by_state), read again before the page is kept.
    for page, first, later in zip(pages, (4, 18, 15), (2, 6, 5), strict=True):
        with django_assert_max_num_queries(first):
            first_html = client.get(page).content.decode()
        with django_assert_max_num_queries(later):
            assert client.get(page).content.decode() == first_html
        assert first_html.count('class="statement statement--listed') == (2 * count if "people" in page else count)


def test_each_page_lists_only_its_own_statements_whatever_was_listed_before(client, settings):
    """The statements' rows are read through one query made once per process and language: each page gives its own filter."""
    settings.PAGE_CACHE = False
    edition = ConferenceFactory(published=True)
    ann, ben = PersonFactory(name="Ann Speaker"), PersonFactory(name="Ben Speaker")
    osce = OrganizationFactory()
    anns = StatementFactory(session=SessionFactory(conference=edition), speaker=ann, organization=osce, text="Ann on patrols.")
    bens = StatementFactory(session=SessionFactory(conference=edition), speaker=ben, organization=None, country=country("KG"),
                            text="Ben on customs.", text_ru="Бен о таможне.")

    for language in ("en", "ru", "en"):
        pages = {
            f"/{language}/people/{ann.slug}/": anns, f"/{language}/people/{ben.slug}/": bens,
            f"/{language}/organizations/{osce.slug}/": anns, f"/{language}/countries/kg/": bens,
        }
        for url, own in pages.items():
            html = client.get(url).content.decode()
            other = bens if own == anns else anns
            assert html.count('class="statement statement--listed') == 1, url
            assert (own.text_ru if language == "ru" else own.text) in html, url
            assert other.text not in html and other.text_ru not in html, url
