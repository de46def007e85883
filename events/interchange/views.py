"""Open data: the interchange document of a published edition, and the JSON Schema of the format."""

import hashlib

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import etag, require_safe

from cabmi_portal.cache import cached_page, page_key, store_page
from events.models import Conference

from .exporter import export_conference, to_json
from .schema import schema_json


def conference_document(slug):
    """The edition's JSON bytes, or None for no published edition of that slug.

    Cached until any portal record changes (see cabmi_portal/cache.py): exporting reads every photo to name it by content.
    """
    key = page_key("conference-json", "all", slug)
    body, generation_read = cached_page(key)
    if body is None:
        conference = Conference.objects.published().filter(slug=slug).first()
        if conference is None:
            return None
        body = to_json(export_conference(conference)).encode("utf-8")
        store_page(key, generation_read, body)
    return body


def document_etag(request, slug):
    body = conference_document(slug)
    return hashlib.sha256(body).hexdigest()[:32] if body is not None else None


def open_data_headers(view):
    """Anyone may read the open data from anywhere, and keep it five minutes; a 304 says the same."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        patch_cache_control(response, public=True, max_age=300)
        return response

    return wrapped


@require_safe
@open_data_headers
@etag(document_etag)
def conference_json(request, slug):
    body = conference_document(slug)
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}.json"'
    return response


@require_safe
@open_data_headers
def schema(request):
    """The JSON Schema of the interchange format, for people who write importers and exporters."""
    response = HttpResponse(schema_json(), content_type="application/schema+json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schema.json"'
    return response
