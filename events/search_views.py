from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .search import MAX_QUERY_LENGTH
from .search import search as run_search


@require_safe
def search(request):
    query = request.GET.get("q", "")
    try:
        # An empty page number is the first page, as in a form submitted without one.
        results = run_search(query, get_language(), request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404(_("There is no such page of results.")) from None
    context = {
        "results": results,
        "search_query": results.query.text,
        "max_query_length": MAX_QUERY_LENGTH,
        "page_title": _("Search"),
    }
    return render(request, "events/search.html", context)
