import logging

from django.db import DatabaseError, connection
from django.db.models import Count
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.models import Conference

from .languages import language_codes

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request):
    # A monitor must tell "the database is down" (503, retry later) from a bug (500).
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("Health check: the database does not answer: %s", error)
        return HttpResponse("database unavailable", content_type="text/plain", status=503)
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def robots_txt(request):
    # Search result pages are endless combinations of words: crawlers get the sitemap instead.
    disallowed = [reverse("admin:index")]
    for code in language_codes():
        with translation.override(code):
            disallowed.append(reverse("search"))
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed), f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def series_at_a_glance():
    """How many editions, host countries and statements the published record holds."""
    published = Conference.objects.published()
    return published.aggregate(
        editions=Count("id", distinct=True),
        host_countries=Count("country", distinct=True),
        statements=Count("sessions__statements", distinct=True),
    )


@require_safe
def home(request):
    latest = Conference.objects.published().select_related("series", "country").order_by("-start_date", "id").first()
    return render(request, "home.html", {"latest": latest, "glance": series_at_a_glance()})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database or a context processor may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
