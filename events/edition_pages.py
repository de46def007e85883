"""An edition's public page, kept whole under the state of every record it shows.

The page cache forgets every page at any edit (cabmi_portal.cache), and
most edits touch one edition or none: after an edit elsewhere, the page
would render again although nothing on it changed. So each page is also
kept under a key made of the states (events.queries.row_states: the
records' columns, read as plain rows) of the edition, its series and host
state, its roles and participations with their organizations and states,
its sessions, its statements with their speakers and delegations, its
photos with their sessions, and the address it was asked at. An edit of any
of them makes a new key, and the page renders (from the fragments of the
statements and sessions that did not change); an edit of anything else
costs the page six small queries. No server can serve another's stale
page, and nothing needs to be told what to forget.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from cabmi_portal.cache import configured_host
from cabmi_portal.fragments import FRAGMENT_TIMEOUT, keys_of_states
from sessions.models import Photo, Session

from .models import Conference, Participation, Role
from .queries import row_states
from .statement_fragments import EDITION_RECORDS, edition_rows

TEMPLATE = "events/conference_detail.html"
PARTY = ("organization", "organization__parent", "country")


def published_edition_rows():
    return Conference.objects.published().order_by("id")


def role_rows():
    return Role.objects.order_by("order", "id")


def participation_rows():
    return Participation.objects.order_by("order", "id")


def session_rows():
    return Session.objects.order_by("order", "id")


def photo_rows():
    return Photo.objects.order_by("order", "id")


# What the page shows of an edition besides the edition, its series and its host state: (rows, related records).
PARTS = ((role_rows, PARTY), (participation_rows, PARTY), (session_rows, ()), (photo_rows, ("session",)))


@dataclass
class EditionPage:
    """A published edition's page as its records stand: its key, and the rows of its statements (to render it with)."""

    key: str
    statement_rows: list


def edition_page(request, slug, language):
    """The EditionPage of the published edition `slug` asked for by `request`, or None when there is no such edition."""
    editions = row_states(published_edition_rows, ("series", "country"), language, slug=slug)
    if not editions:
        return None
    values, states = editions[0]
    states = list(states)
    for rows_of, related in PARTS:
        states += [state for _values, row in row_states(rows_of, related, language, conference_id=values["id"]) for state in row]
    statement_rows = row_states(edition_rows, EDITION_RECORDS, language, session__conference_id=values["id"])
    states += [state for _values, row in statement_rows for state in row]
    # The address is in the page (its canonical link, its versions in other languages), and so are the stored files'.
    address = (request.scheme, request.get_host(), request.path, settings.MEDIA_URL)
    return EditionPage(keys_of_states(TEMPLATE, [states], address)[0], statement_rows)


def kept_page(request, page):
    """The page's HTML as kept for its key, or None; never for a host the site is not configured with by that name."""
    if page is None or not configured_host(request.get_host(), request.get_port()):
        return None
    return cache.get(page.key)


def keep_page(request, slug, language, page, content):
    """Keep the page just rendered, if its records still stand as they did when its key was read (an edit committed
    while it rendered would otherwise be kept under the key of the records before the edit)."""
    if page is None or not configured_host(request.get_host(), request.get_port()):
        return
    again = edition_page(request, slug, language)
    if again is not None and again.key == page.key:
        cache.set(page.key, content, FRAGMENT_TIMEOUT)
