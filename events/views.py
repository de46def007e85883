"""The archive of editions and the page of one edition."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cabmi_portal import cache
from cabmi_portal.languages import language_names
from participants.models import Country

from .citations import shown_sources
from .jsonld import conference_event
from .models import Conference, Participation, Role
from .photos import rendition_urls
from .queries import conferences_with_everything

ARCHIVE_PAGE_SIZE = 20
ROLE_ORDER = (Role.Kind.ORGANIZER, Role.Kind.CO_ORGANIZER, Role.Kind.HOST, Role.Kind.PARTNER, Role.Kind.SUPPORTER)
PARTICIPANT_GROUPS = (
    ("states", (Participation.Kind.PARTICIPATING_STATE,)),
    ("organizations", (Participation.Kind.ORGANIZATION,)),
    ("observers", (Participation.Kind.OBSERVER, Participation.Kind.GUEST)),
)


def archive_filters(params, published):
    """The host country and year asked for, and a message for each value that cannot be used."""
    filters, problems = {}, []
    code = (params.get("country") or "").strip().upper()
    if code:
        # Checked for shape before the database sees it (PostgreSQL refuses NUL bytes outright).
        if len(code) == 2 and code.isascii() and code.isalpha() and published.filter(country_id=code).exists():
            filters["country_id"] = code
        else:
            problems.append(_("No published edition was held in the country asked for; showing all countries."))
    year = (params.get("year") or "").strip()
    if year:
        if year.isascii() and year.isdigit() and len(year) == 4 and int(year) >= 1000:
            filters["start_date__year"] = int(year)
        else:
            problems.append(_("The year must be written with four digits, such as 2022; showing all years."))
    return filters, problems


def archive_page(paginator, number):
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(_("There is no such page of the archive.")) from error


@require_safe
def archive(request):
    published = Conference.objects.published()
    filters, problems = archive_filters(request.GET, published)
    editions = published.filter(**filters).select_related("series", "country").order_by("-start_date", "id")
    page = archive_page(Paginator(editions, ARCHIVE_PAGE_SIZE), request.GET.get("page"))
    host_countries = Country.objects.filter(hosted_conferences__in=published).distinct().order_by("name")
    years = sorted({d.year for d in published.dates("start_date", "year")}, reverse=True)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/archive.html", {
        "page": page, "editions": page.object_list, "problems": problems, "host_countries": host_countries,
        "years": years, "selected_country": filters.get("country_id", ""), "selected_year": filters.get("start_date__year"),
        "filter_query": query.urlencode(),
    })


def grouped_roles(conference):
    roles = list(conference.roles.all())
    groups = [(kind, [role for role in roles if role.role == kind]) for kind in ROLE_ORDER]
    return [(kind, members) for kind, members in groups if members]


def grouped_participants(conference):
    participations = list(conference.participations.all())
    return [(name, [p for p in participations if p.role in kinds]) for name, kinds in PARTICIPANT_GROUPS]


def language_links(name, slug):
    """[(code, language name, url)] of one of an edition's documents in every portal language."""
    links = []
    for code, language_name in language_names().items():
        with translation.override(code):
            links.append((code, language_name, reverse(name, kwargs={"slug": slug})))
    return links


def gallery(conference):
    """The edition's photos, each given the addresses its <img> needs."""
    photos = list(conference.photos.all())
    for photo in photos:
        photo.renditions = rendition_urls(photo)
    return photos


def edition_context(request, conference):
    return {
        "conference": conference,
        "role_groups": grouped_roles(conference),
        "participant_groups": grouped_participants(conference),
        "sessions": conference.sessions.all(),
        "photos": gallery(conference),
        "proceedings_links": language_links("events:proceedings", conference.slug),
        "calendar_url": reverse("events:programme_ics", kwargs={"slug": conference.slug}),
        "data_url": reverse("data:conference_json", kwargs={"slug": conference.slug}),
        "sources": shown_sources(conference),
        "event_data": conference_event(conference, request.build_absolute_uri),
        "page_title": conference.title,
        "page_description": conference.summary,
    }


@require_safe
def conference_detail(request, slug):
    # The page links to itself in every language with the query string kept, so
    # only the plain address is cached: no visitor's parameters reach another's page.
    cacheable = not request.META.get("QUERY_STRING")
    key = cache.page_key("conference", translation.get_language(), request.get_host(), slug)
    content = cache.cached_page(key) if cacheable else None
    if content is None:
        conference = get_object_or_404(conferences_with_everything(Conference.objects.published()), slug=slug)
        content = render_to_string("events/conference_detail.html", edition_context(request, conference), request)
        if cacheable:
            cache.store_page(key, content)
    return HttpResponse(content)
