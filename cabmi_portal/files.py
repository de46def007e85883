"""Writing a file through Django's storage API so that nobody ever reads half of it.

On a local file system the bytes go to a temporary file beside the final
name, which is renamed into place only once complete: a full disk or a
crash mid-write leaves the old file (or none), never a truncated one, and
the next build writes it again. Object stores (S3 via django-storages)
publish an upload only once it is whole.
"""

import os
import tempfile

from django.core.files.base import ContentFile


def save_whole(storage, name, data):
    """Store `data` (bytes) under exactly `name`, replacing what was there."""
    try:
        path = storage.path(name)
    except NotImplementedError:  # remote storage: the upload appears whole
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(data))
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".writing-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
