"""Records written before the search index existed, or behind the portal's back, are found after rebuild_search_index."""

import io

import pytest
from django.core.management import call_command

from events.models import SearchEntry
from tests.factories import ConferenceFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    return {group.kind: group.count for group in response.context["results"].groups if group.count}


def test_rebuild_indexes_records_the_signals_never_saw(client):
    conference = ConferenceFactory(status="published", title="Frontier cooperation meeting")
    statement = StatementFactory(session=SessionFactory(conference=conference), text="Quadrilateral patrols were agreed.")
    # As after an upgrade from a version without the index: the rows exist, the entries do not.
    SearchEntry.objects.all().delete()
    assert found(client, "quadrilateral") == {}

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert found(client, "quadrilateral") == {"statements": 1}
    assert SearchEntry.objects.filter(kind="statements", object_id=statement.pk).count() == 7
    assert "statements: 7 entries" in out.getvalue()


def test_rebuild_drops_entries_of_records_gone_and_is_idempotent(client):
    conference = ConferenceFactory(status="published")
    StatementFactory(session=SessionFactory(conference=conference))
    SearchEntry.objects.create(kind="statements", object_id=999999, language="en", title="ghost", body="", names="",
                               keys="", document="ghost")
    call_command("rebuild_search_index", stdout=io.StringIO())
    first = sorted(SearchEntry.objects.values_list("kind", "object_id", "language"))
    call_command("rebuild_search_index", stdout=io.StringIO())

    assert not SearchEntry.objects.filter(object_id=999999).exists()
    assert sorted(SearchEntry.objects.values_list("kind", "object_id", "language")) == first
