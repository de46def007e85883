"""Restoring history: the revert page says what it will do, a revert can be undone, and no file a version names is lost."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from reversion.models import Version

from events.models import Conference, Participation, Role
from sessions.models import Photo, Session, Statement
from tests.events.test_admin import changeform_data
from tests.events.test_versions import save_through_admin
from tests.factories import ConferenceFactory, ParticipationFactory, PhotoFactory, RoleFactory, SessionFactory, StatementFactory, image_file


@pytest.fixture
def media(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def versions_of(conference):
    return list(Version.objects.get_for_object(conference).order_by("pk"))


def revert(client, conference, version):
    url = reverse("admin:events_conference_revision", args=[conference.pk, version.pk])
    preview = client.get(url)
    assert preview.status_code == 200
    return preview, client.post(url, changeform_data(preview))


@pytest.fixture
def week_of_work(admin_client, media):
    """An edition saved bare, then a week later with its roles, participations, photo, session and statements."""
    conference = ConferenceFactory(title="Bare edition")
    save_through_admin(admin_client, conference, title_en="Bare edition")
    RoleFactory(conference=conference)
    ParticipationFactory(conference=conference)
    session = SessionFactory(conference=conference, title="Border crossings")
    StatementFactory(session=session)
    PhotoFactory(conference=conference, image=image_file("delegates.jpg"))
    save_through_admin(admin_client, conference, title_en="Complete edition")
    return conference


def counts(conference):
    return [model.objects.filter(**lookup).count() for model, lookup in (
        (Role, {"conference": conference}), (Participation, {"conference": conference}), (Photo, {"conference": conference}),
        (Session, {"conference": conference}), (Statement, {"session__conference": conference}),
    )]


def test_revert_page_lists_what_will_be_deleted_changed_and_added(admin_client, week_of_work):
    bare, _complete = versions_of(week_of_work)
    url = reverse("admin:events_conference_revision", args=[week_of_work.pk, bare.pk])

    preview = admin_client.get(url).context["revert_preview"]

    assert [label for label, _record, _fields in preview.deleted] == ["participation", "photo", "role", "session", "statement"]
    assert [(label, fields) for label, _record, fields in preview.changed] == [("conference", ["title [en]"])]
    assert preview.added == []
    assert counts(week_of_work) == [1, 1, 1, 1, 1]  # looking changes nothing


def test_revert_page_lists_what_will_be_added_back(admin_client, week_of_work):
    _bare, complete = versions_of(week_of_work)
    Role.objects.filter(conference=week_of_work).delete()

    preview = admin_client.get(reverse("admin:events_conference_revision", args=[week_of_work.pk, complete.pk])).context["revert_preview"]

    assert [label for label, _record, _fields in preview.added] == ["role"]


def test_revert_is_a_version_that_can_be_undone_with_every_file(admin_client, week_of_work, media):
    bare, complete = versions_of(week_of_work)
    photo_name = Photo.objects.get().image.name

    _preview, back = revert(admin_client, week_of_work, bare)
    assert back.status_code == 302
    assert counts(week_of_work) == [0, 0, 0, 0, 0]
    assert (media / photo_name).is_file()  # a version still names it
    assert len(versions_of(week_of_work)) == 3

    _preview, forward = revert(admin_client, week_of_work, complete)
    assert forward.status_code == 302
    assert counts(week_of_work) == [1, 1, 1, 1, 1]
    assert Photo.objects.get().image.name == photo_name
    assert admin_client.get(Photo.objects.get().conference.get_absolute_url()).status_code in (200, 404)
    save_through_admin(admin_client, Conference.objects.get(pk=week_of_work.pk), title_en="Saved again")


def test_photo_whose_file_is_missing_never_answers_500(admin_client, media):
    conference = ConferenceFactory(published=True)
    photo = PhotoFactory(conference=conference, image=ContentFile(image_file().read(), name="lost.jpg"))
    for path in media.rglob("*.*"):
        path.unlink()

    change = admin_client.get(reverse("admin:programme_photo_change", args=[photo.pk]))
    save_through_admin(admin_client, conference, title_en="Saved with a lost photo")
    save_through_admin(admin_client, photo, caption_en="Still here")

    assert 'class="errornote photo-missing"' in change.content.decode()
    assert admin_client.get(reverse("admin:programme_photo_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:events_conference_change", args=[conference.pk])).status_code == 200
    for url in (conference.get_absolute_url(), f"/data/conferences/{conference.slug}.json", photo.image.url):
        assert admin_client.get(url).status_code in (200, 404), url
    assert admin_client.get(conference.get_absolute_url()).status_code == 200
