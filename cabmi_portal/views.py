from django.db import connection
from django.db.models import Count
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_GET

from events.models import Conference


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(f"User-agent: *\nDisallow: /admin/\nSitemap: {sitemap_url}\n", content_type="text/plain")


def series_at_a_glance():
    """How many editions, host countries and statements the published record holds."""
    published = Conference.objects.published()
    return published.aggregate(
        editions=Count("id", distinct=True),
        host_countries=Count("country", distinct=True),
        statements=Count("sessions__statements", distinct=True),
    )


@require_GET
def home(request):
    latest = Conference.objects.published().select_related("series", "country").order_by("-start_date", "id").first()
    return render(request, "home.html", {"latest": latest, "glance": series_at_a_glance()})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database or a context processor may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
