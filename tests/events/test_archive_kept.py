"""The archive is kept under the state of every edition it lists (events.views.archive); filtered, it is rendered afresh.

An edit elsewhere leaves it as it is, read with one small query; an edit of
anything it shows reaches the very next request. PAGE_CACHE off here: the
page cache forgets every page at any edit, and would hide what these test.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Conference
from tests.factories import ConferenceFactory, SeriesFactory, country

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

ARCHIVE = "/en/conferences/"


@pytest.fixture
def edition():
    ConferenceFactory(published=True, slug="cabmi-16", title="16th CABMI Conference", start_date=datetime.date(2021, 12, 1),
                      end_date=datetime.date(2021, 12, 2), country=country("KZ"))
    return ConferenceFactory(published=True, slug="cabmi-17", title="17th CABMI Conference", city="Tashkent",
                             start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15),
                             country=country("UZ"), sessions=1, sessions__statements=1)


def test_an_edit_the_archive_does_not_show_leaves_it_as_it_was(client, edition, django_assert_max_num_queries):
    first = client.get(ARCHIVE).content
    statement = edition.sessions.get().statements.get()
    statement.text = "A corrected statement."
    statement.save()
    ConferenceFactory(slug="draft", title="A draft edition")

    with django_assert_max_num_queries(1):
        assert client.get(ARCHIVE).content == first


def retitle(edition):
    edition.title = "17th CABMI Conference, retitled"
    edition.save()
    return "17th CABMI Conference, retitled"


def move_to_another_city(edition):
    edition.city = "Samarkand"
    edition.save()
    return "Samarkand"


def move_the_dates(edition):
    edition.start_date, edition.end_date = datetime.date(2022, 11, 1), datetime.date(2022, 11, 3)
    edition.save()
    return 'datetime="2022-11-01"'


def rename_the_series(edition):
    edition.series.name = "Border Management Initiative, renamed"
    edition.series.save()
    return "Border Management Initiative, renamed"


def rename_the_host_state(edition):
    host = country("UZ")
    host.name = "Republic of Uzbekistan"
    host.save()
    return "Republic of Uzbekistan"


def publish_a_draft(edition):
    ConferenceFactory(published=True, slug="cabmi-18", title="18th CABMI Conference", start_date=datetime.date(2023, 12, 1),
                      end_date=datetime.date(2023, 12, 2), series=SeriesFactory(code="BMSC", name="Staff College"))
    return "18th CABMI Conference"


@pytest.mark.parametrize(
    "edit", [retitle, move_to_another_city, move_the_dates, rename_the_series, rename_the_host_state, publish_a_draft]
)
def test_an_edit_of_what_the_archive_shows_reaches_the_next_request(client, edition, edit):
    client.get(ARCHIVE)

    shown = edit(edition)

    assert shown in client.get(ARCHIVE).content.decode()


def test_a_withdrawn_edition_leaves_the_archive_at_once(client, edition):
    assert "17th CABMI Conference" in client.get(ARCHIVE).content.decode()

    Conference.objects.filter(pk=edition.pk).update(status=Conference.Status.DRAFT)

    page = client.get(ARCHIVE).content.decode()
    assert "17th CABMI Conference" not in page and "16th CABMI Conference" in page


def test_a_filtered_archive_is_rendered_afresh_and_never_kept(client, edition, django_assert_num_queries):
    """As the page cache does: made-up filters cannot fill the cache. Other parameters are not the page's."""
    everything = client.get(ARCHIVE).content.decode()
    in_2021 = client.get(ARCHIVE, {"year": "2021"}).content.decode()
    assert "17th CABMI Conference" in everything and "16th CABMI Conference" in everything
    assert "17th CABMI Conference" not in in_2021 and "16th CABMI Conference" in in_2021
    assert '<option value="kz" selected>' in client.get(ARCHIVE, {"country": "kz"}).content.decode()

    for year in ("2021", "2021", "1999", "3000"):
        # The editions and their count, the choices of host country, year and series: rendered each time (a kept
        # page would be answered with its key's one query).
        with CaptureQueriesContext(connection) as queries:
            client.get(ARCHIVE, {"year": year})
        assert len(queries) >= 4
    with django_assert_num_queries(1):
        assert client.get(ARCHIVE, {"utm_source": "mail"}).content.decode() == everything
