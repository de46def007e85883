"""Uploaded files, served so that none can run script on the portal's origin or show a draft.

The public sees only the web renditions of photos of published editions:
new images made from pixels, so they carry no EXIF or GPS data. Originals,
draft photos and stored PDFs answer only to a staff session (published PDFs
have their own address, /<lang>/conferences/<slug>/proceedings.pdf, which
checks the edition is published on every request). Every answer is typed
from an allow-list of image formats with ``nosniff`` and a sandboxing
Content-Security-Policy; anything else is a download, never a page.
"""

import posixpath
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from events.models import Conference
from events.photos import RENDITION_DIR
from sessions.models import Photo

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
# photos/renditions/<stem>-<width>.<webp|jpeg>, as events.photos.rendition_name() makes them.
RENDITION = re.compile(rf"^{re.escape(RENDITION_DIR)}/(?P<stem>[^/]+)-\d+\.(?:webp|jpeg)$")
MAX_PATH = 1024
MAX_NAME = 255


@require_safe
def serve_media(request, path):
    """GET /media/<path>"""
    name = clean_name(path)
    if name is None:
        raise Http404
    staff = request.user.is_authenticated and request.user.is_active and request.user.is_staff
    if not (staff or is_public(name)):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, ValueError):  # missing, a folder, a name the file system refuses
        raise Http404 from None
    return media_response(handle, name, private=not is_public(name))


def clean_name(path):
    """The storage name of a request path, or None for anything that is not a plain file name below MEDIA_ROOT."""
    if len(path) > MAX_PATH or "\x00" in path or "\\" in path:
        return None
    name = posixpath.normpath(path).lstrip("/")
    if name in ("", ".") or name.split("/")[0] == ".." or any(len(part.encode()) > MAX_NAME for part in name.split("/")):
        return None
    return name


def is_public(name):
    """A rendition of a photo of a published edition."""
    match = RENDITION.match(name)
    if not match:
        return False
    return Photo.objects.filter(image__startswith=f"photos/{match['stem']}.", conference__in=Conference.objects.published()).exists()


def media_response(handle, name, *, private):
    extension = posixpath.splitext(name)[1].lower()
    content_type = IMAGE_TYPES.get(extension)
    if content_type:
        response = FileResponse(handle, content_type=content_type)
    else:
        response = FileResponse(handle, as_attachment=True, filename=posixpath.basename(name), content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    if private:
        patch_cache_control(response, private=True, no_store=True)
    return response
