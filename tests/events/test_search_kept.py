"""A results page is kept under the states of the records it shows (events.search_views), in each process's memory."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cabmi_portal.fragments import KEPT_PAGE_PREFIX
from events.models import Conference
from events.search_views import KEPT_SEARCHES
from sessions.models import Statement
from tests.factories import ConferenceFactory, SessionFactory, StatementFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def statement():
    conference = ConferenceFactory(published=True, summary="Termez corridor.")
    other = SessionFactory(conference=conference, title="Working group")
    StatementFactory(session=other, text="Nothing about rivers here.")
    return StatementFactory(session=SessionFactory(conference=conference, title="Opening"), text="The Termez corridor opens.")


def search(client, query="termez", language="en", **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_same_search_again_reads_the_matching_entries_and_the_rows_shown_and_renders_nothing(client, statement):
    first, _count = search(client)

    again, count = search(client)

    assert again == first and "The <mark>Termez</mark> corridor opens." in again
    # The matching entries, then the rows of each kind shown (editions, statements); no headlines on PostgreSQL.
    assert count == 3


def test_a_correction_of_a_record_shown_reaches_the_next_search(client, statement):
    search(client)
    statement.text = "The Termez corridor opens, corrected."
    statement.save()

    html, _count = search(client)

    assert "The <mark>Termez</mark> corridor opens, corrected." in html


def test_an_edit_of_a_record_not_shown_leaves_the_page_as_it_was(client, statement):
    first, _count = search(client)
    Statement.objects.exclude(pk=statement.pk).update(text="Still nothing about rivers.")

    again, count = search(client)

    assert again == first and count == 3


def test_a_withdrawn_edition_leaves_the_results_at_once(client, statement):
    search(client)
    Conference.objects.update(status=Conference.Status.DRAFT)
    cache.clear()  # what publishing clears: the order results are listed in, computed once per edit

    html, _count = search(client)

    assert "Termez" not in html.split("</form>", 1)[1] and "0 results" in html


def test_another_language_page_or_query_is_another_page_and_an_unknown_parameter_is_not(client, statement):
    english, _count = search(client)

    assert search(client, language="ru")[0] != english
    assert search(client, "termez corridor")[0] != english
    assert search(client, x="1")[0] == english


def test_searches_are_kept_in_this_process_only_and_the_least_used_dropped(client, statement, monkeypatch):
    monkeypatch.setattr(KEPT_SEARCHES, "_max_entries", 5)

    for number in range(12):
        search(client, f"termez word{number}")

    assert 0 < len(KEPT_SEARCHES._cache) <= 5
    assert not [key for key in cache._cache if KEPT_PAGE_PREFIX in key]
