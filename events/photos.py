"""Conference photos: what an upload must be, the web renditions made from it, and their clean-up.

``validate_photo(file)`` is the one check for every way a photo arrives (the
admin form, the importer). ``make_renditions(photo)`` writes the 480 and 1200
pixel wide WebP and JPEG copies that pages and the PDF use, and
``rendition_urls(photo)`` gives templates what they need for ``srcset``.
A signal connected in ``EventsConfig.ready`` makes renditions when a photo is
saved; files are removed only by the remove_orphaned_files command.
"""

import io
import logging
import warnings
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db.models.signals import post_init, post_save
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

from cabmi_portal.files import save_whole

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# The only extensions a stored photo can get, from the format Pillow finds in the file.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
WIDTHS = (480, 1200)
RENDITION_FORMATS = (("webp", "WEBP"), ("jpeg", "JPEG"))
RENDITION_DIR = "photos/renditions"
ORIENTATION = 0x0112  # the EXIF tag

logger = logging.getLogger(__name__)


def validate_photo(file):
    """Refuse anything but a sound JPEG, PNG or WebP of at most 20 MB and 40 megapixels.

    ``file`` is any file-like object with ``.name`` and ``.size`` that can be
    read and seeked (an uploaded file, a Django ``File``, a ``ContentFile``).
    Raises ``ValidationError`` with a message staff can act on; returns
    nothing. The image is never decoded before its size is known to be
    acceptable, so a decompression bomb costs nothing.
    """
    name = PurePosixPath(getattr(file, "name", "") or "").name or _("the file")
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; photos may be at most %(limit)s."),
            code="photo_too_large",
            params={"name": name, "size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
        )
    file.seek(0)
    header = file.read(5)
    file.seek(0)
    if header.startswith(b"%PDF"):
        raise ValidationError(
            _("“%(name)s” is a PDF document, not a photo. Upload a JPEG, PNG or WebP image."), code="photo_format", params={"name": name}
        )
    _check_header(file, name)
    _check_pixels_decode(file, name)
    file.seek(0)


def stored_extension(file):
    """"jpg", "png" or "webp": what the file is, whatever it is called.

    Every way in runs validate_photo() first, so anything else here is a bug, not bad input.
    """
    file.seek(0)
    try:
        with _open(file) as image:
            image_format = image.format
    except Exception:
        image_format = None
    finally:
        file.seek(0)
    if image_format not in EXTENSIONS:
        raise ValueError(f"not a JPEG, PNG or WebP image: {image_format or 'unreadable'}")
    return EXTENSIONS[image_format]


def _open(file):
    # Pillow warns above its own limit and raises at twice that; both mean "bomb" here.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file)


def _check_header(file, name):
    try:
        with _open(file) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, None) from None
    except Exception:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP image, or it is damaged."), code="photo_format", params={"name": name}
        ) from None
    if image_format not in FORMATS:
        raise ValidationError(
            _("“%(name)s” is a %(format)s image; photos must be JPEG, PNG or WebP."),
            code="photo_format",
            params={"name": name, "format": image_format},
        )
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(name, (width, height))


@contextmanager
def truncated_images_refused():
    # WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when imported,
    # which would let a cut-off upload through as a half-grey picture.
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _check_pixels_decode(file, name):
    # verify() does not read a JPEG's image data: only a full decode finds a truncated file.
    file.seek(0)
    try:
        with truncated_images_refused(), _open(file) as image:
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, None) from None
    except Exception:
        raise ValidationError(
            _("“%(name)s” is damaged or incomplete (perhaps the upload was cut short). Please upload it again."),
            code="photo_damaged",
            params={"name": name},
        ) from None


def _too_many_pixels(name, size):
    pixels = _("%(width)s × %(height)s pixels") % {"width": size[0], "height": size[1]} if size else _("too many pixels")
    return ValidationError(
        _("“%(name)s” has %(pixels)s; photos may have at most 40 megapixels."),
        code="photo_too_many_pixels",
        params={"name": name, "pixels": pixels},
    )


# Renditions ---------------------------------------------------------------


def rendition_widths(width):
    """The widths made for an image ``width`` pixels wide: never wider than the original."""
    if not width:
        return []
    return sorted({min(target, width) for target in WIDTHS})


def rendition_name(image_name, width, extension):
    """photos/abc.jpg, 480, "webp" -> photos/renditions/abc-480.webp"""
    return f"{RENDITION_DIR}/{PurePosixPath(image_name).stem}-{width}.{extension}"


def rendition_names(photo):
    return [rendition_name(photo.image.name, width, ext) for width in rendition_widths(photo.width) for ext, _fmt in RENDITION_FORMATS]


def make_renditions(photo):
    """Write the WebP and JPEG renditions of ``photo`` (EXIF orientation applied, metadata dropped)."""
    storage = photo.image.storage
    with storage.open(photo.image.name, "rb") as source, Image.open(source) as original:
        width, height = shown_size(original)
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale far faster; still at least as large as the biggest rendition.
        original.draft("RGB", (max(WIDTHS), max(WIDTHS)))
        upright = ImageOps.exif_transpose(original).convert("RGB")
    store_upright_size(photo, (width, height))
    for target in rendition_widths(width):
        size = (target, max(1, round(height * target / width)))
        resized = upright if upright.size == size else upright.resize(size, Image.Resampling.LANCZOS)
        for extension, image_format in RENDITION_FORMATS:
            buffer = io.BytesIO()
            # A new image built from pixels carries no EXIF or GPS data.
            resized.save(buffer, format=image_format, quality=82, optimize=image_format == "JPEG")
            save_whole(storage, rendition_name(photo.image.name, target, extension), buffer.getvalue())


def shown_size(image):
    """(width, height) of an open image as it is shown: EXIF orientation 5-8 turns it a quarter."""
    width, height = image.size
    return (height, width) if image.getexif().get(ORIENTATION) in (5, 6, 7, 8) else (width, height)


def upright_size(photo):
    with photo.image.storage.open(photo.image.name, "rb") as source, Image.open(source) as image:
        return shown_size(image)


def store_upright_size(photo, size):
    # Django's ImageField records the stored pixel grid; pages need the size as shown.
    if (photo.width, photo.height) != tuple(size):
        photo.width, photo.height = size
        type(photo).objects.filter(pk=photo.pk).update(width=photo.width, height=photo.height)


def rendition_urls(photo):
    """{"webp": "url 480w, url 1200w", "jpeg": "...", "fallback": url, "width": w, "height": h} for templates.

    Only renditions are ever linked: they carry no EXIF or GPS data, and originals are for staff.
    An image whose size is unknown (its file could not be read) has none: {}.
    """
    if not photo.image or not photo.width:
        return {}
    storage = photo.image.storage
    widths = rendition_widths(photo.width)
    urls = {
        extension: ", ".join(f"{storage.url(rendition_name(photo.image.name, width, extension))} {width}w" for width in widths)
        for extension, _fmt in RENDITION_FORMATS
    }
    urls["fallback"] = storage.url(rendition_name(photo.image.name, widths[-1], "jpeg"))
    urls["width"], urls["height"] = photo.width, photo.height
    return urls


# Saving, missing files and clean-up ----------------------------------------
#
# Files are never deleted when a photo is deleted or its image replaced: a
# version in the history may still name them, and restoring it must bring the
# picture back. remove_orphaned_files (the command) deletes what neither a
# photo nor any version names.


def photo_file_exists(photo):
    try:
        return bool(photo.image) and photo.image.storage.exists(photo.image.name)
    except (OSError, ValueError):  # e.g. a name the file system refuses
        return False


def _after_save(sender, instance, raw=False, **kwargs):
    if raw or not instance.image:
        return
    if not photo_file_exists(instance):
        # Restored from a version whose file is gone: the record stays, shown as missing in the admin.
        logger.warning("Photo %s: its file %s is missing", instance.pk, instance.image.name)
        return
    replaced = kwargs.get("created") or (instance.pk and instance.image.name != getattr(instance, "_saved_image", None))
    store_upright_size(instance, upright_size(instance))
    if replaced or not all(instance.image.storage.exists(name) for name in rendition_names(instance)):
        # Decoding and resizing take seconds for a large photo: the task worker does it.
        from .photo_tasks import make_photo_renditions

        make_photo_renditions.enqueue(instance.pk, instance.image.name)
    instance._saved_image = instance.image.name


def _remember_saved_image(sender, instance, **kwargs):
    # Read from __dict__: touching a deferred field here would cost a query per loaded photo.
    value = instance.__dict__.get("image")
    instance._saved_image = getattr(value, "name", value)


def referenced_photo_files():
    """Every original a photo or any version of a photo names, and the stems of their renditions."""
    import json

    from reversion.models import Version

    from sessions.models import Photo

    names = set(Photo.objects.exclude(image="").values_list("image", flat=True))
    for data in Version.objects.get_for_model(Photo).values_list("serialized_data", flat=True).iterator():
        try:
            names.update(str(item["fields"].get("image") or "") for item in json.loads(data))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    names.discard("")
    return names


def orphaned_photo_files(storage):
    """Names under photos/ that neither a photo nor any version of one names (renditions follow their original)."""
    names = referenced_photo_files()
    kept_stems = {PurePosixPath(name).stem for name in names}
    orphans = []
    for folder, is_rendition in (("photos", False), (RENDITION_DIR, True)):
        try:
            _dirs, files = storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            continue
        for file in files:
            name = f"{folder}/{file}"
            stem = PurePosixPath(file).stem.rsplit("-", 1)[0] if is_rendition else None
            if (is_rendition and stem not in kept_stems) or (not is_rendition and name not in names):
                orphans.append(name)
    return sorted(orphans)


def connect_signals():
    from sessions.models import Photo

    post_init.connect(_remember_saved_image, sender=Photo, dispatch_uid="photos-remember-saved")
    post_save.connect(_after_save, sender=Photo, dispatch_uid="photos-renditions")
