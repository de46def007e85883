"""Checks on the photo files an interchange document names."""

import hashlib
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from events.photos import validate_photo

from .document import items
from .problems import join


def photo_path_problem(name):
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return _("“%(name)s” is not a path inside the document's folder") % {"name": name}
    return None


def check_photos(document, files, problems):
    """Each photo file must exist beside the document and pass the portal's photo checks."""
    for path, photo in items(document, "photos"):
        name = photo.get("file")
        if not isinstance(name, str):
            continue
        problem = photo_path_problem(name)
        data = None if problem or files is None else files.read(name)
        if problem:
            problems.add(join(path, "file"), problem)
        elif data is None:
            problems.add(
                join(path, "file"), _("no file “%(name)s” beside the document (for photos, import a folder or a zip)") % {"name": name}
            )
        else:
            try:
                validate_photo(ContentFile(data, name=PurePosixPath(name).name))
            except ValidationError as error:
                problems.add(join(path, "file"), " ".join(error.messages))


def content_name(data, original_name):
    """photos/<first 16 hex digits of SHA-256>.<extension>: the same bytes always get the same name."""
    extension = PurePosixPath(original_name).suffix.lower().lstrip(".") or "jpg"
    extension = {"jpeg": "jpg"}.get(extension, extension)
    return f"photos/{hashlib.sha256(data).hexdigest()[:16]}.{extension}"


def photo_digest(source):
    """SHA-256 of a photo's bytes (``source``: bytes or a Photo); None when a stored file is missing."""
    if isinstance(source, bytes | bytearray):
        return hashlib.sha256(source).hexdigest()
    try:
        with source.image.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except (FileNotFoundError, ValueError):
        return None
