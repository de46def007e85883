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


def party_rows(editions, party=None, language=None):
    """{(kind, pk): Row} of the given editions, for every party or for one, in four queries.

    With `language`, only that language's and English names are read.
    """
    only = {} if party is None else {("country" if isinstance(party, Country) else "organization"): party}
    rows = {}
    participations = in_language(
        Participation.objects.filter(conference__in=editions, **only).select_related("country", "organization"), language
    )
    for participation in participations:
        row = _row(rows, participation)
        row.cells[participation.conference_id] = Cell(participation.role, participation.get_role_display(), participation.attendance)
    roles = in_language(
        Role.objects.filter(conference__in=editions, **only).select_related("country", "organization").order_by("order", "id"), language
    )
    for role in roles:
        cell = _row(rows, role).cells.setdefault(role.conference_id, Cell())
        if not cell.part:
            cell.part, cell.part_label = role.role, role.get_role_display()
    _add_statements(rows, editions, only)
    starts = {edition.pk: edition.start_date for edition in editions}
    for row in rows.values():
        row.first = min(starts[pk] for pk in row.cells)
    return rows


def _row(rows, item):
    key = party_key(item.country_id, item.organization_id)
    if key not in rows:
        rows[key] = Row(party=item.country or item.organization, kind=key[0])
    return rows[key]


def _add_statements(rows, editions, only):
    """Count statements per delegation and edition; a delegation that only spoke gets a "statement only" cell."""
    spoken = list(
        Statement.objects.filter(session__conference__in=editions, **only)
        .exclude(country__isnull=True, organization__isnull=True)
        .values("session__conference", "country", "organization")
        .annotate(count=Count("id"))
        .order_by()
    )
    missing = [entry for entry in spoken if party_key(entry["country"], entry["organization"]) not in rows]
    countries = Country.objects.in_bulk({entry["country"] for entry in missing if entry["country"]}) if missing else {}
    organizations = Organization.objects.in_bulk({entry["organization"] for entry in missing if entry["organization"]}) if missing else {}
    for entry in spoken:
        key = party_key(entry["country"], entry["organization"])
        if key not in rows:
            party = only.get(key[0]) or (countries[entry["country"]] if entry["country"] else organizations[entry["organization"]])
            rows[key] = Row(party=party, kind=key[0])
        cell = rows[key].cells.setdefault(entry["session__conference"], Cell())
        cell.statements += entry["count"]
        if not cell.part:
            cell.mode = STATEMENT_ONLY


def sort_rows(rows, sort):
    """States first, then organizations, each by name; or by editions attended, or by first edition attended."""
    by_name = sorted(rows, key=lambda row: (row.kind != "country", str(row.party).casefold()))
    if sort == "editions":
        return sorted(by_name, key=lambda row: -row.attended)
    if sort == "first":
        return sorted(by_name, key=lambda row: row.first)
    return by_name


def rows_of(party, language=None):
    """For a country or organization page: [(matrix, its row)] for each series it took part in, in five queries."""
    editions = list(in_language(Conference.objects.published().select_related("series").order_by("start_date", "id"), language))
    rows = party_rows(editions, party, language)
    found = []
    for row in rows.values():
        attended = {edition.series_id for edition in editions if edition.pk in row.cells}
        for series in sorted({edition.series for edition in editions if edition.series_id in attended}, key=lambda s: s.code):
            found.append((Matrix(series, [e for e in editions if e.series_id == series.pk], [row]), row))
    return found
