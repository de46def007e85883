"""The server's own entry point (cabmi_portal.wsgi) answers a GET of a cached page before Django handles the request.

The answer is the one Django's middleware made the first time, headers and all;
an edit, a withdrawal or PAGE_CACHE=0 reach the very next request; anything that
is not a plain GET of a cached page goes through Django as before.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from reversion.models import Version

from cabmi_portal.wsgi import application
from events.interchange.importer import import_conference
from events.models import Conference
from sessions.models import Statement
from tests.events.test_admin import changeform_data
from tests.events.test_versions import save_through_admin
from tests.factories import ConferenceFactory, PersonFactory, SessionFactory, StatementFactory, country

pytestmark = pytest.mark.django_db

EDITION = "/en/conferences/cabmi-17/"
DEMO_DOCUMENT = Path(__file__).parents[1] / "events/interchange/demo/cabmi-17.json"


@pytest.fixture
def edition():
    conference = ConferenceFactory(published=True, slug="cabmi-17", title="17th CABMI Conference", country=country("UZ"),
                                   start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15))
    StatementFactory(session=SessionFactory(conference=conference), speaker=PersonFactory(slug="helga-schmid", name="Helga Schmid"),
                     text="Border management is a shared task.")
    return conference


@pytest.fixture
def handled_by_django():
    """The addresses of the requests Django itself handled (its request_started signal), in order."""
    handled = []

    def started(sender, environ, **kwargs):
        handled.append(environ["PATH_INFO"])

    request_started.connect(started)
    yield handled
    request_started.disconnect(started)


def answer(path, method="GET", **extra):
    """(status, headers as a dict, body) of the WSGI application's answer."""
    environ = getattr(RequestFactory(), method.lower())(path, **extra).environ
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As Django's test client does: the test's transaction must outlive the request's end.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


def test_a_cached_page_is_answered_whole_without_django_and_with_the_same_headers(edition, handled_by_django,
                                                                                 django_assert_num_queries):
    first = answer(EDITION)
    assert first[0] == "200 OK" and b"Border management is a shared task." in first[2]

    with django_assert_num_queries(0):
        again = answer(EDITION)

    assert handled_by_django == [EDITION]
    assert again == first
    # The middleware's headers were kept with the page, not left behind with Django.
    assert {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Content-Language"} <= set(again[1])


def test_an_edit_and_a_withdrawal_reach_the_next_request(edition, handled_by_django):
    answer(EDITION)
    statement = edition.sessions.get().statements.get()
    statement.text = "Border management is a task we share."
    statement.save()

    assert b"Border management is a task we share." in answer(EDITION)[2]

    edition.status = Conference.Status.DRAFT
    edition.save()
    assert answer(EDITION)[0].startswith("404")
    assert answer(EDITION)[0].startswith("404")  # a 404 is never kept: Django answers it each time
    assert handled_by_django == [EDITION] * 4


@pytest.mark.parametrize("extra", [{"QUERY_STRING": "x=1"}, {"REQUEST_METHOD": "HEAD"}, {"REQUEST_METHOD": "POST"}],
                         ids=["query string", "HEAD", "POST"])
def test_only_a_plain_get_is_answered_whole(edition, handled_by_django, extra):
    answer(EDITION)
    answer(EDITION)
    assert handled_by_django == [EDITION]

    answer(EDITION, **extra)

    assert handled_by_django == [EDITION, EDITION]


def test_made_up_parameters_are_answered_from_django_each_time_and_never_kept(edition, handled_by_django):
    for number in range(3):
        status, _headers, body = answer(EDITION, QUERY_STRING=f"x={number}")
        assert status == "200 OK" and b"Border management is a shared task." in body

    assert handled_by_django == [EDITION] * 3


def test_an_answer_that_varies_on_a_request_header_is_never_kept_whole_but_its_page_is_cached(
        edition, handled_by_django, django_assert_num_queries):
    # The sitemap is a cached page, but its address has no language: Django answers with "Vary: Accept-Language".
    status, headers, body = answer("/sitemap.xml")
    assert status == "200 OK" and "Accept-Language" in headers["Vary"]

    with django_assert_num_queries(0):
        assert answer("/sitemap.xml")[2] == body

    assert handled_by_django == ["/sitemap.xml", "/sitemap.xml"]


def test_each_host_and_scheme_has_its_own_answer(edition, handled_by_django):
    plain = answer(EDITION)[2].decode()
    secure = answer(EDITION, secure=True)[2].decode()
    other_host = answer(EDITION, HTTP_HOST="localhost")[2].decode()

    assert '<link rel="canonical" href="http://testserver/en/conferences/cabmi-17/">' in plain
    assert '<link rel="canonical" href="https://testserver/en/conferences/cabmi-17/">' in secure
    assert '<link rel="canonical" href="http://localhost/en/conferences/cabmi-17/">' in other_host
    assert answer(EDITION, HTTP_HOST="localhost")[2].decode() == other_host
    assert len(handled_by_django) == 3


def test_a_host_the_site_does_not_serve_is_refused_every_time(edition, handled_by_django):
    answer(EDITION)

    for _ in range(2):
        assert answer(EDITION, HTTP_HOST="attacker.example")[0].startswith("400")

    assert len(handled_by_django) == 3


def test_without_the_page_cache_every_request_reaches_django(edition, handled_by_django, settings):
    settings.PAGE_CACHE = False

    answer(EDITION)
    answer(EDITION)

    assert handled_by_django == [EDITION, EDITION]


def test_an_unpublished_edition_is_never_kept(edition, handled_by_django):
    Conference.objects.filter(pk=edition.pk).update(status=Conference.Status.DRAFT)

    assert answer(EDITION)[0].startswith("404")
    assert answer(EDITION)[0].startswith("404")
    assert handled_by_django == [EDITION, EDITION]


@pytest.mark.parametrize("host", ["localhost:1", "LOCALHOST"])
def test_a_host_written_another_way_is_never_answered_whole(edition, handled_by_django, host):
    for _ in range(2):
        assert answer(EDITION, HTTP_HOST=host)[0] == "200 OK"

    assert handled_by_django == [EDITION, EDITION]


def test_an_answer_to_head_has_the_headers_of_the_page_and_no_body(edition):
    status, headers, body = answer(EDITION, method="HEAD")

    assert status == "200 OK" and body == b""
    assert int(headers["Content-Length"]) == len(answer(EDITION)[2])


def test_a_reimport_an_admin_edit_and_a_restore_each_reach_the_next_answer(admin_client, tmp_path,
                                                                           django_capture_on_commit_callbacks):
    document = json.loads(DEMO_DOCUMENT.read_text())
    document["status"] = "published"
    source = tmp_path / "cabmi-17.json"
    source.write_text(json.dumps(document))
    assert not import_conference(source).problems
    assert b"Today\xe2\x80\x99s CABMI Conference" in answer(EDITION)[2]
    answer(EDITION)  # now answered whole

    document["sessions"][0]["statements"][0]["text"]["en"] = "Re-imported: a corrected text."
    source.write_text(json.dumps(document))
    with django_capture_on_commit_callbacks(execute=True):  # the import moves the generation on when it commits
        assert not import_conference(source).problems
    assert b"Re-imported: a corrected text." in answer(EDITION)[2]

    statement = Statement.objects.get(text_en="Re-imported: a corrected text.")
    save_through_admin(admin_client, statement, text_en="Edited in the admin.")
    answer(EDITION)
    assert b"Edited in the admin." in answer(EDITION)[2]

    earlier = next(v for v in Version.objects.get_for_object(statement) if "Re-imported" in v.serialized_data)
    revision_url = reverse("admin:programme_statement_revision", args=[statement.pk, earlier.pk])
    assert admin_client.post(revision_url, changeform_data(admin_client.get(revision_url))).status_code == 302
    assert b"Re-imported: a corrected text." in answer(EDITION)[2]


class CountingCache(LocMemCache):
    """The local cache, counting its round trips as a shared cache (Redis) would make them."""

    reads = 0

    def get(self, *args, **kwargs):
        CountingCache.reads += 1
        return super().get(*args, **kwargs)

    def get_many(self, keys, version=None):
        CountingCache.reads += 1
        found = {}
        for key in keys:
            value = super().get(key, version=version)
            if value is not None:
                found[key] = value
        return found


def test_a_cached_page_costs_one_read_of_the_cache_and_an_edit_leaves_one_copy(edition, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.test_whole_answers.CountingCache", "LOCATION": "counting"}}
    answer(EDITION)

    CountingCache.reads = 0
    status, _headers, body = answer(EDITION)

    assert status == "200 OK" and b"Border management is a shared task." in body
    assert CountingCache.reads == 1
    for number in range(3):
        statement = Statement.objects.get()
        statement.text = f"Border management is a shared task, edit {number}."
        statement.save()
        assert f"edit {number}.".encode() in answer(EDITION)[2]
    # Kept once, as the whole answer: the page a view renders is not kept besides.
    assert sum(":portal:page:" in key for key in caches["default"]._cache) == 1
    # A HEAD, or a parameter the page does not read, is answered by Django, from the page cache from then on.
    assert answer(EDITION, QUERY_STRING="x=1")[2] == answer(EDITION)[2]
    assert sum(":portal:page:" in key for key in caches["default"]._cache) == 2


def test_a_search_reads_what_is_computed_once_per_generation_in_one_round_trip(client, edition, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.test_whole_answers.CountingCache", "LOCATION": "counting-search"}}
    client.get("/en/search/", {"q": "border"})

    CountingCache.reads = 0
    response = client.get("/en/search/", {"q": "border"})

    assert "<mark>Border</mark> management is a shared task." in response.content.decode()
    assert CountingCache.reads == 1  # the listing order and the generation together
