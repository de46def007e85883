"""Two tabs on one record: the admin sends back a form saved after someone else changed what it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Conference
from events.publishing import publish
from sessions.models import Statement
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, RoleFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Someone saved this"


def two_tabs(client, url):
    """The POST data of two tabs opened on ``url`` one after the other, before either saves."""
    return changeform_data(client.get(url)), changeform_data(client.get(url))


def test_a_stale_tab_is_sent_back_with_its_entries_and_who_saved_last(admin_client, admin_user):
    statement = StatementFactory(session=SessionFactory(), text="As delivered.")
    url = reverse("admin:programme_session_change", args=[statement.session_id])
    first_tab, second_tab = two_tabs(admin_client, url)
    assert admin_client.post(url, {**first_tab, "statements-0-text_en": "As delivered, corrected."}).status_code == 302

    stale = admin_client.post(url, {**second_tab, "statements-0-position_en": "Head of delegation"})

    assert stale.status_code == 200
    html = stale.content.decode()
    assert CONFLICT in html and f"Last saved by {admin_user.username}" in html
    assert 'value="Head of delegation"' in html  # nothing typed is lost
    statement.refresh_from_db()
    assert statement.text == "As delivered, corrected." and statement.position != "Head of delegation"


def test_saving_the_sent_back_form_again_replaces_the_record_on_purpose(admin_client):
    statement = StatementFactory(session=SessionFactory(), text="As delivered.")
    url = reverse("admin:programme_session_change", args=[statement.session_id])
    first_tab, second_tab = two_tabs(admin_client, url)
    admin_client.post(url, {**first_tab, "statements-0-text_en": "As delivered, corrected."})
    sent_back = admin_client.post(url, {**second_tab, "statements-0-position_en": "Head of delegation"})

    again = admin_client.post(url, changeform_data(sent_back))

    assert again.status_code == 302
    statement.refresh_from_db()
    assert (statement.text, statement.position) == ("As delivered.", "Head of delegation")


def test_a_tab_opened_before_publishing_does_not_unpublish_the_edition(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    stale_tab = changeform_data(admin_client.get(url))
    publish(conference)

    response = admin_client.post(url, {**stale_tab, "summary_en": "A fuller summary."})

    assert response.status_code == 200 and CONFLICT in response.content.decode()
    conference.refresh_from_db()
    assert conference.status == Conference.Status.PUBLISHED
    assert conference.summary_en != "A fuller summary."


def test_a_row_added_to_an_inline_since_the_form_was_opened_is_a_change(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    stale_tab = changeform_data(admin_client.get(url))
    RoleFactory(conference=conference)

    assert CONFLICT in admin_client.post(url, {**stale_tab, "summary_en": "A fuller summary."}).content.decode()


def test_a_change_to_what_the_form_does_not_show_is_no_conflict(admin_client):
    statement = StatementFactory(session=SessionFactory(), text="As delivered.")
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    tab = changeform_data(admin_client.get(url))
    other = StatementFactory(session=statement.session)  # a sibling: not on this statement's form
    Statement.objects.filter(pk=other.pk).update(text="Changed elsewhere.")

    assert admin_client.post(url, {**tab, "text_en": "As delivered, corrected."}).status_code == 302
    statement.refresh_from_db()
    assert statement.text == "As delivered, corrected."


def test_a_form_posted_without_the_digest_is_saved_as_before(admin_client):
    statement = StatementFactory(session=SessionFactory(), text="As delivered.")
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    tab = changeform_data(admin_client.get(url))
    Statement.objects.filter(pk=statement.pk).update(position_en="Minister")
    del tab["edited_from"]

    assert admin_client.post(url, {**tab, "text_en": "Scripted."}).status_code == 302


def test_the_digest_is_a_hidden_field_of_the_change_form_only(admin_client):
    statement = StatementFactory(session=SessionFactory())
    change = admin_client.get(reverse("admin:programme_statement_change", args=[statement.pk])).content.decode()
    add = admin_client.get(reverse("admin:programme_statement_add")).content.decode()

    assert change.count('type="hidden" name="edited_from"') == 1
    assert 'name="edited_from"' not in add


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks: it writes one transaction at a time")
def test_a_save_locks_the_record_while_it_compares_and_writes(admin_client):
    statement = StatementFactory(session=SessionFactory())
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    tab = changeform_data(admin_client.get(url))

    with CaptureQueriesContext(connection) as queries:
        assert admin_client.post(url, {**tab, "text_en": "Locked."}).status_code == 302

    locks = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
    assert len(locks) == 1 and "programme_statement" in locks[0]


def test_the_note_is_in_the_staff_members_language(admin_client):
    statement = StatementFactory(session=SessionFactory())
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    first_tab, second_tab = two_tabs(admin_client, url)
    admin_client.post(url, {**first_tab, "text_en": "Corrected."})

    html = admin_client.post(url, second_tab, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "Кто-то сохранил эту запись после того, как вы её открыли" in html and "Последнее сохранение: admin" in html
