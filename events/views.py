"""The archive of editions and the page of one edition."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cabmi_portal import cache
from cabmi_portal.context_processors import PAGE_PARAMETERS
from cabmi_portal.fragments import page_kept_by_state
from cabmi_portal.languages import current_language, language_names, localize
from participants.models import Country

from . import dates, edition_pages
from .citations import shown_sources
from .jsonld import conference_event
from .models import Conference, Participation, Role, Series
from .photos import rendition_urls
from .queries import conferences_with_everything, published_edition_rows, row_states, states_of
from .statement_fragments import edition_statements

ARCHIVE_PAGE_SIZE = 20
ROLE_ORDER = (Role.Kind.ORGANIZER, Role.Kind.CO_ORGANIZER, Role.Kind.HOST, Role.Kind.PARTNER, Role.Kind.SUPPORTER)
# The edition page's groups of participants: (key, heading, kinds of participation).
PARTICIPANT_GROUPS = (
    ("states", gettext_lazy("Participating states"), (Participation.Kind.PARTICIPATING_STATE,)),
    ("organizations", gettext_lazy("Organizations"), (Participation.Kind.ORGANIZATION,)),
    ("observers", gettext_lazy("Observers and guests"), (Participation.Kind.OBSERVER, Participation.Kind.GUEST)),
    ("other_states", gettext_lazy("Other states"), (Participation.Kind.OTHER_STATE,)),
)


def archive_filters(params, published):
    """The series, host country and year asked for, and a message for each value that cannot be used."""
    filters, problems = {}, []
    series = (params.get("series") or "").strip().upper()
    if series:
        well_formed = len(series) <= 20 and series.isascii() and series.replace("-", "").isalnum()
        if well_formed and published.filter(series__code__iexact=series).exists():
            filters["series__code__iexact"] = series
        else:
            problems.append(_("No published edition belongs to the series asked for; showing every series."))
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


def archive_states(language):
    """(the states of what the archive shows: every published edition with its series and host state, whose filters
    and figures come from them too, None)."""
    return states_of(row_states(published_edition_rows, ("series", "country"), language)), None


@require_safe
@cache.cached_page_view("archive")
def archive(request):
    if any(name in request.GET for name in PAGE_PARAMETERS["events:archive"]):
        # Rendered afresh, never kept, as the page cache does: no visitor can fill the cache with made-up filters.
        return render_archive(request)
    # Kept under the state of what it shows (cabmi_portal.fragments.page_kept_by_state): an edit elsewhere leaves it.
    return page_kept_by_state(request, "events/archive.html", lambda: archive_states(translation.get_language()),
                              lambda _read: render_archive(request))


def render_archive(request):
    published = Conference.objects.published()
    filters, problems = archive_filters(request.GET, published)
    editions = published.filter(**filters).select_related("series", "country").order_by("-start_date", "id")
    page = archive_page(Paginator(editions, ARCHIVE_PAGE_SIZE), request.GET.get("page"))
    host_countries = Country.objects.filter(hosted_conferences__in=published).distinct().order_by("name")
    years = sorted({d.year for d in published.dates("start_date", "year")}, reverse=True)
    series = Series.objects.filter(conferences__in=published).distinct().order_by("code")
    # The page's links carry its own filters, never a parameter the visitor added.
    query = QueryDict(mutable=True)
    for name in PAGE_PARAMETERS["events:archive"]:
        if name != "page" and name in request.GET:
            query[name] = request.GET[name]
    return render(request, "events/archive.html", {
        "page": page, "editions": page.object_list, "problems": problems, "host_countries": host_countries,
        "years": years, "series_list": series, "selected_series": filters.get("series__code__iexact", ""),
        "selected_country": filters.get("country_id", ""), "selected_year": filters.get("start_date__year"),
        "filter_query": query.urlencode(),
    })


def grouped_roles(conference):
    """[(heading, roles)] of the kinds of role the edition has, in ROLE_ORDER."""
    roles = list(conference.roles.all())
    groups = [(Role.HEADINGS[kind], [role for role in roles if role.role == kind]) for kind in ROLE_ORDER]
    return [(heading, members) for heading, members in groups if members]


def grouped_participants(conference):
    participations = list(conference.participations.all())
    return [(key, heading, [p for p in participations if p.role in kinds]) for key, heading, kinds in PARTICIPANT_GROUPS]


def language_links(name, slug):
    """[(code, language name, url)] of one of an edition's documents in every portal language."""
    links = []
    for code, language_name in language_names().items():
        with translation.override(code):
            links.append((code, language_name, reverse(name, kwargs={"slug": slug})))
    return links


def gallery(conference):
    """The edition's photos that have renditions, each given the addresses its <img> needs."""
    photos = []
    for photo in conference.photos.all():
        photo.renditions = rendition_urls(photo)
        if photo.renditions:
            photos.append(photo)
    return photos


def page_texts(conference):
    """The page's title and description for search engines and link previews, which cannot mark English: in the page's language."""
    title, summary = localize(conference, "title"), localize(conference, "summary")
    language = current_language()
    described = _("%(edition)s, %(dates)s: programme, statements and participants.") % {
        "edition": conference.short_title,
        "dates": dates.format_range(conference.start_date, conference.end_date, language),
    }
    return {
        "page_title": conference.short_title if title.is_fallback else title.text,
        "page_description": summary.text if summary and not summary.is_fallback else described,
    }


def shown_with_parties(conference, parts):
    """The records a list of roles or participations shows: the edition, and each part with its organization (and
    that one's parent) or state; the key of its fragment ({% fragment %})."""
    records = [conference]
    for part in parts:
        organization = part.organization
        records += [part, organization, organization and organization.parent, part.country]
    return records


def edition_context(request, conference, language, statement_rows=None):
    sessions = conference.sessions.all()
    return {
        "conference": conference,
        "role_groups": grouped_roles(conference),
        "roles_shown": shown_with_parties(conference, conference.roles.all()),
        "participant_groups": grouped_participants(conference),
        "participants_shown": shown_with_parties(conference, conference.participations.all()),
        "sessions": sessions,
        "edition_statements": edition_statements(sessions, language, statement_rows),
        "photos": gallery(conference),
        "proceedings_links": language_links("events:proceedings", conference.slug),
        "calendar_url": reverse("events:programme_ics", kwargs={"slug": conference.slug}),
        "data_url": reverse("data:conference_json", kwargs={"slug": conference.slug}),
        "sources": shown_sources(conference),
        "event_data": conference_event(conference, request.build_absolute_uri),
        **page_texts(conference),
    }


@require_safe
@cache.cached_page_view("conference")
def conference_detail(request, slug):
    # The page reads no query parameter and links to no other page with one
    # (cabmi_portal.context_processors.PAGE_PARAMETERS): "?x=1" is the same page, served from the same entry.
    # An edit elsewhere leaves the page as it was: it is kept under the state of what it shows (events.edition_pages).
    language = translation.get_language()

    def render_page(statement_rows):
        editions = conferences_with_everything(Conference.objects.published(), language, statements=False)
        conference = get_object_or_404(editions, slug=slug)
        return render(request, edition_pages.TEMPLATE, edition_context(request, conference, language, statement_rows))

    return page_kept_by_state(request, edition_pages.TEMPLATE, lambda: edition_pages.edition_states(slug, language), render_page)


@require_safe
@never_cache
def conference_preview(request, slug):
    """An edition exactly as its public page will show it, draft or not, for staff who may see it; a 404 for anyone else."""
    if not (request.user.is_active and request.user.is_staff and request.user.has_perm("events.view_conference")):
        raise Http404
    conference = get_object_or_404(conferences_with_everything(Conference.objects.all(), statements=False), slug=slug)
    context = edition_context(request, conference, None) | {"preview": True}
    response = HttpResponse(render_to_string("events/conference_detail.html", context, request))
    # Never indexed, and never kept by a shared cache: the page may show what is not public yet.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
