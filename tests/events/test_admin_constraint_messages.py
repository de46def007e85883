"""Broken rules are explained in the staff member's words, in their language, beside the field to correct."""

import pytest
from django.urls import reverse

from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, OrganizationFactory, ParticipationFactory, SessionFactory, StatementFactory

ENGLISH_DATES = "The end date cannot be before the start date."
RUSSIAN_DATES = "Дата окончания не может быть раньше даты начала."


def post_in(client, url, data, language):
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(("language", "message"), [("en", ENGLISH_DATES), ("ru", RUSSIAN_DATES)])
def test_conference_end_before_start_is_explained_on_the_end_date(admin_client, language, message):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url)) | {"end_date": "1999-01-01"}

    response = post_in(admin_client, url, data, language)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["end_date"] == [message]
    assert "__all__" not in form.errors
    assert "conference_dates_ordered" not in response.content.decode()


def test_session_end_before_start_is_explained_on_the_end_time(admin_client):
    session = SessionFactory(start_time="10:00", end_time="11:00")
    url = reverse("admin:programme_session_change", args=[session.pk])
    data = changeform_data(admin_client.get(url)) | {"start_time": "12:00", "end_time": "09:00"}

    response = post_in(admin_client, url, data, "ru")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end_time"] == ["Время окончания не может быть раньше времени начала."]
    assert "session_times_ordered" not in response.content.decode()


def test_statement_for_two_delegations_is_explained_on_the_state(admin_client):
    statement = StatementFactory()
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    data = changeform_data(admin_client.get(url)) | {"country": "TJ"}

    response = post_in(admin_client, url, data, "en")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["country"] == [
        "A statement is made on behalf of one delegation: choose an organization or a state, not both."
    ]
    assert "statement_one_delegation" not in response.content.decode()


def test_role_without_organization_or_country_is_explained_on_the_row(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"roles-TOTAL_FORMS": "1", "roles-0-role": "host", "roles-0-order": "0"})

    response = post_in(admin_client, url, data, "uz")

    assert response.status_code == 200
    roles = next(inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "roles")
    assert roles.forms[0].errors["organization"] == ["Tashkilotni yoki davlatni tanlang: ikkalasini emas, faqat bittasini."]
    assert "role_organization_or_country" not in response.content.decode()


def test_same_country_twice_among_participants_is_an_error_not_a_500(admin_client):
    participation = ParticipationFactory()
    url = reverse("admin:events_conference_change", args=[participation.conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"participations-TOTAL_FORMS": "2", "participations-1-role": "observer", "participations-1-country": "KZ",
                 "participations-1-attendance": "online", "participations-1-order": "1"})

    response = post_in(admin_client, url, data, "en")

    assert response.status_code == 200
    assert participation.conference.participations.count() == 1
    assert "This country already takes part in this conference." in response.content.decode()


def test_organization_as_its_own_parent_is_explained_on_the_parent(admin_client):
    organization = OrganizationFactory()
    url = reverse("admin:participants_organization_change", args=[organization.pk])
    data = changeform_data(admin_client.get(url)) | {"parent": str(organization.pk)}

    response = post_in(admin_client, url, data, "en")

    assert response.status_code == 200
    message = f"“{organization.name}” cannot be its own parent, directly or through others"
    assert response.context["adminform"].form.errors["parent"] == [message]
