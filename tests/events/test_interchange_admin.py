"""The admin's "Import conference" page and "Export" action, as Secretariat staff use them."""

import html
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Revision, Version

from events.models import Conference
from tests.factories import ConferenceFactory, PhotoFactory

from .test_interchange_validation import VALID, changed

IMPORT_URL = "/admin/events/conference/import/"


def upload(document, name="cabmi-17.json"):
    return SimpleUploadedFile(name, json.dumps(document).encode("utf-8"), content_type="application/json")


@pytest.mark.django_db
def test_import_page_refuses_a_bad_file_with_every_problem(secretariat_client):
    document = changed(country="XX", sessions__0__statements__0__speaker="mittal")

    response = secretariat_client.post(IMPORT_URL, {"document": upload(document)})

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "<li><code>country</code>: “XX” is not an ISO 3166-1 country code such as UZ or TR</li>" in page
    speaker = "<li><code>sessions[0].statements[0].speaker</code>: no person with key “mittal” in this document's “people”</li>"
    assert speaker in page
    assert "cabmi-17.json was not imported: 2 problem(s) found. Nothing was written." in page
    assert 'name="token"' not in page
    assert Conference.objects.count() == 0


@pytest.mark.django_db
def test_import_page_previews_then_imports_on_confirmation(secretariat_client, secretariat_user):
    preview = secretariat_client.post(IMPORT_URL, {"document": upload(VALID)})

    page = preview.content.decode()
    assert "Preview: what importing this document will do" in page
    assert '<tr><th scope="row">Statements</th><td>1</td><td>0</td><td>0</td><td>0</td></tr>' in page
    assert (Conference.objects.count(), Revision.objects.count()) == (0, 0)
    token = preview.context["token"]

    response = secretariat_client.post(IMPORT_URL, {"token": token})

    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_conference_change", args=[conference.pk])
    revision = Revision.objects.get()
    assert (revision.comment, revision.user) == ("Imported from cabmi-17.json", secretariat_user)
    assert Version.objects.get_for_object(conference).count() == 1


@pytest.mark.django_db
def test_import_confirmation_cannot_be_replayed(secretariat_client):
    token = secretariat_client.post(IMPORT_URL, {"document": upload(VALID)}).context["token"]
    secretariat_client.post(IMPORT_URL, {"token": token})

    response = secretariat_client.post(IMPORT_URL, {"token": token}, follow=True)

    assert "That upload has expired or was already imported." in response.content.decode()
    assert Conference.objects.count() == 1


@pytest.mark.django_db
def test_import_page_accepts_a_zip(secretariat_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("conference.json", json.dumps(VALID))
    token = secretariat_client.post(IMPORT_URL, {"document": SimpleUploadedFile("cabmi-17.zip", buffer.getvalue())}).context["token"]

    secretariat_client.post(IMPORT_URL, {"token": token})

    assert Conference.objects.get().slug == "cabmi-17"


@pytest.mark.django_db
def test_import_page_is_refused_without_add_permission(client):
    client.force_login(User.objects.create_user("reader", is_staff=True))

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"document": upload(VALID)}).status_code == 403
    assert Conference.objects.count() == 0


@pytest.mark.django_db
def test_import_page_renders_for_the_secretariat(secretariat_client):
    response = secretariat_client.get(IMPORT_URL)

    assert response.status_code == 200
    assert response.context["title"] == "Import conference"


def export_action(client, conferences):
    changelist = reverse("admin:events_conference_changelist")
    return client.post(changelist, {"action": "export_conferences", "_selected_action": [c.pk for c in conferences]})


@pytest.mark.django_db
def test_export_action_downloads_one_edition_as_json(secretariat_client):
    conference = ConferenceFactory(slug="cabmi-5", edition=5)

    response = export_action(secretariat_client, [conference])

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cabmi-5.json"'
    assert json.loads(response.content)["slug"] == "cabmi-5"


@pytest.mark.django_db
def test_export_action_zips_several_editions(secretariat_client):
    first, second = ConferenceFactory(), ConferenceFactory()
    PhotoFactory(conference=second)

    response = export_action(secretariat_client, [first, second])

    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert f"{first.slug}/conference.json" in names and f"{second.slug}/conference.json" in names
    assert len([n for n in names if n.startswith(f"{second.slug}/photos/")]) == 1


@pytest.mark.django_db
def test_import_preview_is_kept_in_the_shared_file_storage(secretariat_client):
    """The confirming request may reach another server: the upload waits in the storage they share, then goes."""
    preview = secretariat_client.post(IMPORT_URL, {"document": upload(VALID)})
    token = preview.context["token"]

    assert default_storage.listdir(f"import-previews/{token}") == ([], ["cabmi-17.json"])
    secretariat_client.post(IMPORT_URL, {"token": token})

    assert Conference.objects.count() == 1
    assert default_storage.listdir("import-previews") == ([], [])
