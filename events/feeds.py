from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import Conference


class LatestEditionsFeed(Feed):
    feed_type = Atom1Feed
    title = "CABMI"
    link = "/"

    def items(self):
        return Conference.objects.published()[:20]
