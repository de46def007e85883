"""Queries compiled once per process (cabmi_portal.prepared) give what the ORM gives, whatever the filter's value."""

import datetime

import pytest
from django.db import DataError, connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from cabmi_portal.prepared import (
    built_rows,
    built_statement,
    prepared_rows,
    record_from_stored,
    statement_of,
    stored_rows,
    stored_rows_together,
)
from cabmi_portal.views import series_at_a_glance
from events.models import Conference
from sessions.models import Statement
from tests.factories import ConferenceFactory, SessionFactory, StatementFactory, country

pytestmark = pytest.mark.django_db


def edition_rows():
    return Conference.objects.rewrite(False).order_by("id").values_list("id", "slug", "start_date", "country_id", "title")


EDITIONS = edition_rows()


@pytest.fixture
def editions():
    first = ConferenceFactory(published=True, slug="first", start_date=datetime.date(2021, 12, 1), country=country("UZ"))
    second = ConferenceFactory(published=True, slug="second", start_date=datetime.date(2022, 12, 13), country=country("KZ"))
    ConferenceFactory(slug="draft", country=country("UZ"))
    return first, second


@pytest.mark.parametrize(
    "filters", [{}, {"slug": "second"}, {"country_id": "UZ"}, {"slug": "nobody"}, {"id": 0}, {"id": 2**70}, {"id": -(2**63)}]
)
def test_the_rows_are_the_orms(editions, filters):
    assert prepared_rows(EDITIONS, **filters) == list(EDITIONS.filter(**filters))


def test_values_are_converted_as_the_orm_converts_them(editions):
    """SQLite stores JSON and a time zone's datetimes as text: the row holds what the ORM's holds."""
    first, _second = editions
    Conference.objects.filter(pk=first.pk).update(sources=[{"title": "Press release"}])
    rows = Conference.objects.rewrite(False).order_by("id").values_list("start_date", "sources", "updated_at")

    (row,) = prepared_rows(rows, slug="first")

    assert row == tuple(rows.get(slug="first"))
    assert row[1] == [{"title": "Press release"}] and row[2].tzinfo is not None


def test_a_query_compiles_once_and_runs_with_each_value(editions):
    first, second = editions
    prepared_rows(EDITIONS, id=first.pk)
    compiled = statement_of.cache_info().misses
    with CaptureQueriesContext(connection) as queries:
        rows = prepared_rows(EDITIONS, id=second.pk)
    assert [row[1] for row in rows] == ["second"]
    assert statement_of.cache_info().misses == compiled
    assert len(queries) == 1


@pytest.mark.parametrize("ids", [[1], [1, 2], [2, 1, 2, 2], [0], [1, -(2**63)], [3, 3, 3]])
def test_a_list_of_ints_gives_the_orms_rows(editions, ids):
    first, second = editions
    ids = [{1: first.pk, 2: second.pk}.get(item, item) for item in ids]
    assert prepared_rows(EDITIONS, id__in=ids) == list(EDITIONS.filter(id__in=ids))


def test_a_list_compiles_once_for_its_length(editions):
    first, second = editions
    prepared_rows(EDITIONS, id__in=[first.pk, first.pk])
    compiled = statement_of.cache_info().misses
    with CaptureQueriesContext(connection) as queries:
        rows = prepared_rows(EDITIONS, id__in=[second.pk, first.pk])
    assert [row[1] for row in rows] == ["first", "second"]
    assert statement_of.cache_info().misses == compiled
    assert len(queries) == 1


def test_a_value_that_is_no_int_or_str_goes_through_the_orm(editions):
    first, second = editions
    assert prepared_rows(EDITIONS, slug__in=["second"]) == list(EDITIONS.filter(pk=second.pk))
    assert prepared_rows(EDITIONS, slug__in=[]) == []
    assert prepared_rows(EDITIONS, id__in=[]) == []
    assert prepared_rows(EDITIONS, id__in=[True]) == list(EDITIONS.filter(id__in=[True]))


def test_a_filter_value_like_a_marker_is_only_a_value(editions):
    assert prepared_rows(EDITIONS, slug="(cabmi marker 0)") == []
    assert prepared_rows(EDITIONS, id=2_000_000_011) == []
    # A query holding a marker among its own parameters: the marker's place is not the filter's alone.
    others = EDITIONS.exclude(slug="(cabmi marker 0)")
    assert [row[1] for row in prepared_rows(others, slug="second")] == ["second"]


def slugs_between(shape, low, high):
    """A query of the editions' slugs from `low` to `high`, named in `shape` ("both" or "high"); low used twice."""
    editions = Conference.objects.rewrite(False).order_by("slug").exclude(slug="(cabmi marker a0)")
    if shape == "both":
        editions = editions.filter(slug__gte=low, slug__lte=high) | editions.filter(slug=low)
    else:
        editions = editions.filter(slug__lte=high)
    return editions.values_list("slug", flat=False)


def test_built_rows_are_the_orms_for_every_value(editions):
    ConferenceFactory(slug="(cabmi marker a0)")
    for shape, low, high in [("both", "a", "m"), ("both", "first", "second"), ("both", "t", "z"), ("high", "", "m"),
                             ("both", "(cabmi marker a0)", "(cabmi marker b0)"), ("both", "(cabmi marker b1)", "z")]:
        assert built_rows(slugs_between, shape, low, high) == list(slugs_between(shape, low, high)), (shape, low, high)


def test_built_rows_compile_once_per_shape(editions):
    built_statement.cache_clear()
    assert built_rows(slugs_between, "both", "a", "m") == [("draft",), ("first",)]
    with CaptureQueriesContext(connection) as queries:
        assert built_rows(slugs_between, "both", "s", "t") == [("second",)]
    assert len(queries) == 1
    assert built_statement.cache_info().misses == 1


def test_built_rows_of_a_value_the_query_changes_go_through_the_orm(editions):
    def slugs_containing(shape, text):
        return Conference.objects.rewrite(False).filter(slug__contains=text).order_by("slug").values_list("slug")

    assert built_rows(slugs_containing, None, "r") == [("draft",), ("first",)]
    assert built_statement(slugs_containing, None, 1, connection.vendor, "default", "en") is None
    assert built_rows(slugs_between, "both", 1, "z") == list(slugs_between("both", 1, "z"))


def test_annotations_come_in_the_order_values_list_names_them(editions):
    first, second = editions
    opening, closing = SessionFactory(conference=second), SessionFactory(conference=second)
    for session in (opening, opening, closing):
        StatementFactory(session=session)
    counts = Statement.objects.rewrite(False).order_by().values("session__conference_id")
    counts = counts.annotate(statements=Count("id"), sessions=Count("session", distinct=True))
    for names in (("statements", "sessions"), ("sessions", "statements")):
        assert prepared_rows(counts.values_list("session__conference_id", *names)) == [
            (second.pk, *({"statements": 3, "sessions": 2}[name] for name in names))
        ]


def test_the_series_at_a_glance_counts_the_published_record(editions):
    assert series_at_a_glance() == {"editions": 2, "host_countries": 2, "statements": 0}
    StatementFactory(session=SessionFactory(conference=editions[1]))
    assert series_at_a_glance()["statements"] == 1
    Conference.objects.update(status=Conference.Status.DRAFT)
    assert series_at_a_glance() == {"editions": 0, "host_countries": 0, "statements": 0}


def test_a_record_made_from_stored_values_is_the_one_the_orm_loads(editions):
    """Keys are made of the values as stored; a page renders records made of them, as the ORM would have loaded them."""
    first, _second = editions
    published_at = datetime.datetime(2022, 12, 16, 9, 30, tzinfo=datetime.UTC)
    sources = [{"title": "Press release", "url": "https://example.org/"}]
    Conference.objects.filter(pk=first.pk).update(sources=sources, extra={"note": "ноябрь"}, published_at=published_at)
    # In the model's order, as row_states() reads them and Model.from_db() takes them.
    columns = ("id", "slug", "start_date", "participants_count", "sources", "extra", "published_at", "updated_at")
    stored = Conference.objects.rewrite(False).order_by("id").values_list(*columns)

    (values,) = stored_rows(stored, slug="first")
    made = record_from_stored(Conference, columns, values)

    loaded = Conference.objects.get(pk=first.pk)
    for column in columns:
        assert getattr(made, column) == getattr(loaded, column), column
    assert made.sources[0]["title"] == "Press release" and made.extra == {"note": "ноябрь"}


def test_stored_rows_are_the_same_through_the_orm(editions):
    """A filter that is not prepared (a list) reads the same stored values as one that is."""
    first, _second = editions
    assert stored_rows(EDITIONS, id__in=[first.pk]) == stored_rows(EDITIONS, id=first.pk)
    assert stored_rows(EDITIONS, id__in=[]) == []


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_postgresql_prepares_each_statement_once_per_connection(editions, monkeypatch):
    def kept_of(condition):
        return [statement for statement in prepared_statements() if condition in statement]

    in_uzbekistan = EDITIONS.filter(country_id="UZ")
    assert [row[1] for row in prepared_rows(in_uzbekistan, slug="first")] == ["first"]
    assert [row[1] for row in prepared_rows(in_uzbekistan, slug="draft")] == ["draft"]
    assert len(kept_of('"events_conference"."country_id" = $1 AND "events_conference"."slug" = $2')) == 1

    # PREPARED_STATEMENTS=0 (settings): the same rows, from a statement the server is not asked to keep.
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", None)
    elsewhere = EDITIONS.exclude(country_id="TJ")
    assert [row[1] for row in prepared_rows(elsewhere, slug="second")] == ["second"]
    assert kept_of('NOT ("events_conference"."country_id" = ') == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_a_prepared_statement_shows_in_the_log_of_queries(editions):
    """Run by name, a prepared statement leaves no text behind: the log of queries (DEBUG, tests) is given it."""
    first, _second = editions
    prepared_rows(EDITIONS, slug="first")
    with CaptureQueriesContext(connection) as queries:
        assert [row[1] for row in prepared_rows(EDITIONS, slug="second")] == ["second"]
    [query] = queries.captured_queries
    assert '"events_conference"."slug" = $1' in query["sql"]


QUERIES_TOGETHER = [
    (EDITIONS, {"slug": "second"}),
    (EDITIONS, {"country_id": "UZ"}),
    (EDITIONS, {"start_date__gte": datetime.date(2022, 1, 1)}),  # a date: through the ORM
    (EDITIONS, {"id": 2**70}),  # out of range: matches nothing, without asking the database
    (EDITIONS, {}),
    (EDITIONS, {"slug": "nobody"}),
]


def test_rows_read_together_are_the_rows_read_one_by_one(editions):
    assert stored_rows_together(QUERIES_TOGETHER) == [stored_rows(query, **filters) for query, filters in QUERIES_TOGETHER]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pipeline mode")
def test_postgresql_answers_the_prepared_ones_together_and_an_error_leaves_the_connection_usable(editions, monkeypatch):
    stored_rows(EDITIONS, slug="first")  # connected
    pipelines = []
    opened = connection.connection.pipeline
    monkeypatch.setattr(connection.connection, "pipeline", lambda: pipelines.append(1) or opened())

    with CaptureQueriesContext(connection) as queries:
        stored_rows_together(QUERIES_TOGETHER)

    assert pipelines == [1]
    assert len(queries) == 5  # all but the out-of-range one, each in the log

    broken = EDITIONS.extra(where=["1 / (id - id) = 1"])  # division by zero, in the server
    with pytest.raises(DataError), transaction.atomic():
        stored_rows_together([(EDITIONS, {"slug": "first"}), (broken, {"slug": "first"})])
    assert [row[1] for row in stored_rows(EDITIONS, slug="second")] == ["second"]
