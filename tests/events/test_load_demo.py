import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Conference, Participation, Role
from participants.models import Organization, Person
from sessions.models import Session, Statement


def counts():
    return {model.__name__: model.objects.count() for model in (Conference, Organization, Person, Role, Participation, Session, Statement)}


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_counts():
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert counts() == first
    assert first == {"Conference": 1, "Organization": 12, "Person": 2, "Role": 4, "Participation": 16, "Session": 2, "Statement": 2}
    assert "everything was unchanged" in out.getvalue()


@pytest.mark.django_db
def test_load_demo_publishes_the_17th_edition_with_the_press_release_facts():
    call_command("load_demo", stdout=io.StringIO())

    conference = Conference.objects.get(slug="cabmi-17")
    assert (conference.status, conference.edition, str(conference.start_date), str(conference.end_date)) == (
        "published",
        17,
        "2022-12-13",
        "2022-12-15",
    )
    assert (conference.city_en, conference.city_ru, conference.city_uz, conference.country_id) == ("Tashkent", "Ташкент", "Toshkent", "UZ")
    assert conference.participants_count is None
    schmid, mittal = Statement.objects.order_by("order")
    assert (schmid.speaker.name_en, schmid.delivery, schmid.original_language) == ("Helga Maria Schmid", "video", "en")
    assert schmid.position_ru == "Генеральный секретарь ОБСЕ"
    assert (mittal.speaker.name_en, mittal.delivery) == ("Ashita Mittal", "unknown")
    assert mittal.text_en.startswith("A vital component to prevent and counter transnational organized crime")
    others = Participation.objects.filter(role="other_state").order_by("order")
    assert [(p.country_id, p.attendance) for p in others] == [("DE", "unknown"), ("TR", "unknown"), ("US", "unknown")]
    assert Organization.objects.get(slug="osce-project-coordinator-uzbekistan").parent.slug == "osce"
    assert list(Session.objects.order_by("order").values_list("kind", flat=True)) == ["other", "site_visit"]


@pytest.mark.django_db
def test_demo_edition_page_asserts_only_what_the_press_release_says(client):
    call_command("load_demo", verbosity=0)
    html = client.get("/en/conferences/cabmi-17/").content.decode()
    assert "video" not in re.sub(r"<[^>]+>", " ", html).casefold()
    assert "Pre-recorded message" in html
    assert "▶" not in html
    assert "Observer" not in html
    assert "Plenary session" not in html
    assert "Opening" not in html
    # Each paragraph of the press release once: the site visit is a session, its sentence is the body's.
    assert html.count("The discussions were followed by a visit to the National Dog Handlers Training Center") == 1
    assert html.count("Participants also exchanged information on the current situation") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["uz", "kk", "ky", "tg", "tk"])
def test_demo_names_the_series_the_osce_and_unodc_in_every_language(client, language):
    call_command("load_demo", verbosity=0)
    with translation.override(language):
        series_name = translation.gettext("Central Asia Border Management Initiative")
    with translation.override(language):
        osce, unodc = Organization.objects.get(slug="osce"), Organization.objects.get(slug="unodc")
        assert Conference.objects.get(slug="cabmi-17").series.name == series_name
    page = client.get(f"/{language}/organizations/osce/").content.decode()
    assert f"<h1>{osce.name} <span class=\"acronym\">({osce.acronym})</span></h1>" in page
    unodc_page = client.get(f"/{language}/organizations/unodc/").content.decode()
    assert re.findall(r"<h1>(.*?)</h1>", unodc_page) == [f'{unodc.name} <span class="acronym">({unodc.acronym})</span>']
    assert unodc.name != "United Nations Office on Drugs and Crime"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
@pytest.mark.django_db
def test_an_import_analyzes_the_tables_it_wrote_once_committed(django_capture_on_commit_callbacks):
    """Autovacuum never analyzes a small table written once: the import does, or the planner joins it as if empty."""
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_demo", stdout=io.StringIO())
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()

    [analyze] = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("ANALYZE")]
    for table in ("events_conference", "events_series", "programme_session", "programme_statement", "participants_person"):
        assert f'"{table}"' in analyze
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'programme_session'")
        assert cursor.fetchone()[0] > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
@pytest.mark.django_db
def test_an_import_that_changes_nothing_analyzes_nothing(django_capture_on_commit_callbacks):
    call_command("load_demo", stdout=io.StringIO())
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_demo", stdout=io.StringIO())
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()

    assert not [query["sql"] for query in queries.captured_queries if query["sql"].startswith("ANALYZE")]
