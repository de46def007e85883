"""An edition's page is kept under the state of every record it shows (events.edition_pages).

An edit elsewhere leaves it as it is, read with six small queries; an edit of
anything it shows reaches the very next request. PAGE_CACHE off here: the
page cache forgets every page at any edit, and would hide what these test.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Conference
from participants.models import Country
from sessions.models import Session, Statement
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PhotoFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def edition():
    conference = ConferenceFactory(published=True, slug="cabmi-17", title="17th CABMI Conference")
    RoleFactory(conference=conference, organization=OrganizationFactory(name="UNODC"))
    ParticipationFactory(conference=conference, country=country("KZ"))
    session = SessionFactory(conference=conference, title="Opening session")
    StatementFactory(session=session, text="Border management is a shared task.")
    PhotoFactory(conference=conference, session=session, caption="The opening session")
    return conference


URL = "/en/conferences/cabmi-17/"


def test_an_edit_of_another_edition_leaves_the_page_as_it_was(client, edition):
    other = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    first = client.get(URL).content

    statement = Statement.objects.get(session__conference=other)
    statement.text = "Another edition's corrected statement."
    statement.save()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(URL).content

    assert again == first
    # Only the rows that make the page's key are read (rendering the page would read the edition and its parts again).
    assert len(captured) <= 6


def rename_edition(edition):
    edition.title = "17th CABMI Conference, renamed"
    edition.save()
    return "17th CABMI Conference, renamed"


def rename_host_state(edition):
    Country.objects.filter(pk=edition.country_id).update(name="Uzbekistan, renamed", name_en="Uzbekistan, renamed")
    Country.objects.get(pk=edition.country_id).save()
    return "Uzbekistan, renamed"


def rename_organizer(edition):
    organization = edition.roles.get().organization
    organization.name = "UNODC, renamed"
    organization.save()
    return "UNODC, renamed"


def rename_participating_state(edition):
    state = Country.objects.get(pk="KZ")
    state.name = "Kazakhstan, renamed"
    state.save()
    return "Kazakhstan, renamed"


def rename_session(edition):
    session = edition.sessions.get()
    session.title = "Opening session, renamed"
    session.save()
    return "Opening session, renamed"


def correct_statement(edition):
    statement = Statement.objects.get(session__conference=edition)
    statement.text = "Border management is a task we share."
    statement.save()
    return "Border management is a task we share."


def rename_speaker(edition):
    speaker = Statement.objects.get(session__conference=edition).speaker
    speaker.name = "Renamed Speaker"
    speaker.save()
    return "Renamed Speaker"


def recaption_photo(edition):
    photo = edition.photos.get()
    photo.caption = "The opening session, recaptioned"
    photo.save()
    return "The opening session, recaptioned"


def add_statement(edition):
    StatementFactory(session=edition.sessions.get(), text="A statement added later.")
    return "A statement added later."


@pytest.mark.parametrize("edit", [
    rename_edition, rename_host_state, rename_organizer, rename_participating_state,
    rename_session, correct_statement, rename_speaker, recaption_photo, add_statement,
])
def test_an_edit_of_anything_the_page_shows_reaches_the_next_request(client, edition, edit):
    client.get(URL)

    shown = edit(edition)

    assert shown in client.get(URL).content.decode()


def test_a_withdrawn_edition_is_gone_at_once(client, edition):
    client.get(URL)

    Conference.objects.filter(pk=edition.pk).update(status=Conference.Status.DRAFT)

    assert client.get(URL).status_code == 404


def test_each_host_has_its_own_page(client, edition):
    client.get(URL)

    html = client.get(URL, HTTP_HOST="localhost").content.decode()

    assert '<link rel="canonical" href="http://localhost/en/conferences/cabmi-17/">' in html


def test_an_edit_committed_while_the_page_renders_is_never_kept_under_the_records_as_they_were(client, edition, monkeypatch):
    from events import edition_pages

    session = edition.sessions.get()
    edition_states = edition_pages.edition_states
    reads = []

    def edited_meanwhile(*args, **kwargs):
        states = edition_states(*args, **kwargs)
        if not reads:
            # Another server's edit commits after this request read the page's key and before it loads the edition.
            Session.objects.filter(pk=session.pk).update(title_en="Opening session, edited meanwhile")
        reads.append(states)
        return states

    monkeypatch.setattr(edition_pages, "edition_states", edited_meanwhile)
    assert "Opening session, edited meanwhile" in client.get(URL).content.decode()
    monkeypatch.setattr(edition_pages, "edition_states", edition_states)

    # The edit is undone: the records are as they were when that request read the page's key.
    Session.objects.filter(pk=session.pk).update(title_en="Opening session")

    html = client.get(URL).content.decode()
    assert "Opening session" in html
    assert "edited meanwhile" not in html
