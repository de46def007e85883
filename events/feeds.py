"""The Atom feed of published editions, one per portal language."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cabmi_portal.languages import localize

from .dates import format_range
from .models import Conference

FEED_LENGTH = 50


class LatestEditionsFeed(Feed):
    feed_type = Atom1Feed

    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    # Every value is a method so it is read per request, in the request's language;
    # the feed's xml:lang is the active language too (Feed.language stays None).
    def title(self):
        return _("CABMI conferences")

    def subtitle(self):
        return _("Published editions of the Central Asia Border Management Initiative conference series, newest first.")

    def link(self):
        return reverse("events:archive")

    def author_name(self):
        # RFC 4287 wants an author for the feed when entries have none.
        return str(settings.SITE_NAME)

    def items(self):
        return Conference.objects.published().select_related("series", "country").order_by("-start_date", "-id")[:FEED_LENGTH]

    def item_title(self, conference):
        return localize(conference, "title").text

    def item_description(self, conference):
        place = [localize(conference, "city").text, localize(conference.country, "name").text if conference.country else ""]
        dates = format_range(conference.start_date, conference.end_date)
        lead = " · ".join(part for part in (conference.short_title, dates, ", ".join(p for p in place if p)) if part)
        summary = localize(conference, "summary").text
        # Atom's <summary type="html"> is read as HTML: plain text must be escaped for it.
        return escape(f"{lead}. {summary}" if summary else lead)

    def item_link(self, conference):
        return conference.get_absolute_url()

    # An entry's id is its absolute link (Django's default): stable, since slugs never change.

    def item_pubdate(self, conference):
        return conference.published_at or conference.created_at

    def item_updateddate(self, conference):
        return conference.updated_at
