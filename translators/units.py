"""An edition's translatable text as units: one record's field, with its English source and a note for context.

A unit's id names its record and field (``session.12.title``) and stays the
same for as long as the record exists, so a file sent to a translator can be
matched back. The edition's units are its conference, sessions, statements
and photos, then the organizations and people it names (roles,
participations, speakers); countries take their names from CLDR and are
left out.
"""

import hashlib
from dataclasses import dataclass

from django.db.models import Model
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from cabmi_portal.languages import DEFAULT_LANGUAGE
from events.models import Conference
from events.queries import conferences_with_everything
from participants.models import Organization, Person
from sessions.models import Photo, Session, Statement

SOURCE = DEFAULT_LANGUAGE

# The kinds of record a unit id may name, by the first part of the id.
KINDS = {
    "conference": Conference,
    "session": Session,
    "statement": Statement,
    "photo": Photo,
    "organization": Organization,
    "person": Person,
}
KIND_OF_MODEL = {model: kind for kind, model in KINDS.items()}


def source_hash(text):
    """The hash of an English source that travels in exported files; an import compares it with today's."""
    return hashlib.sha256((text or "").encode("utf-8")).hexdigest()[:16]


def translated_fields(model):
    """The model's translated fields in the order the model declares them."""
    try:
        names = translator.get_options_for_model(model).fields
    except NotRegistered:
        return []
    return [field.name for field in model._meta.fields if field.name in names]


@dataclass(frozen=True)
class Unit:
    id: str
    record: Model
    field: str
    note: str

    @property
    def source(self):
        return getattr(self.record, f"{self.field}_{SOURCE}") or ""

    @property
    def hash(self):
        return source_hash(self.source)

    def target(self, language):
        return getattr(self.record, f"{self.field}_{language}") or ""

    def label(self):
        return str(self.record._meta.get_field(self.field).verbose_name)


def unit_id(record, field):
    return f"{KIND_OF_MODEL[type(record)]}.{record.pk}.{field}"


def load_edition(conference):
    """The conference again, with everything its units read loaded in a fixed number of queries."""
    return conferences_with_everything(Conference.objects.filter(pk=conference.pk)).get()


def edition_units(conference):
    """Every unit of the edition with English text, in reading order; ``conference`` from load_edition."""
    with translation.override(SOURCE):
        return [unit for unit in _all_units(conference) if unit.source]


def _record_units(record, context):
    return [
        Unit(unit_id(record, field), record, field, f"{context} — {record._meta.get_field(field).verbose_name}")
        for field in translated_fields(type(record))
    ]


def _all_units(conference):
    units = _record_units(conference, f"Conference “{conference.title_en}”")
    for session in conference.sessions.all():
        units += _record_units(session, session_context(session))
        for statement in session.statements.all():
            units += _record_units(statement, statement_context(session, statement))
    for photo in conference.photos.all():
        where = f", session “{photo.session.title_en}”" if photo.session else ""
        units += _record_units(photo, f"Photo {photo.image.name.rsplit('/', 1)[-1]}{where}")
    for organization, context in named_organizations(conference).items():
        units += _record_units(organization, context)
    for person, context in named_people(conference).items():
        units += _record_units(person, context)
    return units


def session_context(session):
    when = f", {session.date:%d %B %Y}" if session.date else ""
    return f"Session “{session.title_en}” ({session.get_kind_display()}{when})"


def statement_context(session, statement):
    speaker = statement.speaker.name_en if statement.speaker else "an unnamed speaker"
    position = f" ({statement.position_en})" if statement.position_en else ""
    return f"Statement by {speaker}{position} in session “{session.title_en}”"


def named_organizations(conference):
    """{organization: context} for every organization the edition names, in the order the page shows them."""
    named = {}

    def add(organization, context):
        if organization is not None and organization not in named:
            named[organization] = context
            if organization.parent_id:
                add(organization.parent, f"Parent organization of {organization.name_en}")

    for role in conference.roles.all():
        add(role.organization, f"Organization: {role.get_role_display()} of the conference")
    for participation in conference.participations.all():
        add(participation.organization, f"Organization taking part: {participation.get_role_display()}")
    for session in conference.sessions.all():
        for statement in session.statements.all():
            add(statement.organization, f"Organization on whose behalf {_speaker(statement)} spoke")
    return named


def named_people(conference):
    named = {}
    for session in conference.sessions.all():
        for statement in session.statements.all():
            if statement.speaker is not None and statement.speaker not in named:
                named[statement.speaker] = f"Speaker in session “{session.title_en}”"
    return named


def _speaker(statement):
    return statement.speaker.name_en if statement.speaker else "an unnamed speaker"
