from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import media, views
from .cache import cached_page_view
from .sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    # An index of one sitemap per kind of page, each split into files of PortalSitemap.limit addresses.
    # Kept in the page cache until the next edit: a file of a thousand people takes about a second to build.
    path("sitemap.xml", cached_page_view("sitemap")(sitemaps.index), {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
         name="sitemap"),
    path("sitemap-<section>.xml", cached_page_view("sitemap", page_parameter="p")(sitemaps.sitemap), {"sitemaps": SITEMAPS},
         name="sitemap-section"),
    path("data/", include("events.interchange.urls")),
    path("", include("events.research.root_urls")),
    # Photos moved beside the sessions they may belong to: older bookmarks and links in the history still lead to them.
    re_path(r"^admin/events/photo/(?P<rest>.*)$",
            RedirectView.as_view(url="/admin/programme/photo/%(rest)s", permanent=True, query_string=True)),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("events.site_urls")),
    path("conferences/", include("events.urls")),
    path("series/", include("events.research.urls")),
    path("", include("participants.urls")),
)

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", media.serve_media, name="media")]

handler404 = "cabmi_portal.views.page_not_found"
handler500 = "cabmi_portal.views.server_error"
