"""Where built PDFs live: Django's default storage, one file per content hash.

Names: proceedings/<slug>/<language>/<hash>.pdf (draft previews carry the
draft flag in their hash and a "draft-" prefix). A reader never sees a
half-written file (cabmi_portal.files.save_whole).
"""

from django.core.files.storage import default_storage

from cabmi_portal.files import save_whole

ROOT = "proceedings"


def stored_name(slug, language, content_hash, *, draft=False):
    prefix = "draft-" if draft else ""
    return f"{ROOT}/{slug}/{language}/{prefix}{content_hash}.pdf"


def exists(name):
    return default_storage.exists(name)


def save(name, data):
    save_whole(default_storage, name, data)


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
