"""The programme admin: sessions with their statements inline, a tab per language, every language saved."""

from django.urls import reverse

from sessions.models import Session, Statement
from tests.events.test_admin import LANGUAGES, VALUES, assert_language_tabs, changeform_data, translated
from tests.factories import ConferenceFactory, PersonFactory, SessionFactory, StatementFactory


def test_session_add_saves_every_language(admin_client):
    conference = ConferenceFactory()
    response = admin_client.get(reverse("admin:programme_session_add"), {"conference": conference.pk})
    for field in ("title", "location", "description"):
        assert_language_tabs(response, field)
    data = changeform_data(response) | translated("title") | translated("location", {code: f"Hall {code}" for code in LANGUAGES})
    data.update(key="site-visit", kind="site_visit", order="3")

    assert admin_client.post(reverse("admin:programme_session_add"), data).status_code == 302

    session = Session.objects.get(key="site-visit")
    assert session.conference == conference
    assert [getattr(session, f"title_{code}") for code in LANGUAGES] == list(VALUES.values())
    assert session.location_tg == "Hall tg"


def test_session_change_edits_statements_inline_in_every_language(admin_client):
    session = SessionFactory()
    speaker = PersonFactory()
    url = reverse("admin:programme_session_change", args=[session.pk])
    response = admin_client.get(url)
    assert_language_tabs(response, "text", prefix="statements-__prefix__-")
    data = changeform_data(response)
    data.update({"statements-TOTAL_FORMS": "1", "statements-0-speaker": speaker.pk, "statements-0-delivery": "video",
                 "statements-0-order": "0", **{f"statements-0-text_{code}": f"Text in {code}" for code in LANGUAGES}})

    assert admin_client.post(url, data).status_code == 302

    statement = session.statements.get()
    assert (statement.speaker, statement.delivery) == (speaker, "video")
    assert [getattr(statement, f"text_{code}") for code in LANGUAGES] == [f"Text in {code}" for code in LANGUAGES]


def test_statement_change_saves_every_language(admin_client):
    statement = StatementFactory()
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    response = admin_client.get(url)
    assert_language_tabs(response, "position")

    assert admin_client.post(url, changeform_data(response) | translated("position")).status_code == 302

    statement.refresh_from_db()
    assert [getattr(statement, f"position_{code}") for code in LANGUAGES] == list(VALUES.values())


def test_statement_for_both_a_state_and_an_organization_is_a_form_error(admin_client):
    statement = StatementFactory()
    url = reverse("admin:programme_statement_change", args=[statement.pk])

    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {"country": "TJ"})

    assert response.status_code == 200
    assert Statement.objects.get(pk=statement.pk).country is None


def test_session_end_before_start_is_a_form_error(admin_client):
    session = SessionFactory()
    url = reverse("admin:programme_session_change", args=[session.pk])

    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {"start_time": "11:00", "end_time": "10:00"})

    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).start_time is None


def test_programme_lists_render_and_search(admin_client):
    StatementFactory(session__title="Opening ceremony", session__title_ru="Церемония открытия")

    sessions = admin_client.get(reverse("admin:programme_session_changelist"), {"q": "открытия"})
    statements = admin_client.get(reverse("admin:programme_statement_changelist"))

    assert [s.title for s in sessions.context["cl"].result_list] == ["Opening ceremony"]
    assert statements.context["cl"].result_count == 1


def test_session_links_to_the_site_only_when_its_conference_is_published(admin_client):
    draft, published = SessionFactory(), SessionFactory(conference__published=True)

    def has_link(session):
        return admin_client.get(reverse("admin:programme_session_change", args=[session.pk])).context["has_absolute_url"]

    assert (has_link(draft), has_link(published)) == (False, True)
