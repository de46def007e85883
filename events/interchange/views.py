"""Open data: the interchange document of a published edition."""

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from cabmi_portal.cache import cached_page, page_key, store_page
from events.models import Conference

from .exporter import export_conference, to_json


def conference_json(request, slug):
    # Cached until any portal record changes (see cabmi_portal/cache.py): exporting reads every photo to name it by content.
    key = page_key("conference-json", "all", slug)
    body = cached_page(key)
    if body is None:
        conference = Conference.objects.published().filter(slug=slug).first()
        if conference is None:
            raise Http404
        body = to_json(export_conference(conference)).encode("utf-8")
        store_page(key, body)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{slug}.json"'
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response
