"""Photo uploads: bad files refused with a clear message and nothing stored; renditions made and removed."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from events.photos import rendition_urls, validate_photo
from sessions.models import Photo
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, PhotoFactory


@pytest.fixture
def media(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stem_of(photo):
    return Path(photo.image.name).stem


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def jpeg_bytes(size=(1600, 1000), exif=None, noise=False):
    image = Image.effect_noise(size, 60).convert("RGB") if noise else Image.new("RGB", size, (40, 90, 140))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's shape."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + png_chunk(b"IEND", b"")


def upload_through_admin(client, name, content):
    conference = ConferenceFactory()
    data = changeform_data(client.get(reverse("admin:programme_photo_add")))
    data.update(conference=conference.pk, order="0", alt_en="Delegates", image=SimpleUploadedFile(name, content))
    return client.post(reverse("admin:programme_photo_add"), data)


def gif_bytes():
    buffer = io.BytesIO()
    Image.new("P", (40, 30)).save(buffer, "GIF")
    return buffer.getvalue()


BAD_UPLOADS = {
    "renamed PDF": ("minutes.jpg", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n",
                    "“minutes.jpg” is a PDF document, not a photo. Upload a JPEG, PNG or WebP image."),
    "truncated JPEG": ("cut.jpg", jpeg_bytes(size=(400, 300), noise=True)[:6000],
                       "“cut.jpg” is damaged or incomplete (perhaps the upload was cut short). Please upload it again."),
    "too many pixels": ("wide.png", png_claiming(10_000, 5_000),
                        "“wide.png” has 10000 × 5000 pixels; photos may have at most 40 megapixels."),
    "decompression bomb": ("bomb.png", png_claiming(30_000, 30_000),
                           "“bomb.png” has too many pixels; photos may have at most 40 megapixels."),
    "not an image": ("notes.png", b"These are meeting notes, not a picture.",
                     "“notes.png” is not a JPEG, PNG or WebP image, or it is damaged."),
    "GIF": ("anim.gif", gif_bytes(),
            "“anim.gif” is a GIF image; photos must be JPEG, PNG or WebP."),
}


@pytest.mark.parametrize("kind", BAD_UPLOADS)
def test_bad_upload_gets_a_clear_form_error_and_nothing_is_stored(admin_client, media, kind):
    name, content, message = BAD_UPLOADS[kind]

    response = upload_through_admin(admin_client, name, content)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [message]
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_oversized_upload_is_refused_before_it_is_opened(admin_client, media):
    content = jpeg_bytes(size=(200, 100)) + b"\0" * (20 * 1024 * 1024)

    response = upload_through_admin(admin_client, "huge.jpg", content)

    assert response.context["adminform"].form.errors["image"] == ["“huge.jpg” is 20.0\xa0MB; photos may be at most 20.0\xa0MB."]
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_bad_photo_in_conference_inline_stores_nothing(admin_client, media):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"photos-TOTAL_FORMS": "1", "photos-0-image": SimpleUploadedFile("minutes.jpg", b"%PDF-1.7\n"), "photos-0-order": "0",
                 "title_en": "Changed title"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    photos = next(inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "photos")
    assert photos.errors[0]["image"] == [BAD_UPLOADS["renamed PDF"][2]]
    conference.refresh_from_db()
    assert conference.title_en != "Changed title"
    assert stored_files(media) == []


def test_validate_photo_accepts_jpeg_png_and_webp():
    for image_format in ("JPEG", "PNG", "WEBP"):
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), (200, 10, 10)).save(buffer, image_format)
        assert validate_photo(ContentFile(buffer.getvalue(), name=f"ok.{image_format.lower()}")) is None


def test_validate_photo_refuses_with_a_validation_error():
    with pytest.raises(ValidationError) as refused:
        validate_photo(ContentFile(b"%PDF-1.7\n", name="scan.png"))

    assert refused.value.messages == ["“scan.png” is a PDF document, not a photo. Upload a JPEG, PNG or WebP image."]


def test_upload_makes_webp_and_jpeg_renditions(admin_client, media):
    response = upload_through_admin(admin_client, "delegates.jpg", jpeg_bytes(size=(1600, 1000)))

    assert response.status_code == 302
    stem = stem_of(Photo.objects.get())
    assert stored_files(media) == [
        f"photos/{stem}.jpg",
        f"photos/renditions/{stem}-1200.jpeg",
        f"photos/renditions/{stem}-1200.webp",
        f"photos/renditions/{stem}-480.jpeg",
        f"photos/renditions/{stem}-480.webp",
    ]
    renditions = media / "photos/renditions"
    with Image.open(renditions / f"{stem}-480.webp") as small, Image.open(renditions / f"{stem}-1200.jpeg") as big:
        assert (small.format, small.size, big.format, big.size) == ("WEBP", (480, 300), "JPEG", (1200, 750))


def test_rendition_urls_give_srcset_for_templates(media):
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(size=(1600, 1000)), name="hall.jpg"))
    hall = stem_of(photo)

    assert rendition_urls(photo) == {
        "webp": f"/media/photos/renditions/{hall}-480.webp 480w, /media/photos/renditions/{hall}-1200.webp 1200w",
        "jpeg": f"/media/photos/renditions/{hall}-480.jpeg 480w, /media/photos/renditions/{hall}-1200.jpeg 1200w",
        "fallback": f"/media/photos/renditions/{hall}-1200.jpeg",
        "width": 1600,
        "height": 1000,
    }


def test_small_photo_is_never_upscaled(media):
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(size=(300, 200)), name="small.jpg"))

    assert rendition_urls(photo)["webp"] == f"/media/photos/renditions/{stem_of(photo)}-300.webp 300w"
    with Image.open(media / f"photos/renditions/{stem_of(photo)}-300.jpeg") as rendition:
        assert rendition.size == (300, 200)


def test_renditions_are_upright_and_carry_no_exif_or_gps(media):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: turn 90° clockwise to show
    exif[0x010F] = "CameraMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (41.0, 18.0, 0.0)})

    photo = PhotoFactory(image=ContentFile(jpeg_bytes(size=(1600, 1000), exif=exif), name="turned.jpg"))

    assert (photo.width, photo.height) == (1000, 1600)
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1000, 1600)
    for name in ("-480.jpeg", "-1000.jpeg", "-480.webp"):
        with Image.open(media / "photos/renditions" / f"{stem_of(photo)}{name}") as rendition:
            assert rendition.width < rendition.height
            assert dict(rendition.getexif()) == {}
            assert "exif" not in rendition.info


def test_deleting_a_photo_keeps_its_files_until_no_version_names_them(admin_client, media, django_capture_on_commit_callbacks):
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(), name="gone.jpg"))
    url = reverse("admin:programme_photo_change", args=[photo.pk])
    admin_client.post(url, changeform_data(admin_client.get(url)) | {"caption_en": "Versioned"})  # a version names the file
    assert len(stored_files(media)) == 5

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:programme_photo_delete", args=[photo.pk]), {"post": "yes"})
    call_command("remove_orphaned_files", stdout=io.StringIO())

    assert response.status_code == 302
    assert len(stored_files(media)) == 5
    Version.objects.all().delete()
    call_command("remove_orphaned_files", stdout=io.StringIO())
    assert stored_files(media) == []


def test_orphaned_files_command_dry_run_deletes_nothing(media):
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(), name="edition.jpg"))
    photo.conference.delete()
    out = io.StringIO()

    call_command("remove_orphaned_files", "--dry-run", stdout=out)

    assert len(stored_files(media)) == 5
    assert out.getvalue().splitlines()[-1] == "Would delete 5 orphaned file(s)."


def test_replacing_an_image_keeps_the_old_files_for_the_history(admin_client, media, django_capture_on_commit_callbacks):
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(), name="old.jpg"))
    old = stem_of(photo)
    url = reverse("admin:programme_photo_change", args=[photo.pk])
    data = changeform_data(admin_client.get(url)) | {"image": SimpleUploadedFile("new.jpg", jpeg_bytes(size=(800, 600)))}

    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302

    new = stem_of(Photo.objects.get())
    assert new != old
    assert [name for name in stored_files(media) if new in name] == [
        f"photos/{new}.jpg",
        f"photos/renditions/{new}-480.jpeg",
        f"photos/renditions/{new}-480.webp",
        f"photos/renditions/{new}-800.jpeg",
        f"photos/renditions/{new}-800.webp",
    ]
    assert len(stored_files(media)) == 10


def test_editing_a_caption_keeps_the_upright_size(admin_client, media):
    exif = Image.Exif()
    exif[0x0112] = 8
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(size=(900, 600), exif=exif), name="side.jpg"))
    url = reverse("admin:programme_photo_change", args=[photo.pk])
    data = changeform_data(admin_client.get(url)) | {"caption_en": "New caption"}

    assert admin_client.post(url, data).status_code == 302

    photo.refresh_from_db()
    assert (photo.caption_en, photo.width, photo.height) == ("New caption", 600, 900)


def test_old_admin_addresses_of_photos_lead_to_their_new_place(secretariat_client):
    photo = PhotoFactory()

    response = secretariat_client.get(f"/admin/events/photo/{photo.pk}/change/?_changelist_filters=q%3Dx")

    assert response.status_code == 301
    assert response["Location"] == f"/admin/programme/photo/{photo.pk}/change/?_changelist_filters=q%3Dx"
    assert secretariat_client.get(response["Location"]).status_code == 200
    assert secretariat_client.get("/admin/events/photo/").headers["Location"] == "/admin/programme/photo/"
