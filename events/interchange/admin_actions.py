"""Admin entry points of the interchange: the "Export" action and the "Import conference" page.

The import page never writes on the first step: the upload is kept under a
random token in the portal's file storage (shared by every server, so the
confirming request may reach another one), checked with a dry run of the
importer (the same report the command prints), and imported only when
staff confirm.
"""

import contextlib
import secrets
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from events.models import Conference

from .exporter import export_conference, to_json, zip_bytes
from .importer import import_conference

UPLOADS = "import-previews"
SESSION_KEY = "interchange_import_tokens"
KEEP_UPLOADS_SECONDS = 24 * 60 * 60


@admin.action(description=gettext_lazy("Export as interchange document"), permissions=["view"])
def export_conferences(modeladmin, request, queryset):
    conferences = list(queryset.order_by("-start_date", "id"))
    if len(conferences) == 1 and not conferences[0].photos.exists():
        response = HttpResponse(to_json(export_conference(conferences[0])), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{conferences[0].slug}.json"'
        return response
    # Photos travel as files beside the document, so an edition with photos is a zip too.
    name = conferences[0].slug if len(conferences) == 1 else "conferences"
    response = HttpResponse(zip_bytes(conferences), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
    return response


class ImportForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Document"),
        help_text=gettext_lazy("A conference JSON file, or a zip holding conference.json and its photos."),
    )
    publish = forms.BooleanField(label=gettext_lazy("Publish the edition after importing"), required=False)


class SizeLimitedUpload(FileUploadHandler):
    """Stops reading an upload as soon as it passes the limit, so an oversized one never fills memory or the disk."""

    request_length = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.request_length > max_upload_bytes():
            self.refuse(self.request_length)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.refuse(self.received)
        return raw_data

    def file_complete(self, file_size):
        return None

    def refuse(self, size):
        self.request.upload_refused_size = size
        raise StopUpload(connection_reset=False)


def max_upload_bytes():
    return getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)


@csrf_exempt  # checked below, once the upload handlers are in place: the CSRF check reads the body
def import_conference_view(request):
    request.upload_handlers.insert(0, SizeLimitedUpload(request))
    return checked_import_view(request)


@csrf_protect
def checked_import_view(request):
    if not request.user.has_perm("events.add_conference"):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        return confirm_import(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    context = {"form": form}
    refused = getattr(request, "upload_refused_size", None)
    if refused:
        limit = max_upload_bytes() / 1024 / 1024
        form.errors.clear()
        form.add_error(
            "document",
            _("the document is %(size).1f MB; at most %(max)d MB are accepted") % {"size": refused / 1024 / 1024, "max": limit},
        )
    elif request.method == "POST" and form.is_valid():
        context.update(preview(request, form), publish=form.cleaned_data["publish"])
    return render_page(request, context)


def preview(request, form):
    """Dry-run the upload; whatever happens, a refused or failed preview leaves no file behind."""
    token = keep_upload(request, form.cleaned_data["document"])
    report = None
    try:
        with local_copy(upload_name(request, token)) as path:
            report = import_conference(path, user=request.user, dry_run=True, publish=form.cleaned_data["publish"])
    finally:
        if report is None or not report.ok:
            discard(token)
            forget(request, token)
    return {"report": report, "token": token if report.ok else None}


def confirm_import(request):
    token = request.POST["token"]
    name = upload_name(request, token)
    if name is None:
        messages.error(request, _("That upload has expired or was already imported. Please upload the file again."))
        return redirect("admin:events_conference_import")
    update_shared = request.POST.get("update_shared") == "1"
    with local_copy(name) as path:
        report = import_conference(path, user=request.user, publish=request.POST.get("publish") == "1", update_shared=update_shared)
    discard(token)
    forget(request, token)
    if not report.ok:
        return render_page(request, {"form": ImportForm(), "report": report})
    if report.shared_held:
        messages.warning(request, report.summary())
        for line in report.shared_lines():
            messages.info(request, _("Left unchanged: %(change)s") % {"change": line})
        return redirect(reverse("admin:events_conference_change", args=[report.conference.pk]))
    messages.success(request, report.summary())
    return redirect(reverse("admin:events_conference_change", args=[report.conference.pk]))


def render_page(request, context):
    opts = Conference._meta
    context.update(admin.site.each_context(request), opts=opts, title=_("Import conference"))
    return render(request, "admin/events/conference/import.html", context)


def keep_upload(request, upload):
    """Store the upload under a random token known only to this user's session."""
    remove_abandoned_uploads()
    token = secrets.token_hex(16)
    filename = get_valid_filename(PurePosixPath(upload.name).name) or "upload.json"
    default_storage.save(f"{UPLOADS}/{token}/{filename}", upload)
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), token][-10:]
    return token


def upload_name(request, token):
    """The storage name of the upload kept under `token`, or None."""
    if token not in request.session.get(SESSION_KEY, []):
        return None
    try:
        _folders, files = default_storage.listdir(f"{UPLOADS}/{token}")
    except FileNotFoundError:
        return None
    return f"{UPLOADS}/{token}/{files[0]}" if len(files) == 1 else None


@contextlib.contextmanager
def local_copy(name):
    """The importer reads a path (a zip is opened by name): a private local copy of the stored upload."""
    folder = Path(tempfile.mkdtemp(prefix="cabmi-import-"))
    try:
        path = folder / PurePosixPath(name).name
        with default_storage.open(name, "rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def forget(request, token):
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]


def discard(token):
    with contextlib.suppress(FileNotFoundError):
        _folders, files = default_storage.listdir(f"{UPLOADS}/{token}")
        for file in files:
            default_storage.delete(f"{UPLOADS}/{token}/{file}")
    with contextlib.suppress(OSError, NotImplementedError):
        Path(default_storage.path(f"{UPLOADS}/{token}")).rmdir()


def remove_abandoned_uploads():
    """Previews nobody confirmed are kept for a day, then removed."""
    try:
        tokens, _files = default_storage.listdir(UPLOADS)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - timedelta(seconds=KEEP_UPLOADS_SECONDS)
    for token in tokens:
        with contextlib.suppress(FileNotFoundError):
            _folders, files = default_storage.listdir(f"{UPLOADS}/{token}")
            if all(default_storage.get_modified_time(f"{UPLOADS}/{token}/{file}") < cutoff for file in files):
                discard(token)
