import hashlib

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import etag, require_safe

from cabmi_portal.cache import generation
from cabmi_portal.languages import current_language
from events.models import Conference
from events.queries import conferences_with_everything

from .calendar import calendar_filename, programme_calendar


def calendar_etag(request, slug):
    # Any change to any portal record starts a new content generation, so the tag changes with
    # whatever the calendar shows, and a client that has the current one is answered without a query.
    return hashlib.sha256(f"{generation()}:{current_language()}:{slug}".encode()).hexdigest()[:32]


@require_safe
@etag(calendar_etag)
def programme_ics(request, slug):
    conference = get_object_or_404(conferences_with_everything(Conference.objects.published()), slug=slug)
    response = HttpResponse(programme_calendar(conference, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar_filename(conference)}"'
    return response
