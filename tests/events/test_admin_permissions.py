"""What the Secretariat group may and may not do in the admin, action by action."""

import pytest
from django.urls import reverse

from events.models import Conference
from participants.models import Organization, Person
from sessions.models import Statement
from tests.events.test_admin import changeform_data
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    SeriesFactory,
    SessionFactory,
    StatementFactory,
    image_file,
)

ADDABLE = ["events_series", "events_conference", "programme_photo", "participants_organization", "participants_person",
           "programme_session", "programme_statement"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("name", ADDABLE)
def test_secretariat_opens_add_page_of_every_portal_record(secretariat_client, name):
    assert secretariat_client.get(reverse(f"admin:{name}_add")).status_code == 200


def records():
    statement = StatementFactory()
    return {
        "events_series": SeriesFactory(),
        "events_conference": statement.session.conference,
        "programme_photo": PhotoFactory(conference=statement.session.conference),
        "participants_country": statement.session.conference.country,
        "participants_organization": statement.organization,
        "participants_person": statement.speaker,
        "programme_session": statement.session,
        "programme_statement": statement,
    }


def test_secretariat_changes_every_portal_record(secretariat_client, media):
    for name, record in records().items():
        url = reverse(f"admin:{name}_change", args=[record.pk])
        response = secretariat_client.get(url)
        assert response.status_code == 200, name

        response = secretariat_client.post(url, changeform_data(response))

        assert response.status_code == 302, name


def test_secretariat_adds_a_conference(secretariat_client):
    series = SeriesFactory()
    data = changeform_data(secretariat_client.get(reverse("admin:events_conference_add")))
    data.update(series=series.pk, slug="cabmi-99", status="draft", title_en="Ninety-ninth", start_date="2030-01-01",
                end_date="2030-01-02", sources="[]", extra="{}")

    assert secretariat_client.post(reverse("admin:events_conference_add"), data).status_code == 302
    assert Conference.objects.filter(slug="cabmi-99").exists()


def test_secretariat_uploads_a_photo_inline(secretariat_client, media):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(secretariat_client.get(url))
    data.update({"photos-TOTAL_FORMS": "1", "photos-0-image": image_file("team.jpg", size=(600, 400)), "photos-0-order": "0",
                 "photos-0-alt_en": "Delegates", "photos-0-caption_ru": "Делегаты"})

    assert secretariat_client.post(url, data).status_code == 302

    photo = conference.photos.get()
    assert (photo.alt_en, photo.caption_ru, photo.width) == ("Delegates", "Делегаты", 600)


def test_secretariat_deletes_a_draft_conference(secretariat_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_delete", args=[conference.pk])

    assert secretariat_client.get(url).status_code == 200
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 302
    assert not Conference.objects.filter(pk=conference.pk).exists()


def test_secretariat_cannot_delete_a_published_conference(secretariat_client):
    conference = ConferenceFactory(published=True)
    url = reverse("admin:events_conference_delete", args=[conference.pk])

    assert secretariat_client.get(url).status_code == 403
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 403
    assert Conference.objects.filter(pk=conference.pk).exists()


def test_secretariat_change_page_of_published_conference_has_no_delete_link(secretariat_client):
    conference = ConferenceFactory(published=True)

    response = secretariat_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    assert response.context["has_delete_permission"] is False


def test_bulk_delete_skips_published_conferences_with_a_message(secretariat_client):
    draft, published = ConferenceFactory(title="Draft one"), ConferenceFactory(title="Public one", published=True)
    url = reverse("admin:events_conference_changelist")
    selected = {"action": "delete_selected", "_selected_action": [draft.pk, published.pk]}

    confirm = secretariat_client.post(url, selected)
    done = secretariat_client.post(url, selected | {"post": "yes"}, follow=True)

    assert [c.pk for c in confirm.context["queryset"]] == [draft.pk]
    assert "Published conferences cannot be deleted; unpublish them first: Public one." in [str(m) for m in done.context["messages"]]
    assert list(Conference.objects.values_list("title", flat=True)) == ["Public one"]


def test_bulk_delete_of_only_published_conferences_deletes_nothing(secretariat_client):
    published = ConferenceFactory(published=True)

    response = secretariat_client.post(
        reverse("admin:events_conference_changelist"), {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"}
    )

    assert response.status_code == 302
    assert Conference.objects.count() == 1


def test_superuser_may_delete_a_published_conference(admin_client):
    conference = ConferenceFactory(published=True)

    response = admin_client.post(reverse("admin:events_conference_delete", args=[conference.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Conference.objects.exists()


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/", "/admin/auth/group/add/"])
def test_secretariat_cannot_manage_users_or_groups(secretariat_client, url):
    assert secretariat_client.get(url).status_code == 403


def test_secretariat_cannot_change_its_own_group(secretariat_client, secretariat_user):
    group = secretariat_user.groups.get()

    assert secretariat_client.get(reverse("admin:auth_group_change", args=[group.pk])).status_code == 403


def test_secretariat_cannot_add_or_delete_countries(secretariat_client):
    assert secretariat_client.get(reverse("admin:participants_country_add")).status_code == 403
    assert secretariat_client.get(reverse("admin:participants_country_delete", args=["UZ"])).status_code == 403


def test_secretariat_deletes_an_unused_person_and_organization(secretariat_client):
    person, organization = PersonFactory(), OrganizationFactory()

    for name, record in (("participants_person", person), ("participants_organization", organization)):
        assert secretariat_client.post(reverse(f"admin:{name}_delete", args=[record.pk]), {"post": "yes"}).status_code == 302
    assert not Person.objects.exists() and not Organization.objects.exists()


def test_secretariat_deletes_a_statement_and_a_session(secretariat_client):
    statement = StatementFactory()

    for name, pk in (("programme_statement", statement.pk), ("programme_session", statement.session_id)):
        assert secretariat_client.post(reverse(f"admin:{name}_delete", args=[pk]), {"post": "yes"}).status_code == 302
    assert not Statement.objects.exists()


def test_deleting_a_person_who_spoke_shows_what_uses_them(secretariat_client):
    statement = StatementFactory()
    url = reverse("admin:participants_person_delete", args=[statement.speaker.pk])

    response = secretariat_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    link = reverse("admin:programme_statement_change", args=[statement.pk])
    assert response.context["protected"] == [f'Statement: <a href="{link}">{statement}</a>']
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Person.objects.filter(pk=statement.speaker.pk).exists()


def test_deleting_an_organization_in_use_shows_statements_and_participations(secretariat_client):
    statement = StatementFactory()
    participation = ParticipationFactory(organization=statement.organization, country=None, role="organization")

    response = secretariat_client.get(reverse("admin:participants_organization_delete", args=[statement.organization.pk]))

    assert response.status_code == 200
    link = reverse("admin:programme_statement_change", args=[statement.pk])
    own_page = reverse("admin:events_participation_change", args=[participation.pk])
    assert sorted(response.context["protected"]) == [
        f'Participation: <a href="{own_page}">{participation}</a>',
        f'Statement: <a href="{link}">{statement}</a>',
    ]


def test_deleting_a_country_in_use_shows_what_uses_it(admin_client):
    participation = ParticipationFactory()

    response = admin_client.post(reverse("admin:participants_country_delete", args=["KZ"]), {"post": "yes"})

    assert response.status_code == 200
    own_page = reverse("admin:events_participation_change", args=[participation.pk])
    assert f'Participation: <a href="{own_page}">{participation}</a>' in response.context["protected"]
    assert participation.country.__class__.objects.filter(code="KZ").exists()


def test_secretariat_deleting_an_organization_in_use_changes_nothing(secretariat_client):
    session = SessionFactory()
    statement = StatementFactory(session=session)

    response = secretariat_client.post(
        reverse("admin:participants_organization_changelist"),
        {"action": "delete_selected", "_selected_action": [statement.organization.pk], "post": "yes"},
    )

    assert response.status_code == 200
    assert Organization.objects.filter(pk=statement.organization.pk).exists()
