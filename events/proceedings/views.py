"""Serve the PDF proceedings: publicly for published editions, to staff also as draft previews."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import etag, require_safe

from cabmi_portal.languages import language_codes

from .build import current_pdf, published_pdf
from .content import load_conference
from .tasks import enqueue_build

RETRY_AFTER_SECONDS = 10
# A visitor's PDF is built before those refreshed after an edit.
VISITOR_PRIORITY = 10


def revalidate_always(view):
    """Every answer, a 304 too, tells caches to ask again: the next edit makes a new PDF."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, no_cache=True)
        return response

    return wrapped


def published_etag(request, slug):
    # The ETag names the content, so a client that has it is answered without the file.
    pdf = published_pdf(slug, request.LANGUAGE_CODE)
    return quote_etag(pdf.content_hash) if pdf is not None else None


@require_safe
@revalidate_always
@etag(published_etag)
def proceedings_pdf(request, slug):
    """GET /<lang>/conferences/<slug>/proceedings.pdf"""
    pdf = published_pdf(slug, request.LANGUAGE_CODE)
    if pdf is None:
        raise Http404
    return _serve(request, pdf)


@require_safe
@staff_member_required
def proceedings_admin_download(request, slug, language):
    """The PDF for staff, in any language; a draft edition gets a preview marked "Draft"."""
    if not request.user.has_perm("events.view_conference"):
        raise PermissionDenied
    conference = load_conference(slug, published_only=False)
    if conference is None or language not in language_codes():
        raise Http404
    pdf = current_pdf(conference, language, draft_preview=not conference.is_published)
    return _serve(request, pdf)


def _serve(request, pdf):
    """Answer with `pdf`; one not built yet is queued and the visitor asked to come back.

    Rendering takes seconds to minutes: it never happens in a request. (With
    the in-process task backend of `make run` the queued build has already
    run when enqueue returns, so the PDF is served at once.)
    """
    tag = quote_etag(pdf.content_hash)
    if not pdf.exists():
        enqueue_build(pdf, priority=VISITOR_PRIORITY)
        if not pdf.exists():
            return _being_prepared(request)
    last_modified = int(pdf.modified().timestamp())  # HTTP dates have whole seconds
    conditional = get_conditional_response(request, etag=tag, last_modified=last_modified)
    if conditional is not None:
        return _not_modified(tag) if conditional.status_code == 304 else conditional
    response = FileResponse(pdf.open(), as_attachment=True, filename=pdf.filename, content_type="application/pdf")
    response["ETag"] = tag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, no_cache=True)  # always revalidate: the next edit makes a new PDF
    return response


def _not_modified(tag):
    response = HttpResponseNotModified()
    response["ETag"] = tag
    patch_cache_control(response, no_cache=True)
    return response


def _being_prepared(request):
    response = render(request, "proceedings/being_prepared.html", {"retry_after": RETRY_AFTER_SECONDS}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
