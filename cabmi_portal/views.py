import logging
import sys
from functools import lru_cache

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
from events.queries import records_of, row_states

from .cache import cached_page_view
from .fragments import page_kept_by_state
from .languages import language_codes
from .prepared import prepared_rows

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


GLANCE = ("editions", "host_countries", "statements")


@lru_cache(maxsize=1)
def glance_rows():
    """How many editions, host countries and statements the published record holds, as one row (none without a
    published edition): counted per status, of which the filter leaves one, so that it is a values query."""
    counts = {
        "editions": Count("id", distinct=True),
        "host_countries": Count("country", distinct=True),
        "statements": Count("sessions__statements", distinct=True),
    }
    # No text is read: modeltranslation need not look for it in other languages.
    published = Conference.objects.published().rewrite(False).order_by()
    return published.values("status").annotate(**counts).values_list(*GLANCE)


def series_at_a_glance():
    """{editions, host_countries, statements}: how many the published record holds."""
    rows = prepared_rows(glance_rows())
    return dict(zip(GLANCE, rows[0] if rows else (0, 0, 0), strict=True))


def latest_edition_rows():
    return Conference.objects.published().order_by("-start_date", "id")


def home_states(language):
    """(the states of what the home page shows: the latest published edition with its series and host state, and the
    series' figures; (the edition's states, or None, the figures))."""
    editions = row_states(latest_edition_rows, ("series", "country"), language)
    latest = editions[0][1] if editions else [None]
    glance = series_at_a_glance()
    figures = ("glance", tuple(glance), tuple(glance.values()))
    return [*latest, figures], (latest if editions else None, glance)


@require_safe
@cached_page_view("home")
def home(request):
    # Kept under the state of what it shows (cabmi_portal.fragments.page_kept_by_state): an edit elsewhere leaves it.
    def render_page(read):
        # The edition is made of the rows its key was read from only when the page renders.
        latest, glance = read
        latest = records_of(latest, ("series", "country")) if latest else None
        return render(request, "home.html", {"latest": latest, "glance": glance})

    return page_kept_by_state(request, "home.html", lambda: home_states(translation.get_language()), render_page)


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
