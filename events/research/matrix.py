"""Who took part in which edition of a series: one row per state or organization, one column per edition.

A cell says how a party was there: the part it took (a participation kind, or
an organizing role when it only organized) and its mode of attendance, or
"statement only" when its delegation spoke without being listed. Only
published editions count. The web table, its CSV and JSON downloads, the
country and organization pages and the offline copy all read this one
function.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Participation, Role, Series
from events.queries import in_language
from participants.models import Country, Organization
from sessions.models import Statement

STATEMENT_ONLY = "statement_only"
MODE_LABELS = {
    Participation.Attendance.IN_PERSON: _("In person"),
    Participation.Attendance.ONLINE: _("Online"),
    Participation.Attendance.HYBRID: _("In person and online"),
    Participation.Attendance.UNKNOWN: _("Attendance not recorded"),
    STATEMENT_ONLY: _("Statement only"),
}
GROUPS = {
    "states": _("States"),
    "organizations": _("Organizations"),
    "observers": _("Observers and guests"),
}
SORTS = {
    "name": _("Name"),
    "editions": _("Editions attended"),
    "first": _("First edition"),
}
OBSERVING = {Participation.Kind.OBSERVER, Participation.Kind.GUEST}


@dataclass
class Cell:
    part: str = ""
    part_label: str = ""
    mode: str = ""
    statements: int = 0

    @property
    def mode_label(self):
        return MODE_LABELS.get(self.mode, "")


@dataclass
class Row:
    party: Country | Organization
    kind: str  # "country" or "organization"
    cells: dict = field(default_factory=dict)  # edition id -> Cell
    first: datetime.date = datetime.date.max

    @property
    def key(self):
        return self.party.code.lower() if self.kind == "country" else self.party.slug

    @property
    def groups(self):
        """The filters this row answers to."""
        found = {"states" if self.kind == "country" else "organizations"}
        if {cell.part for cell in self.cells.values()} & OBSERVING:
            found.add("observers")
        return found

    @property
    def attended(self):
        return len(self.cells)


@dataclass
class Matrix:
    series: Series
    editions: list
    rows: list

    def cells(self, row):
        """The row's cells in edition order, None where the party was not there."""
        return [row.cells.get(edition.pk) for edition in self.editions]


def party_key(country_id, organization_id):
    return ("country", country_id) if country_id else ("organization", organization_id)


def participation_matrix(series, group="", sort="name"):
    """The matrix of one series' published editions, rows filtered to a group ("" for all) and sorted."""
    editions = list(Conference.objects.published().filter(series=series).order_by("start_date", "id"))
    rows = list(party_rows(editions).values())
    chosen = [row for row in rows if not group or group in row.groups]
    return Matrix(series=series, editions=editions, rows=sort_rows(chosen, sort))


def party_rows(editions):
    """{(kind, pk): Row} of the given editions, for every party, in four queries at most."""
    participations = list(Participation.objects.filter(conference__in=editions).select_related("country", "organization"))
    roles = list(Role.objects.filter(conference__in=editions).select_related("country", "organization").order_by("order", "id"))
    spoken = [
        (entry["session__conference"], entry["country"], entry["organization"], entry["count"])
        for entry in Statement.objects.filter(session__conference__in=editions)
        .exclude(country__isnull=True, organization__isnull=True)
        .values("session__conference", "country", "organization")
        .annotate(count=Count("id"))
        .order_by()
    ]
    parties = {party_key(item.country_id, item.organization_id): item.country or item.organization for item in [*participations, *roles]}
    # Delegations that only spoke are read in bulk; in_bulk of nothing costs no query.
    missing = {party_key(country, organization) for _edition, country, organization, _count in spoken} - parties.keys()
    for kind, model in (("country", Country), ("organization", Organization)):
        parties |= {(kind, pk): party for pk, party in model.objects.in_bulk({pk for each, pk in missing if each == kind}).items()}
    return rows_from(editions, participations, roles, spoken, parties)


def rows_from(editions, participations, roles, spoken, parties):
    """{(kind, pk): Row} built from records already read.

    `participations` and `roles` (in their order) belong to `editions`;
    `spoken` lists the statements per edition and delegation as
    (edition id, country id, organization id, count); `parties` maps each
    party key to its record. A delegation that spoke without being listed
    gets a "statement only" cell.
    """
    rows = {}

    def row_of(country_id, organization_id):
        key = party_key(country_id, organization_id)
        if key not in rows:
            rows[key] = Row(party=parties[key], kind=key[0])
        return rows[key]

    for participation in participations:
        row = row_of(participation.country_id, participation.organization_id)
        row.cells[participation.conference_id] = Cell(participation.role, participation.get_role_display(), participation.attendance)
    for role in roles:
        cell = row_of(role.country_id, role.organization_id).cells.setdefault(role.conference_id, Cell())
        if not cell.part:
            cell.part, cell.part_label = role.role, role.get_role_display()
    for edition_id, country_id, organization_id, count in spoken:
        cell = row_of(country_id, organization_id).cells.setdefault(edition_id, Cell())
        cell.statements += count
        if not cell.part:
            cell.mode = STATEMENT_ONLY
    starts = {edition.pk: edition.start_date for edition in editions}
    for row in rows.values():
        row.first = min(starts[pk] for pk in row.cells)
    return rows


def sort_rows(rows, sort):
    """States first, then organizations, each by name; or by editions attended, or by first edition attended."""
    by_name = sorted(rows, key=lambda row: (row.kind != "country", str(row.party).casefold()))
    if sort == "editions":
        return sorted(by_name, key=lambda row: -row.attended)
    if sort == "first":
        return sorted(by_name, key=lambda row: row.first)
    return by_name


def published_editions(language=None):
    """Every published edition, oldest first, with its series."""
    return list(in_language(Conference.objects.published().select_related("series").order_by("start_date", "id"), language))


def rows_of(party, editions, roles, participations, spoken):
    """For a country or organization page: [(matrix, its row)] for each series it took part in.

    Built from what the page has read: the published editions
    (published_editions()), the party's published roles and participations,
    and how many published statements it made at each edition ({edition id: count}).
    """
    ids = (party.pk, None) if isinstance(party, Country) else (None, party.pk)
    rows = rows_from(editions, participations, sorted(roles, key=lambda role: (role.order, role.pk)),
                     [(edition_id, *ids, count) for edition_id, count in spoken.items()], {party_key(*ids): party})
    found = []
    for row in rows.values():
        attended = {edition.series_id for edition in editions if edition.pk in row.cells}
        for series in sorted({edition.series for edition in editions if edition.series_id in attended}, key=lambda s: s.code):
            found.append((Matrix(series, [e for e in editions if e.series_id == series.pk], [row]), row))
    return found

