"""Publishing and unpublishing go through one function, whatever the way in: admin action, change form, importer."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from events.models import Conference
from tests.events.test_admin import changeform_data, publish_confirmed
from tests.events.test_interchange_validation import VALID, write
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def history(conference):
    """[(comment, user name)] of the conference's versions, oldest first."""
    versions = Version.objects.get_for_object(conference).select_related("revision__user").order_by("pk")
    return [(v.revision.comment, v.revision.user.username if v.revision.user else None) for v in versions]


def test_publish_action_writes_one_history_entry_with_its_user(admin_client, admin_user):
    conference = ConferenceFactory()

    publish_confirmed(admin_client, conference)
    publish_confirmed(admin_client, conference)

    assert history(conference) == [("Published", admin_user.username)]


def test_unpublish_action_writes_one_history_entry(admin_client, admin_user):
    conference = ConferenceFactory(published=True)

    admin_client.post(
        reverse("admin:events_conference_changelist"), {"action": "unpublish_conferences", "_selected_action": [conference.pk]}
    )

    conference.refresh_from_db()
    assert conference.status == Conference.Status.DRAFT
    assert history(conference) == [("Unpublished (back to draft)", admin_user.username)]


def test_change_form_publishes_through_the_same_function(admin_client, admin_user):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])

    checklist = admin_client.post(url, changeform_data(admin_client.get(url)) | {"status": "published"})["Location"]
    admin_client.post(checklist, {"ids": str(conference.pk), "from": "change", "confirm": "yes"})

    conference.refresh_from_db()
    assert conference.status == Conference.Status.PUBLISHED and conference.published_at is not None
    # The form's save, then the publication confirmed on the checklist, each with its comment and user.
    [(saved, first_user), (published, user)] = history(conference)
    assert ("Status" in saved, published, first_user, user) == (False, "Published", admin_user.username, admin_user.username)


def test_import_with_publish_writes_one_history_entry(tmp_path):
    call_command("import_conference", str(write(tmp_path, VALID)), "--publish", stdout=io.StringIO())

    conference = Conference.objects.get(edition=17)
    assert conference.status == Conference.Status.PUBLISHED and conference.published_at is not None
    assert history(conference) == [("Imported from conference.json and published", None)]


def test_import_of_a_draft_document_takes_a_published_edition_back_to_draft(tmp_path):
    path = write(tmp_path, VALID | {"status": "published"})
    call_command("import_conference", str(path), stdout=io.StringIO())
    first = Conference.objects.get(edition=17).published_at

    out = io.StringIO()
    call_command("import_conference", str(write(tmp_path, VALID | {"status": "draft"})), stdout=out)

    conference = Conference.objects.get(edition=17)
    assert (conference.status, conference.published_at) == (Conference.Status.DRAFT, first)
    assert [comment for comment, _user in history(conference)] == [
        "Imported from conference.json and published",
        "Imported from conference.json, back to draft",
    ]


def test_dry_run_with_publish_publishes_nothing_and_records_nothing(tmp_path):
    conference = ConferenceFactory(series__code="CABMI", edition=17)

    call_command("import_conference", str(write(tmp_path, VALID)), "--publish", "--dry-run", stdout=io.StringIO())

    conference.refresh_from_db()
    assert conference.status == Conference.Status.DRAFT
    assert history(conference) == []
