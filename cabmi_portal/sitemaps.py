from django.contrib.sitemaps import Sitemap

from events.models import Conference


class ConferenceSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Conference.objects.published()


SITEMAPS = {"conferences": ConferenceSitemap}
