"""Versions: every change kept with who and when, viewable and restorable from the admin."""

import reversion
from django.urls import reverse
from reversion.models import Version

from events.models import Conference, Participation, Role, Series
from participants.models import Organization, Person
from sessions.models import Photo, Session, Statement
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, RoleFactory, SeriesFactory, StatementFactory


def save_through_admin(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, changeform_data(client.get(url)) | changes)
    assert response.status_code == 302
    return response


def test_statement_text_restored_from_an_earlier_version(admin_client, admin_user):
    statement = StatementFactory()
    save_through_admin(admin_client, statement, text_en="We agreed to share risk profiles.")
    save_through_admin(admin_client, statement, text_en="A later, wrong text.")
    versions = list(Version.objects.get_for_object(statement))
    earlier = next(version for version in versions if "share risk profiles" in version.serialized_data)
    history = admin_client.get(reverse("admin:programme_statement_history", args=[statement.pk]))
    revision_url = reverse("admin:programme_statement_revision", args=[statement.pk, earlier.pk])

    preview = admin_client.get(revision_url)
    response = admin_client.post(revision_url, changeform_data(preview))

    assert len(versions) == 2
    assert [str(v.revision.user) for v in versions] == [admin_user.username] * 2
    assert revision_url in history.content.decode()
    assert f"<td>{admin_user.username}</td>" in history.content.decode().replace("\n", "").replace(" ", "")
    assert preview.context["adminform"].form["text_en"].value() == "We agreed to share risk profiles."
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text_en == "We agreed to share risk profiles."
    assert Version.objects.get_for_object(statement).count() == 3


def test_viewing_an_old_version_changes_nothing(admin_client):
    statement = StatementFactory()
    save_through_admin(admin_client, statement, text_en="First")
    save_through_admin(admin_client, statement, text_en="Second")
    first = Version.objects.get_for_object(statement).last()

    response = admin_client.get(reverse("admin:programme_statement_revision", args=[statement.pk, first.pk]))

    assert response.status_code == 200
    statement.refresh_from_db()
    assert statement.text_en == "Second"


def test_conference_version_carries_its_roles_and_sessions(admin_client):
    conference = ConferenceFactory(sessions=2)
    RoleFactory(conference=conference)

    save_through_admin(admin_client, conference, title_ru="Новое название")

    revision = Version.objects.get_for_object(conference).get().revision
    models = sorted({version.content_type.model for version in revision.version_set.all()})
    assert models == ["conference", "role", "session"]


def test_restoring_a_conference_restores_a_deleted_session(admin_client):
    conference = ConferenceFactory(sessions=1)
    session = conference.sessions.get()
    save_through_admin(admin_client, conference, title_en="Before the session was removed")
    version = Version.objects.get_for_object(conference).get()
    Session.objects.filter(pk=session.pk).delete()

    url = reverse("admin:events_conference_revision", args=[conference.pk, version.pk])
    response = admin_client.post(url, changeform_data(admin_client.get(url)))

    assert response.status_code == 302
    assert list(conference.sessions.values_list("title", flat=True)) == [session.title]


def test_versions_recorded_outside_the_admin(admin_user):
    # The importer wraps its writes like this; no admin view is involved.
    with reversion.create_revision():
        reversion.set_user(admin_user)
        statement = StatementFactory()
        organization = OrganizationFactory()
        person = PersonFactory()
        series = SeriesFactory(code="OTHER")

    for record in (statement, organization, person, series, statement.session, statement.session.conference):
        assert Version.objects.get_for_object(record).count() == 1, type(record).__name__


def test_every_portal_record_is_registered():
    for model in (Series, Conference, Role, Participation, Photo, Session, Statement, Organization, Person):
        assert reversion.is_registered(model)
