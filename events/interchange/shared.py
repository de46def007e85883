"""Changes an import would make to records other editions use, and the names an edition keeps when they are held back.

Organizations, people and the series are shared: the same key is the same
record in every edition that names it. ``shared_changes(document, conference)``
lists, before anything is written, every field the document would change on
such a record that another edition (not ``conference``, the edition being
imported) uses, with the old and the new value and those editions. The
importer applies them only when asked to (``update_shared``); otherwise the
stored records stay as they are and the edition's roles and participations
keep the document's names of their organizations as their "name then".
Command and admin page only present this list.
"""

from dataclasses import dataclass, field

from cabmi_portal.languages import language_codes
from events.models import Conference, Series
from participants.models import Organization, Person

from .sync import given_texts, same

SERIES, ORGANIZATION, PERSON = "series", "organization", "person"
NAME_FIELDS = ("name", "acronym")


@dataclass
class FieldChange:
    field: str  # the model field's name: name, acronym, kind, website, country, parent, family_name, honorific
    language: str  # a language code for translated fields, "" otherwise
    old: str
    new: str
    label: object = ""  # the field's verbose name (lazy: shown in the reader's language)

    @property
    def column(self):
        return f"{self.field}_{self.language}" if self.language else self.field


@dataclass
class SharedChange:
    kind: str  # series, organization or person
    key: str
    record: object
    changes: list = field(default_factory=list)
    editions: list = field(default_factory=list)  # the other Conferences that use the record

    @property
    def columns(self):
        return {change.column for change in self.changes}

    @property
    def renames(self):
        """Whether the name or acronym changes: what an edition's "name then" keeps."""
        return any(change.field in NAME_FIELDS for change in self.changes)


# What the document says of each shared record ------------------------------


def series_values(item):
    return given_texts(Series, "name", item.get("name"))


def organization_values(item):
    values = {**given_texts(Organization, "name", item["name"]), **given_texts(Organization, "acronym", item.get("acronym"))}
    for name in ("kind", "website"):
        if item.get(name) is not None:
            values[name] = item[name]
    if item.get("country") is not None:
        values["country_id"] = item["country"]
    return values


def person_values(item):
    return {
        **given_texts(Person, "name", item["name"]),
        **given_texts(Person, "family_name", item.get("family_name")),
        **given_texts(Person, "honorific", item.get("honorific")),
    }


# The changes --------------------------------------------------------------


def shared_changes(document, conference):
    """Every change the document makes to a stored series, organization or person another edition than ``conference`` uses."""
    excluded = conference.pk if conference is not None else None
    found = []
    series = Series.objects.filter(code=document["series"]["code"]).first()
    if series is not None:
        change = record_change(SERIES, series.code, series, series_values(document["series"]))
        if change.changes:
            change.editions = list(Conference.objects.filter(series=series).exclude(pk=excluded).order_by("start_date", "id"))
            found.append(change)
    found += organization_changes(document.get("organizations") or [], excluded)
    found += person_changes(document.get("people") or [], excluded)
    return [change for change in found if change.editions]


def organization_changes(items, excluded):
    stored = Organization.objects.in_bulk([item["key"] for item in items], field_name="slug")
    parents = Organization.objects.in_bulk({o.parent_id for o in stored.values() if o.parent_id})
    changes = []
    for item in items:
        record = stored.get(item["key"])
        if record is None:
            continue
        change = record_change(ORGANIZATION, item["key"], record, organization_values(item))
        old_parent = parents[record.parent_id].slug if record.parent_id else ""
        if item.get("parent") and item["parent"] != old_parent:
            label = Organization._meta.get_field("parent").verbose_name
            change.changes.append(FieldChange("parent", "", old_parent, item["parent"], label))
        if change.changes:
            changes.append(change)
    add_editions(changes, excluded, ("roles", "participations", "statements"))
    return changes


def person_changes(items, excluded):
    stored = Person.objects.in_bulk([item["key"] for item in items], field_name="slug")
    changes = [
        change
        for item in items
        if (record := stored.get(item["key"])) is not None
        and (change := record_change(PERSON, item["key"], record, person_values(item))).changes
    ]
    add_editions(changes, excluded, ("statements",))
    return changes


def record_change(kind, key, record, values):
    change = SharedChange(kind, key, record)
    for column, new in values.items():
        old = getattr(record, column)
        if same(old, new):
            continue
        name, language = split_column(column)
        label = record._meta.get_field(name).verbose_name
        change.changes.append(FieldChange(name, language, shown(record, name, old), shown(record, name, new), label))
    return change


def split_column(column):
    if column.endswith("_id"):
        return column[:-3], ""
    name, _sep, code = column.rpartition("_")
    return (name, code) if code in language_codes() else (column, "")


def shown(record, name, value):
    """A value as staff read it: a kind by its label, nothing as empty."""
    choices = dict(record._meta.get_field(name).flatchoices)
    return str(choices.get(value, value)) if value not in (None, "") else ""


def add_editions(changes, excluded, relations):
    """The other editions using each changed record, in three queries at most whatever their number."""
    if not changes:
        return
    by_pk = {change.record.pk: change for change in changes}
    model = type(changes[0].record)
    uses = {pk: set() for pk in by_pk}
    for relation in relations:
        column = "session__conference" if relation == "statements" else "conference"
        related = model._meta.get_field(relation).related_model
        link = model._meta.get_field(relation).field.name
        rows = related.objects.filter(**{f"{link}__in": list(by_pk)}).exclude(**{column: excluded}).values_list(link, column)
        for pk, conference_id in rows:
            uses[pk].add(conference_id)
    conferences = Conference.objects.in_bulk({pk for ids in uses.values() for pk in ids})
    for pk, change in by_pk.items():
        change.editions = sorted((conferences[i] for i in uses[pk]), key=lambda c: (c.start_date, c.pk))


# Holding them back ----------------------------------------------------------


def held_columns(changes, kind):
    """{key: columns left as stored} of one kind of record."""
    return {change.key: change.columns for change in changes if change.kind == kind}


def names_then(document, changes):
    """{organization key: (name LText, acronym LText)} the edition keeps for organizations whose renaming is held back."""
    renamed = {change.key for change in changes if change.kind == ORGANIZATION and change.renames}
    return {item["key"]: (item["name"], item.get("acronym")) for item in document.get("organizations") or [] if item["key"] in renamed}
