"""Photos moved from the events app to the programme app: on a database that had them, nothing is lost.

Each test takes the database back to the migrations before the move, writes
there what the old code wrote (a photo in events' table, an edition's
revision with the photo's version naming "events.photo", an admin log entry),
migrates forward and checks through the admin that the photo, its history
and the groups' permissions on it still hold.
"""

import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from cabmi_portal.permissions import SECRETARIAT, TRANSLATOR
from events.models import Conference
from sessions.models import Photo
from tests.events.test_revert import revert
from tests.factories import ConferenceFactory, SessionFactory, image_file

# Migrating changes the schema, so the test cannot run in a transaction; the rows the migrations made come back for each.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("events", "0007_name_then"), ("programme", "0003_delivery_pre_recorded_message")]


def migrate(targets=None):
    """Migrate to ``targets`` (every app's latest migration by default); the historical apps of the state reached."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(targets or leaves)
    ContentType.objects.clear_cache()
    moved = {app for app, _name in targets or ()}
    return executor.loader.project_state([*(targets or ()), *(node for node in leaves if node[0] not in moved)]).apps


@pytest.fixture
def edition(settings, tmp_path):
    """An edition with a session, made before the database goes back (the old schema has no live models)."""
    settings.MEDIA_ROOT = tmp_path
    conference = ConferenceFactory()
    return conference, SessionFactory(conference=conference, title="Border crossings")


@pytest.fixture
def old_schema(edition):
    """The historical apps of the database as it was before the move; migrated forward again afterwards."""
    yield migrate(BEFORE_THE_MOVE)
    migrate()


def old_photo_with_history(old, conference, session, user):
    """What the old code left: the photo, a revision of its edition that holds it (and the session), a log entry of its change."""
    photo = old.get_model("events", "Photo").objects.create(
        conference_id=conference.pk, session_id=session.pk, image=default_storage.save("photos/delegates.jpg", image_file()),
        width=1600, height=1000, caption="Delegates", caption_en="Delegates", caption_ru="Делегаты", order=1,
    )
    content_types = old.get_model("contenttypes", "ContentType").objects
    photo_type = content_types.get(app_label="events", model="photo")
    revision = old.get_model("reversion", "Revision").objects.create(user_id=user.pk, comment="Photos added", date_created=timezone.now())
    edition = old.get_model("events", "Conference").objects.get(pk=conference.pk)
    part = old.get_model("programme", "Session").objects.get(pk=session.pk)
    for record, content_type in (
        (edition, content_types.get(app_label="events", model="conference")),
        (part, content_types.get(app_label="programme", model="session")),
        (photo, photo_type),
    ):
        old.get_model("reversion", "Version").objects.create(
            revision=revision, object_id=str(record.pk), content_type=content_type, db="default", format="json",
            serialized_data=serializers.serialize("json", [record]), object_repr=str(record),
        )
    old.get_model("admin", "LogEntry").objects.create(
        user_id=user.pk, content_type=photo_type, object_id=str(photo.pk), object_repr="Delegates", action_flag=2,
        change_message=json.dumps([{"changed": {"fields": ["Caption [en]"]}}]),
    )
    return photo, photo_type


def test_photos_their_history_and_permissions_survive_the_move(edition, old_schema, admin_client, admin_user, secretariat_client):
    conference, session = edition
    old_photo, old_type = old_photo_with_history(old_schema, conference, session, admin_user)
    old_groups = old_schema.get_model("auth", "Group").objects
    assert set(old_groups.get(name=SECRETARIAT).permissions.filter(content_type=old_type).values_list("codename", flat=True)) == {
        "add_photo", "change_photo", "delete_photo", "view_photo"}
    assert list(old_groups.get(name=TRANSLATOR).permissions.filter(content_type=old_type).values_list("codename", flat=True)) == [
        "view_photo"]

    migrate()

    photo = Photo.objects.get()
    assert (photo.pk, photo.conference, photo.session, photo.caption_en, photo.caption_ru, photo.image.name) == (
        old_photo.pk, conference, session, "Delegates", "Делегаты", "photos/delegates.jpg")
    photo_type = ContentType.objects.get_for_model(Photo)
    assert (photo_type.pk, photo_type.app_label) == (old_type.pk, "programme")
    assert not ContentType.objects.filter(app_label="events", model="photo").exists()
    assert json.loads(Version.objects.get_for_object(photo).get().serialized_data)[0]["model"] == "programme.photo"
    assert LogEntry.objects.get(content_type=photo_type).get_change_message() == "Changed Caption [en]."
    # The admin's history of the photo and of its edition still list the revision; its recent actions, the change.
    assert "Photos added" in admin_client.get(reverse("admin:programme_photo_history", args=[photo.pk])).content.decode()
    assert "Photos added" in admin_client.get(reverse("admin:events_conference_history", args=[conference.pk])).content.decode()
    assert reverse("admin:programme_photo_change", args=[photo.pk]) in admin_client.get(reverse("admin:index")).content.decode()
    # The groups kept their rights over photos, under the new name.
    assert set(Group.objects.get(name=SECRETARIAT).permissions.filter(content_type=photo_type).values_list("codename", flat=True)) == {
        "add_photo", "change_photo", "delete_photo", "view_photo"}
    assert Group.objects.get(name=TRANSLATOR).permissions.filter(content_type=photo_type, codename="view_photo").exists()
    assert secretariat_client.get(reverse("admin:programme_photo_change", args=[photo.pk])).status_code == 200
    # Deleted since, the photo's file is kept while the old version names it, and reverting the edition brings it back.
    photo.delete()
    call_command("remove_orphaned_files", stdout=io.StringIO())
    assert default_storage.exists("photos/delegates.jpg")
    _preview, reverted = revert(admin_client, Conference.objects.get(pk=conference.pk), Version.objects.get_for_object(conference).get())
    assert reverted.status_code == 302
    assert list(Photo.objects.values_list("pk", "caption_ru", "session")) == [(old_photo.pk, "Делегаты", session.pk)]


def test_a_content_type_made_early_under_the_new_name_is_merged_into_the_old_one(edition, old_schema, admin_user):
    conference, session = edition
    old_photo, old_type = old_photo_with_history(old_schema, conference, session, admin_user)
    # Code that ran before the migration made a programme.photo row, a permission on it, and a log entry naming it.
    early_type = old_schema.get_model("contenttypes", "ContentType").objects.create(app_label="programme", model="photo")
    early_change = old_schema.get_model("auth", "Permission").objects.create(content_type=early_type, codename="change_photo", name="x")
    early_only = old_schema.get_model("auth", "Permission").objects.create(content_type=early_type, codename="export_photo", name="y")
    editors = old_schema.get_model("auth", "Group").objects.create(name="Photo editors")
    editors.permissions.add(early_change, early_only)
    old_schema.get_model("admin", "LogEntry").objects.create(
        user_id=admin_user.pk, content_type=early_type, object_id=str(old_photo.pk), object_repr="early", action_flag=2, change_message="")

    migrate()

    photo_type = ContentType.objects.get_for_model(Photo)
    assert photo_type.pk == old_type.pk
    assert not ContentType.objects.filter(pk=early_type.pk).exists()
    assert set(Group.objects.get(name="Photo editors").permissions.values_list("content_type", "codename")) == {
        (photo_type.pk, "change_photo"), (photo_type.pk, "export_photo")}
    assert Permission.objects.filter(content_type=photo_type, codename="change_photo").count() == 1
    assert set(LogEntry.objects.filter(object_id=str(old_photo.pk)).values_list("content_type", flat=True)) == {photo_type.pk}


def test_the_move_can_be_undone(edition, old_schema, admin_user):
    old_photo_with_history(old_schema, *edition, admin_user)
    migrate()

    old = migrate(BEFORE_THE_MOVE)

    photo_type = old.get_model("contenttypes", "ContentType").objects.get(model="photo")
    assert photo_type.app_label == "events"
    assert old.get_model("events", "Photo").objects.get().caption_ru == "Делегаты"
    version = old.get_model("reversion", "Version").objects.get(content_type=photo_type)
    assert json.loads(version.serialized_data)[0]["model"] == "events.photo"
