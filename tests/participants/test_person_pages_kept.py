"""A person's page is kept under the state of every record it shows (cabmi_portal.fragments.page_kept_by_state).

PAGE_CACHE off here: the page cache forgets every page at any edit, and would hide what these test.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Conference
from participants.models import Country
from sessions.models import Statement
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, SessionFactory, StatementFactory, country

pytestmark = pytest.mark.django_db

URL = "/en/people/helga-schmid/"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


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
