"""The programme on the conference page: sessions inline, keys from titles, the way back, and session pickers naming the edition."""

import json

import pytest
from django.urls import reverse

from sessions.models import Session
from tests.events.test_admin import changeform_data, translated
from tests.factories import ConferenceFactory, PhotoFactory, SeriesFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db

def session_rows(*titles, start=0):
    """POST data for new rows of the conference page's Sessions table, keys left empty, numbered 1, 2, 3… as the page numbers them.

    (A row sent with order 0 is given the highest saved order plus one when it is saved, which could tie with the next row's.)
    """
    data = {"sessions-TOTAL_FORMS": str(start + len(titles))}
    for index, title in enumerate(titles, start):
        data |= {f"sessions-{index}-title_en": title, f"sessions-{index}-kind": "plenary", f"sessions-{index}-order": str(index + 1)}
        data[f"sessions-{index}-key"] = ""
    return data

def test_sessions_are_added_on_a_new_conference_page_with_keys_from_titles(admin_client):
    series = SeriesFactory()
    url = reverse("admin:events_conference_add")
    data = changeform_data(admin_client.get(url)) | translated("title")
    data.update(series=series.pk, edition="40", slug="", status="draft", start_date="2030-05-20", end_date="2030-05-21",
                country="UZ", attendance="hybrid", sources="[]", extra="{}")
    data |= session_rows("Opening session", "Opening session", "Открытие")

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    sessions = Session.objects.filter(conference__slug="cabmi-40").order_by("order")
    assert [(s.key, s.title_en) for s in sessions] == [
        ("opening-session", "Opening session"), ("opening-session-2", "Opening session"), ("session", "Открытие")]

def test_new_rows_get_keys_unique_among_the_saved_sessions_and_typed_keys_are_kept(admin_client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, key="closing", title="Closing", order=0)
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url)) | session_rows("Closing", "Closing", start=1)
    data["sessions-2-key"] = "final-words"

    assert admin_client.post(url, data).status_code == 302

    assert list(conference.sessions.order_by("order").values_list("key", flat=True)) == ["closing", "closing-2", "final-words"]

def test_session_admin_makes_the_key_from_the_english_title(admin_client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, key="working-group-on-border-crossings")
    url = reverse("admin:programme_session_add")
    data = changeform_data(admin_client.get(url, {"conference": conference.pk})) | translated("title")
    data.update(key="", kind="working_group", order="1", title_en="Working group on border crossings_2025")

    assert admin_client.post(url + f"?conference={conference.pk}", data).status_code == 302

    assert conference.sessions.order_by("pk").last().key == "working-group-on-border-crossings-2025"

def test_conference_page_lists_sessions_with_their_statements_count_and_link(admin_client):
    session = SessionFactory(title="Opening", statements=3)
    response = admin_client.get(reverse("admin:events_conference_change", args=[session.conference.pk]))

    [sessions] = [inline for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "sessions"]
    html = response.content.decode()
    assert [form.instance.statement_total for form in sessions.formset.forms] == [3]
    assert '<strong class="statement-count">3</strong>' in html
    assert f'href="{reverse("admin:programme_session_change", args=[session.pk])}?_return=conference"' in html
    assert "edit session and its statements" in html
    add = reverse("admin:programme_session_add") + f"?conference={session.conference.pk}&amp;_return=conference"
    assert f'href="{add}"' in html

def test_add_session_from_the_conference_returns_to_it(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:programme_session_add") + f"?conference={conference.pk}&_return=conference"
    data = changeform_data(admin_client.get(url)) | translated("title") | {"key": "", "kind": "panel", "order": "2"}

    response = admin_client.post(url, data)
    again = admin_client.post(url, data | {"_continue": "1"})

    assert response["Location"] == reverse("admin:events_conference_change", args=[conference.pk])
    assert again["Location"].count("_return=conference") == 1
    assert list(conference.sessions.values_list("key", flat=True)) == ["title-in-en", "title-in-en-2"]

def test_session_page_breadcrumbs_lead_to_its_conference(admin_client):
    session = SessionFactory(title="Opening", conference__edition=16)

    html = admin_client.get(reverse("admin:programme_session_change", args=[session.pk])).content.decode()
    add = admin_client.get(reverse("admin:programme_session_add"), {"conference": session.conference.pk}).content.decode()

    conference_link = f'<a href="{reverse("admin:events_conference_change", args=[session.conference.pk])}#sessions-group">CABMI 16</a>'
    for page in (html, add):
        breadcrumbs = page.split('<div class="breadcrumbs">')[1].split("</div>")[0]
        assert f'<a href="{reverse("admin:events_conference_changelist")}">Conferences</a>' in breadcrumbs
        assert conference_link in breadcrumbs
    assert "&rsaquo; Opening" in html.split('<div class="breadcrumbs">')[1].split("</div>")[0]

def test_statement_session_picker_names_the_edition(admin_client):
    statement = StatementFactory(session__title="Opening session", session__conference__edition=16)

    html = admin_client.get(reverse("admin:programme_statement_change", args=[statement.pk])).content.decode()

    assert f'<option value="{statement.session.pk}" selected>CABMI 16 — Opening session</option>' in html

def test_photo_inline_session_choices_name_the_edition(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory(title="Site visit", conference__edition=16)
    PhotoFactory(conference=session.conference, session=session)

    html = admin_client.get(reverse("admin:events_conference_change", args=[session.conference.pk])).content.decode()

    assert f'<option value="{session.pk}" selected>CABMI 16 — Site visit</option>' in html

@pytest.mark.parametrize("count", [1, 20])
def test_session_autocomplete_names_the_edition_in_bounded_queries(admin_client, django_assert_max_num_queries, count):
    for edition in range(count):
        SessionFactory(title="Opening session", conference__edition=100 + edition)
    query = {"app_label": "programme", "model_name": "statement", "field_name": "session", "term": "opening"}

    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("admin:autocomplete"), query)

    texts = [result["text"] for result in json.loads(response.content)["results"]]
    assert len(texts) == count
    assert "CABMI 100 — Opening session" in texts

def test_session_autocomplete_finds_by_edition(admin_client):
    # Russian titles given too: the factory's numbered ones ("… 17") would match the edition's number.
    SessionFactory(key="opening", title="Opening session", title_ru="Открытие", conference__edition=16)
    SessionFactory(key="opening", title="Opening session", title_ru="Открытие", conference__edition=17)
    query = {"app_label": "programme", "model_name": "statement", "field_name": "session", "term": "CABMI 17 opening"}

    response = admin_client.get(reverse("admin:autocomplete"), query)

    assert [result["text"] for result in json.loads(response.content)["results"]] == ["CABMI 17 — Opening session"]

@pytest.mark.parametrize("count", [1, 20])
def test_statement_list_queries_do_not_grow_with_sessions(admin_client, django_assert_max_num_queries, count):
    for _ in range(count):
        StatementFactory()

    with django_assert_max_num_queries(10):
        assert admin_client.get(reverse("admin:programme_statement_changelist")).status_code == 200


def test_a_session_saved_from_a_stale_second_tab_does_not_undo_the_first(admin_client):
    """Two tabs open on one session: the second, saved after the first, must not silently put the old text back."""
    statement = StatementFactory(session=SessionFactory(conference=ConferenceFactory(published=True)), text="As delivered.")
    url = reverse("admin:programme_session_change", args=[statement.session_id])
    first_tab, second_tab = changeform_data(admin_client.get(url)), changeform_data(admin_client.get(url))
    text = next(key for key, value in first_tab.items() if value == "As delivered.")

    assert admin_client.post(url, {**first_tab, text: "As delivered, corrected."}).status_code == 302
    stale = admin_client.post(url, {**second_tab, "statements-0-position_en": "Head of delegation"})

    statement.refresh_from_db()
    assert statement.text == "As delivered, corrected."
    assert stale.status_code == 200
