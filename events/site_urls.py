"""Pages of the whole site that events answer: search and the feed of editions (names without a namespace)."""

from django.urls import path

from . import search_views
from .feeds import LatestEditionsFeed

urlpatterns = [
    path("search/", search_views.search, name="search"),
    path("feed.xml", LatestEditionsFeed(), name="feed"),
]
