from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
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


def home(request):
    latest = Conference.objects.published().select_related("series", "country").first()
    return render(request, "home.html", {"latest": latest})
