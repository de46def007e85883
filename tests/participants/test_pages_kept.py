"""A person's, an organization's and a state's page are kept under the state of every record they show
(cabmi_portal.fragments.page_kept_by_state).

PAGE_CACHE off here: the page cache forgets every page at any edit, and would hide what these test.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Conference, Participation, Role
from events.queries import published_edition_rows, row_states, row_states_together
from events.statement_fragments import listed_from, listed_read
from participants.models import Country, Organization
from sessions.models import Statement
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

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

URL = "/en/people/helga-schmid/"


@pytest.fixture
def statement():
    conference = ConferenceFactory(published=True, title="17th CABMI Conference")
    session = SessionFactory(conference=conference, title="Opening session")
    speaker = PersonFactory(slug="helga-schmid", name="Helga Schmid")
    # One for a state: a statement speaks for an organization or for a state.
    StatementFactory(session=session, speaker=speaker, organization=None, country=country("AT"), text="For Austria.")
    return StatementFactory(session=session, speaker=speaker, organization=OrganizationFactory(name="OSCE"),
                            text="Border management is a shared task.")


def test_an_edit_of_another_speakers_statement_leaves_the_page_as_it_was(client, statement):
    other = StatementFactory(session=statement.session)
    first = client.get(URL).content

    other.text = "Another speaker's corrected statement."
    other.save()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(URL).content

    assert again == first
    assert len(captured) == 2  # the person's row and the statements' rows: nothing is rendered


def rename_person(statement):
    statement.speaker.name = "Helga Maria Schmid"
    statement.speaker.save()
    return "Helga Maria Schmid"


def correct_statement(statement):
    statement.text = "Border management is a task we share."
    statement.save()
    return "Border management is a task we share."


def rename_session(statement):
    statement.session.title = "Opening session, renamed"
    statement.session.save()
    return "Opening session, renamed"


def rename_edition(statement):
    conference = statement.session.conference
    conference.title = "17th CABMI Conference, renamed"
    conference.save()
    return "17th CABMI Conference, renamed"


def rename_organization(statement):
    statement.organization.name = "OSCE, renamed"
    statement.organization.save()
    return "OSCE, renamed"


def rename_state(statement):
    state = Country.objects.get(pk="AT")
    state.name = "Austria, renamed"
    state.save()
    return "Austria, renamed"


def add_statement(statement):
    StatementFactory(session=statement.session, speaker=statement.speaker, text="A statement added later.")
    return "A statement added later."


@pytest.mark.parametrize("edit", [rename_person, correct_statement, rename_session, rename_edition, rename_organization,
                                  rename_state, add_statement])
def test_an_edit_of_anything_the_page_shows_reaches_the_next_request(client, statement, edit):
    assert client.get(URL).status_code == 200

    shown = edit(statement)

    assert shown in client.get(URL).content.decode()


def test_a_withdrawn_edition_takes_its_statements_and_the_page_away_at_once(client, statement):
    client.get(URL)

    Conference.objects.filter(pk=statement.session.conference_id).update(status=Conference.Status.DRAFT)

    assert client.get(URL).status_code == 404


def test_a_statement_moved_to_a_draft_leaves_the_page_at_once(client, statement):
    kept = StatementFactory(session=statement.session, speaker=statement.speaker, text="A statement that stays.")
    client.get(URL)

    Statement.objects.filter(pk=statement.pk).update(session=SessionFactory(conference=ConferenceFactory()))

    html = client.get(URL).content.decode()
    assert kept.text in html and statement.text not in html


# A state's page: the editions it hosted, its attendance at each edition, its statements.
COUNTRY = "/en/countries/kz/"


@pytest.fixture
def state_on_record():
    hosted = ConferenceFactory(published=True, title="16th CABMI Conference", country=country("KZ"), city="Almaty")
    attended = ConferenceFactory(published=True, title="17th CABMI Conference")
    participation = ParticipationFactory(conference=attended, country=country("KZ"))
    StatementFactory(session=SessionFactory(conference=attended), organization=None, country=country("KZ"),
                     text="A statement for Kazakhstan.")
    return hosted, participation


def test_an_edit_elsewhere_leaves_a_states_page_as_it_was(client, state_on_record):
    first = client.get(COUNTRY).content
    person = PersonFactory(name="Somebody Else")

    person.name = "Somebody Else, renamed"
    person.save()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(COUNTRY).content

    assert again == first
    assert len(captured) <= 5


def rename_country(state_on_record):
    Country.objects.filter(pk="KZ").update(name_en="Kazakhstan, renamed")
    Country.objects.get(pk="KZ").save()
    return "Kazakhstan, renamed"


def rename_hosted_edition(state_on_record):
    hosted, _participation = state_on_record
    hosted.city = "Astana"
    hosted.save()
    return "Astana"


def publish_another_edition(state_on_record):
    ConferenceFactory(published=True, title="18th CABMI Conference", country=country("KZ"))
    return "18th CABMI Conference"


def correct_its_statement(state_on_record):
    statement = Statement.objects.get(country="KZ")
    statement.text = "A corrected statement for Kazakhstan."
    statement.save()
    return "A corrected statement for Kazakhstan."


def rename_attended_edition(state_on_record):
    _hosted, participation = state_on_record
    participation.conference.title = "17th CABMI Conference, renamed"
    participation.conference.save()
    return "17th CABMI Conference, renamed"


@pytest.mark.parametrize("edit", [rename_country, rename_hosted_edition, publish_another_edition, correct_its_statement,
                                  rename_attended_edition])
def test_an_edit_of_anything_a_states_page_shows_reaches_the_next_request(client, state_on_record, edit):
    assert client.get(COUNTRY).status_code == 200

    shown = edit(state_on_record)

    assert shown in client.get(COUNTRY).content.decode()


def test_a_state_whose_only_edition_is_withdrawn_leaves_at_once(client):
    hosted = ConferenceFactory(published=True, country=country("TJ"))
    assert client.get("/en/countries/tj/").status_code == 200

    Conference.objects.filter(pk=hosted.pk).update(status=Conference.Status.DRAFT)

    assert client.get("/en/countries/tj/").status_code == 404


# An organization's page: its parent, its country, its offices on record, its roles, participations and statements.
SECRETARIAT = "/en/organizations/osce-secretariat/"
OSCE = "/en/organizations/osce/"


@pytest.fixture
def organization_on_record():
    osce = OrganizationFactory(slug="osce", name="Organization for Security and Co-operation in Europe")
    secretariat = OrganizationFactory(slug="osce-secretariat", name="OSCE Secretariat", parent=osce, country=country("AT"))
    OrganizationFactory(slug="po-dushanbe", name="Programme Office in Dushanbe", parent=secretariat)
    edition = ConferenceFactory(published=True, title="17th CABMI Conference")
    RoleFactory(conference=edition, organization=secretariat, role=Role.Kind.ORGANIZER)
    StatementFactory(session=SessionFactory(conference=edition), organization=secretariat, text="For the Secretariat.")
    # An edition it took part in without a statement: only its participation shows the edition.
    ParticipationFactory(conference=ConferenceFactory(published=True, slug="cabmi-16", title="16th CABMI Conference"),
                         role=Participation.Kind.ORGANIZATION, country=None, organization=secretariat)
    return secretariat


def test_an_edit_elsewhere_leaves_an_organizations_page_as_it_was(client, organization_on_record):
    first = client.get(SECRETARIAT).content
    other = OrganizationFactory(name="Somebody Else's Office")

    other.name = "Somebody Else's Office, renamed"
    other.save()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(SECRETARIAT).content

    assert again == first
    # The organization, the editions, its roles, participations and statements, its offices shown, whether its parent
    # is: nothing is rendered.
    assert len(captured) == 7


def rename_organization(secretariat):
    secretariat.name = "OSCE Secretariat, renamed"
    secretariat.save()
    return "OSCE Secretariat, renamed"


def rename_parent(secretariat):
    secretariat.parent.name = "OSCE, renamed"
    secretariat.parent.save()
    return "OSCE, renamed"


def rename_its_country(secretariat):
    Country.objects.filter(pk="AT").update(name_en="Republic of Austria")
    Country.objects.get(pk="AT").save()
    return "Republic of Austria"


def an_office_comes_on_record(secretariat):
    RoleFactory(conference=Conference.objects.get(title="17th CABMI Conference"), organization=Organization.objects.get(slug="po-dushanbe"))
    return "Programme Office in Dushanbe"


def correct_a_statement_on_its_behalf(secretariat):
    statement = Statement.objects.get(organization=secretariat)
    statement.text = "For the Secretariat, corrected."
    statement.save()
    return "For the Secretariat, corrected."


def rename_an_edition_without_its_statements(secretariat):
    edition = Conference.objects.get(slug="cabmi-16")
    edition.title = "16th CABMI Conference, renamed"
    edition.save()
    return "16th CABMI Conference, renamed"


def take_part_in_another_edition(secretariat):
    ParticipationFactory(conference=ConferenceFactory(published=True, title="18th CABMI Conference"),
                         role=Participation.Kind.ORGANIZATION, country=None, organization=secretariat)
    return "18th CABMI Conference"


@pytest.mark.parametrize("edit", [
    rename_organization, rename_parent, rename_its_country, an_office_comes_on_record, correct_a_statement_on_its_behalf,
    rename_an_edition_without_its_statements, take_part_in_another_edition,
])
def test_an_edit_of_anything_an_organizations_page_shows_reaches_the_next_request(client, organization_on_record, edit):
    assert client.get(SECRETARIAT).status_code == 200

    shown = edit(organization_on_record)

    assert shown in client.get(SECRETARIAT).content.decode()


def test_a_parent_shown_for_its_office_follows_the_office(client, organization_on_record):
    """The OSCE is on record through its Secretariat alone: its page lists the Secretariat, and leaves when it does."""
    assert "OSCE Secretariat" in client.get(OSCE).content.decode()
    rename_organization(organization_on_record)
    assert "OSCE Secretariat, renamed" in client.get(OSCE).content.decode()

    Conference.objects.update(status=Conference.Status.DRAFT)

    assert client.get(OSCE).status_code == 404
    assert client.get(SECRETARIAT).status_code == 404


def statement_contexts(html):
    """The edition named above each statement a page lists."""
    return re.findall(r'<h3 class="statement__context"><a href="[^"]*">([^<]*)</a></h3>', html)


@pytest.mark.parametrize("address", [COUNTRY, "/en/organizations/osce-kz/"])
def test_a_renamed_edition_is_named_so_above_the_statements_made_at_it(client, state_on_record, address):
    session = Statement.objects.get(country="KZ").session
    StatementFactory(session=session, organization=OrganizationFactory(slug="osce-kz", name="OSCE office"), country=None)
    assert statement_contexts(client.get(address).content.decode()) == ["17th CABMI Conference"]

    rename_attended_edition(state_on_record)

    assert statement_contexts(client.get(address).content.decode()) == ["17th CABMI Conference, renamed"]


def test_a_statement_whose_edition_was_withdrawn_between_two_reads_is_left_out(state_on_record):
    hosted, participation = state_on_record
    StatementFactory(session=SessionFactory(conference=hosted), organization=None, country=country("KZ"))
    editions = [row for row in row_states(published_edition_rows, (), "en") if row[0]["id"] != hosted.pk]

    [statement_rows] = row_states_together(listed_read("en", country_id="KZ"))
    listed = listed_from(statement_rows, editions)

    assert [session["conference_id"] for session in listed.related_columns("session")] == [participation.conference_id]
    assert [columns["id"] for columns in listed.related_columns("session__conference")] == [participation.conference_id]
