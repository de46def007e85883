from django.core.cache.backends.locmem import LocMemCache
from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cabmi_portal.context_processors import page_query
from cabmi_portal.fragments import page_kept_by_state

from .search import MAX_QUERY_LENGTH
from .search import search as run_search

TEMPLATE = "events/search.html"
# A results page is kept under the states of the records it shows, like a person's page, but any visitor can ask
# for any number of different searches: they are kept in each process's memory, the least used dropped past
# 512, never in the shared cache, which they could otherwise fill.
KEPT_SEARCHES = LocMemCache("cabmi-kept-searches", {"OPTIONS": {"MAX_ENTRIES": 512}})


@require_safe
def search(request):
    query, page = request.GET.get("q", ""), request.GET.get("page") or 1
    language = get_language()

    def read_states():
        try:
            # An empty page number is the first page, as in a form submitted without one.
            results = run_search(query, language, page)
        except InvalidPage:
            raise Http404(_("There is no such page of results.")) from None
        # What the page shows besides its records: the words as typed, the counts, the page, the addresses in other languages.
        shown = (query, str(page), page_query(request, "search"), tuple(group.count for group in results.groups))
        return [("search", ("query", "page", "parameters", "counts"), shown), *results.states()], results

    def render_page(results):
        context = {
            "results": results,
            "search_query": results.query.text,
            "max_query_length": MAX_QUERY_LENGTH,
            "page_title": _("Search"),
        }
        return render(request, TEMPLATE, context)

    # The hits are made from the rows their states were read from (events.search.PageOfResults).
    return page_kept_by_state(request, TEMPLATE, read_states, render_page, kept_in=KEPT_SEARCHES, rendered_from_states=True)
