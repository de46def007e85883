"""Where built PDFs live: Django's default storage, one file per content hash.

Names: proceedings/<slug>/<language>/<hash>.pdf (draft previews carry the
draft flag in their hash and a "draft-" prefix). A reader never sees a
half-written file: on a local file system the PDF is written beside its
final name and renamed into place; object stores publish an upload only
once it is complete.
"""

import os
import tempfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

ROOT = "proceedings"


def stored_name(slug, language, content_hash, *, draft=False):
    prefix = "draft-" if draft else ""
    return f"{ROOT}/{slug}/{language}/{prefix}{content_hash}.pdf"


def exists(name):
    return default_storage.exists(name)


def save(name, data):
    try:
        path = default_storage.path(name)
    except NotImplementedError:  # remote storage: the upload appears whole
        default_storage.save(name, ContentFile(data))
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".building-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def remove_others(name):
    """Delete the PDFs of older content in the same folder: they are never served again."""
    folder, keep = name.rsplit("/", 1)
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for file in files:
        if file != keep and file.endswith(".pdf"):
            default_storage.delete(f"{folder}/{file}")
