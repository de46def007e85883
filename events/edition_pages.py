"""An edition's public page, kept whole under the state of every record it shows (cabmi_portal.fragments.page_kept_by_state).

The page cache forgets every page at any edit (cabmi_portal.cache), and
most edits touch one edition or none: after an edit elsewhere, the page
would render again although nothing on it changed. So each page is also
kept under a key made of the states of the edition, its series and host
state, its roles and participations with their organizations and states,
its sessions, its statements with their speakers and delegations, and its
photos with their sessions. An edit of any of them makes a new key, and the
page renders (from the fragments of the statements and sessions that did
not change); an edit of anything else costs the page six small queries.
"""

from django.http import Http404

from sessions.models import Photo, Session

from .models import Participation, Role
from .queries import published_edition_rows, row_states, states_of
from .statement_fragments import EDITION_RECORDS, edition_rows

TEMPLATE = "events/conference_detail.html"
PARTY = ("organization", "organization__parent", "country")


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


def edition_states(slug, language):
    """(the states of what the page of the published edition `slug` shows, the rows of its statements); Http404 when
    there is no such edition."""
    editions = row_states(published_edition_rows, ("series", "country"), language, slug=slug)
    if not editions:
        raise Http404
    values, states = editions[0]
    states = list(states)
    for rows_of, related in PARTS:
        states += states_of(row_states(rows_of, related, language, conference_id=values["id"]))
    statement_rows = row_states(edition_rows, EDITION_RECORDS, language, session__conference_id=values["id"])
    states += states_of(statement_rows)
    return states, statement_rows
