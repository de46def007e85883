"""Statements in the admin: the original language picked by name, rows ordered by moving them, new rows last."""

import pytest
from django.urls import reverse

from sessions.models import Statement
from tests.events.test_admin import changeform_data
from tests.factories import PersonFactory, SessionFactory, StatementFactory, country

pytestmark = pytest.mark.django_db


def test_original_language_is_a_choice_of_names_storing_the_code(admin_client):
    statement = StatementFactory(original_language="en")
    url = reverse("admin:programme_statement_change", args=[statement.pk])

    response = admin_client.get(url)
    page = response.content.decode()

    assert '<select name="original_language"' in page
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="ru">Русский</option>' in page
    assert '<option value="tk">Türkmençe</option>' in page
    assert '<option value="de">German</option>' in page

    response = admin_client.post(url, changeform_data(response) | {"original_language": "tr"})

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.original_language == "tr"


def test_language_names_follow_the_admins_language(admin_client):
    statement = StatementFactory(original_language="de")

    page = admin_client.get(
        reverse("admin:programme_statement_change", args=[statement.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()

    assert '<option value="de" selected>Немецкий</option>' in page
    assert '<option value="kk">Қазақша</option>' in page


def test_a_stored_language_the_list_lacks_is_shown_and_kept(admin_client):
    statement = StatementFactory(original_language="sr")
    url = reverse("admin:programme_statement_change", args=[statement.pk])

    response = admin_client.get(url)

    assert '<option value="sr" selected>Serbian (sr)</option>' in response.content.decode()
    data = changeform_data(response)
    assert data["original_language"] == "sr"
    assert admin_client.post(url, data | {"position_en": "Head of delegation"}).status_code == 302
    statement.refresh_from_db()
    assert (statement.original_language, statement.position_en) == ("sr", "Head of delegation")


def test_statement_rows_have_move_buttons_and_a_hidden_order(admin_client):
    session = SessionFactory(statements=2)

    page = admin_client.get(reverse("admin:programme_session_change", args=[session.pk])).content.decode()

    assert page.count('<button type="button" class="move-up"') == 3  # two rows and the template of a new one
    assert page.count('<button type="button" class="move-down"') == 3
    assert "Move up" in page and "Move down" in page
    assert '<input type="hidden" name="statements-0-order"' in page
    assert 'class="move-begin"' not in page  # the library's icons, which no keyboard reaches
    assert "adminsortable2/js/adminsortable2" in page
    assert "admin-extra/js/row-order.js" in page


def test_a_new_statement_comes_after_the_last(admin_client):
    session = SessionFactory()
    StatementFactory(session=session, order=7)
    url = reverse("admin:programme_session_change", args=[session.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"statements-TOTAL_FORMS": "2", "statements-1-speaker": PersonFactory().pk, "statements-1-order": "0",
                 "statements-1-country": country("KZ").pk, "statements-1-delivery": "in_person", "statements-1-text_en": "Closing words."})

    assert admin_client.post(url, data).status_code == 302

    assert list(session.statements.values_list("text_en", "order"))[-1] == ("Closing words.", 8)


def test_moved_rows_are_saved_in_their_new_order(admin_client):
    session = SessionFactory()
    first, second = StatementFactory(session=session, order=1), StatementFactory(session=session, order=2)
    url = reverse("admin:programme_session_change", args=[session.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"statements-0-order": "2", "statements-1-order": "1"})  # as the Move buttons leave them

    assert admin_client.post(url, data).status_code == 302

    assert list(Statement.objects.filter(session=session)) == [second, first]
