from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from events.models import Conference
from events.queries import conferences_with_everything

from .calendar import calendar_filename, programme_calendar


@require_safe
def programme_ics(request, slug):
    conference = get_object_or_404(conferences_with_everything(Conference.objects.published()), slug=slug)
    response = HttpResponse(programme_calendar(conference, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar_filename(conference)}"'
    return response
