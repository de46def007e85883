import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.models import Conference
from events.queries import in_language

from .cache import cached_page_view
from .languages import language_codes

logger = logging.getLogger(__name__)


# Seconds a visitor (or a crawler) should wait when the database is away.
UNAVAILABLE_RETRY_AFTER = 30


@require_safe
@never_cache
def healthz(request):
    """200 "ok"; 503 naming the database when it does not answer; the cache's state when it is down.

    A monitor must tell "the database is down" (503, retry later) from a bug
    (500). Without its cache the site still serves, uncached: still 200.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("Health check: the database does not answer: %s", error)
        return HttpResponse("database unavailable", content_type="text/plain", status=503)
    check_cache = getattr(cache, "is_available", None)
    if check_cache is not None and not check_cache():
        return HttpResponse("ok\ncache unavailable", content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico whatever the pages link; the portal's icon is an SVG.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


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
@cached_page_view("home")
def home(request):
    # Only the page's language and English: the other languages' columns triple the query's cost to build.
    editions = in_language(Conference.objects.published().select_related("series", "country"), translation.get_language())
    latest = editions.order_by("-start_date", "id").first()
    return render(request, "home.html", {"latest": latest, "glance": series_at_a_glance()})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database or a context processor may be what failed.
    # Django calls this while handling the exception, so sys.exc_info() names it.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable()
    return HttpResponseServerError(loader.get_template("500.html").render())


def database_unavailable():
    """503 with Retry-After: the database is restarting or unreachable, and the page will come back by itself."""
    response = HttpResponse(loader.get_template("500.html").render(), status=503)
    response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
    return response
