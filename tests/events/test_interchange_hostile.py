"""Malformed documents and archives are refused with their path and a clear message: no traceback, nothing written, no file left."""

import io
import json
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db.models.signals import pre_save

from events.interchange import admin_actions
from events.models import Conference

from .test_interchange_validation import VALID, database_counts

IMPORT_URL = "/admin/events/conference/import/"


def with_fields(text):
    """The valid document with ``text`` (JSON fields, as typed) added at its end."""
    return "{" + json.dumps(VALID)[1:-1] + ", " + text + "}"


MALFORMED = {
    "5,000-digit number": (
        with_fields('"participants_count": ' + "9" * 5000),
        ["participants_count: is a number of 5000 digits; at most 19 are allowed"],
    ),
    "lone surrogate": (
        with_fields('"city": {"en": "Tash\\ud800kent"}'),
        ["city.en: holds a lone surrogate (\\ud800), which is not a character; the text was damaged when it was made"],
    ),
    "lone surrogate in a key": (
        with_fields('"extra": {"\\udfff": 1}'),
        ["extra.\\udfff: holds a lone surrogate (\\udfff), which is not a character; the text was damaged when it was made"],
    ),
    "NaN": (
        with_fields('"participants_count": NaN'),
        ["participants_count: is NaN, which is not a number JSON allows; write a number or null"],
    ),
    "Infinity": (
        with_fields('"extra": {"x": -Infinity}'),
        ["extra.x: is -Infinity, which is not a number JSON allows; write a number or null"],
    ),
    "overflowing float": (
        with_fields('"extra": {"x": 1e999}'),
        ["extra.x: is 1e999, which is not a number JSON allows; write a number or null"],
    ),
    "duplicate key": (with_fields('"edition": 18'), ["edition: is given more than once in the same object"]),
    "duplicate nested key": (
        with_fields('"extra": {"a": {"b": 1, "b": 2}}'),
        ["extra.a.b: is given more than once in the same object"],
    ),
}


def run_command(path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_conference", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


@pytest.mark.django_db
@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_json_is_refused_by_the_command_with_its_path(tmp_path, case):
    text, expected = MALFORMED[case]
    path = tmp_path / "conference.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = database_counts()

    assert run_command(path) == expected
    assert database_counts() == before


@pytest.fixture
def uploads(tmp_path, settings):
    """The folder of the file storage where the import page keeps uploads between preview and confirmation."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path / admin_actions.UPLOADS


def left_behind(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_json_is_refused_in_the_admin_and_leaves_no_file(secretariat_client, uploads, case):
    text, expected = MALFORMED[case]
    upload = SimpleUploadedFile("cabmi-17.json", text.encode("utf-8", "surrogatepass"), content_type="application/json")

    response = secretariat_client.post(IMPORT_URL, {"document": upload})

    assert response.status_code == 200
    assert [f"{p.path}: {p.message}" for p in response.context["report"].problems] == expected
    assert left_behind(uploads) == []
    assert Conference.objects.count() == 0


def zip_with_member_header(flag_bits=0, method=None):
    """A zip of the valid document whose member claims other flags or another compression method."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("conference.json", json.dumps(VALID))
    data = bytearray(buffer.getvalue())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature)
        struct.pack_into("<H", data, at + flags_at, flag_bits)
        if method is not None:
            struct.pack_into("<H", data, at + flags_at + 2, method)
    return bytes(data)


ARCHIVES = {
    "encrypted member": (zip_with_member_header(flag_bits=1), "conference.json: is encrypted; zip the files again without a password"),
    "deflate64 (9)": (
        zip_with_member_header(method=9),
        "conference.json: is packed with compression method 9, which the portal cannot read; zip it again with deflate",
    ),
    "AES (99)": (
        zip_with_member_header(method=99),
        "conference.json: is packed with compression method 99, which the portal cannot read; zip it again with deflate",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", ARCHIVES)
def test_unreadable_zip_members_are_refused_by_the_command(tmp_path, case):
    data, expected = ARCHIVES[case]
    path = tmp_path / "edition.zip"
    path.write_bytes(data)

    assert run_command(path) == [expected]


@pytest.mark.django_db
@pytest.mark.parametrize("case", ARCHIVES)
def test_unreadable_zip_members_are_refused_in_the_admin_and_leave_no_file(secretariat_client, uploads, case):
    data, expected = ARCHIVES[case]

    response = secretariat_client.post(IMPORT_URL, {"document": SimpleUploadedFile("edition.zip", data)})

    assert [str(p) for p in response.context["report"].problems] == [expected]
    assert left_behind(uploads) == []


@pytest.mark.django_db
def test_upload_over_the_limit_is_refused_before_it_is_stored(secretariat_client, uploads, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("huge.json", b" " * (3 * 1024 * 1024) + json.dumps(VALID).encode())

    response = secretariat_client.post(IMPORT_URL, {"document": big})

    assert response.status_code == 200
    assert response.context["form"].errors["document"] == ["the document is 3.0 MB; at most 1 MB are accepted"]
    assert left_behind(uploads) == []
    assert Conference.objects.count() == 0


@pytest.mark.django_db
def test_import_page_still_checks_csrf(client, secretariat_user):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(secretariat_user)

    response = client.post(IMPORT_URL, {"document": SimpleUploadedFile("a.json", b"{}")})

    assert response.status_code == 403


@pytest.mark.django_db
def test_concurrent_import_of_the_same_edition_gets_a_clear_message(tmp_path):
    """The other import commits between this one's checks and its writes (simulated at the moment of saving)."""
    path = tmp_path / "conference.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")

    def other_import_commits_first(sender, instance, **kwargs):
        if instance.title != "Other" and not Conference.objects.filter(slug=instance.slug).exists():
            Conference.objects.create(
                series=instance.series, edition=instance.edition, slug=instance.slug, title="Other", start_date=instance.start_date,
                end_date=instance.end_date,
            )

    pre_save.connect(other_import_commits_first, sender=Conference, dispatch_uid="race")
    try:
        problems = run_command(path)
    finally:
        pre_save.disconnect(dispatch_uid="race", sender=Conference)

    assert problems == [
        "document: another import wrote the same records at the same moment; nothing from this one was written. Import it again."
    ]


@pytest.mark.django_db
def test_photo_inflating_past_the_limit_is_reported_as_more_than_the_limit(tmp_path):
    path = tmp_path / "edition.zip"
    document = dict(VALID, photos=[{"file": "photos/bomb.jpg"}])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conference.json", json.dumps(document))
        archive.writestr("photos/bomb.jpg", b"\0" * (21 * 1024 * 1024))

    assert run_command(path) == ["photos[0].file: “bomb.jpg” is more than 20.0\xa0MB; photos may be at most 20.0\xa0MB."]
