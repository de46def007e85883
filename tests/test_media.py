"""Uploaded files: named and typed by their content, never script on our origin, drafts and originals only for staff."""

import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.interchange.importer import import_conference
from events.interchange.sample import generated_document, write_document
from events.photos import rendition_urls
from sessions.models import Photo
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, PhotoFactory

RANDOM_NAME = re.compile(r"^photos/[0-9a-f]{32}\.(jpg|png|webp)$")


@pytest.fixture
def media(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_bytes(size=(640, 480)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (41.0, 18.0, 0.0)}  # GPSInfo: where the camera was
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (10, 120, 60)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", password="pw", is_staff=True))
    return client


def test_imported_png_named_html_is_stored_and_served_as_png(media, tmp_path, client):
    document, _files = generated_document(photos=0)
    document["photos"] = [{"file": "x.html", "alt": {"en": "A photo"}}]
    folder = write_document(tmp_path / "doc", document, {"x.html": png_bytes()})

    report = import_conference(folder)

    assert report.ok, report.problems
    photo = Photo.objects.get()
    assert RANDOM_NAME.match(photo.image.name), photo.image.name
    rendition = rendition_urls(photo)["fallback"]
    response = client.get(rendition)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")


@pytest.mark.parametrize("name", ["photo.pdf", "photo.ps"])
def test_admin_upload_is_named_by_its_content_not_its_name(admin_client, media, name):
    conference = ConferenceFactory()
    data = changeform_data(admin_client.get(reverse("admin:programme_photo_add")))
    data.update(conference=conference.pk, order="0", alt_en="Delegates", image=SimpleUploadedFile(name, png_bytes()))

    response = admin_client.post(reverse("admin:programme_photo_add"), data)

    assert response.status_code == 302
    assert RANDOM_NAME.match(Photo.objects.get().image.name)
    assert Photo.objects.get().image.name.endswith(".png")


def test_uploaded_photo_name_is_not_guessable(admin_client, media):
    conference = ConferenceFactory()
    data = changeform_data(admin_client.get(reverse("admin:programme_photo_add")))
    data.update(conference=conference.pk, order="0", image=SimpleUploadedFile("minister-visit-2024.jpg", jpeg_with_gps()))

    admin_client.post(reverse("admin:programme_photo_add"), data)

    name = Photo.objects.get().image.name
    assert RANDOM_NAME.match(name) and "minister" not in name


def test_stored_file_of_another_type_is_a_sandboxed_download_even_for_staff(media, client, django_user_model):
    default_storage.save("photos/evil.html", ContentFile(b"<script>alert(document.cookie)</script>"))
    client = staff_client(client, django_user_model)

    response = client.get("/media/photos/evil.html")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_draft_photos_are_only_for_staff(media, client, django_user_model):
    photo = PhotoFactory(conference=ConferenceFactory(status="draft"))
    urls = [photo.image.url, rendition_urls(photo)["fallback"]]

    assert [client.get(url).status_code for url in urls] == [404, 404]
    client = staff_client(client, django_user_model)
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_originals_are_never_public_only_their_exif_free_renditions(media, client):
    photo = PhotoFactory(conference=ConferenceFactory(published=True), image=ContentFile(jpeg_with_gps(), name="gps.jpg"))
    page = client.get(photo.conference.get_absolute_url()).content.decode()
    event = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))

    assert client.get(photo.image.url).status_code == 404
    assert photo.image.url not in page
    assert event["image"] and all("/photos/renditions/" in url for url in event["image"])
    for url in event["image"]:
        response = client.get(url.removeprefix("http://testserver"))
        with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
            assert (response.status_code, dict(image.getexif())) == (200, {})


@pytest.mark.parametrize("name", ["proceedings/cabmi-17/en/draft-0123abcd.pdf", "proceedings/cabmi-17/en/0123abcd.pdf"])
def test_stored_pdfs_are_not_reachable_under_media_without_staff(media, client, django_user_model, name):
    default_storage.save(name, ContentFile(b"%PDF-1.7 draft"))

    assert client.get(f"/media/{name}").status_code == 404
    client = staff_client(client, django_user_model)
    assert client.get(f"/media/{name}")["Content-Disposition"].startswith("attachment")


def test_unpublished_edition_photos_stop_answering(media, client):
    photo = PhotoFactory(conference=ConferenceFactory(published=True))
    url = rendition_urls(photo)["fallback"]
    assert client.get(url).status_code == 200

    photo.conference.status = "draft"
    photo.conference.save()

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("path", ["a" * 300, "photos/" + "b" * 300 + ".jpg", "../settings.py", "photos/%00.jpg", "photos/"])
def test_odd_media_paths_answer_404(media, client, django_user_model, path):
    client = staff_client(client, django_user_model)

    assert client.get(f"/media/{path}").status_code == 404


def test_long_slugs_make_no_cache_key_warning(client, db):
    import warnings

    from django.core.cache import CacheKeyWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get(f"/en/conferences/{'s' * 300}/proceedings.pdf")

    assert response.status_code == 404
    assert [w for w in caught if issubclass(w.category, CacheKeyWarning)] == []
