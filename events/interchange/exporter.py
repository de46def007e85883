"""Export one edition as an interchange document, and write it as JSON, a folder or a zip.

``export_conference(conference)`` returns the document as a dict. Only
languages with text appear in localized texts, and optional fields without
a value are left out, always the same way, so that export, import into an
empty database and export again give the same document. Photo files are
named by their content (see photos.content_name).
"""

import io
import json
import zipfile
from pathlib import Path

from cabmi_portal.languages import language_codes
from cabmi_portal.validators import is_web_url
from events.citations import shown_sources
from events.queries import conferences_with_everything
from participants.models import Organization

from . import fields as f
from .photos import content_name


def ltext(record, name):
    return {code: value for code in language_codes() if (value := getattr(record, f"{name}_{code}", None))}


def put_texts(target, record, names):
    for name in names:
        if value := ltext(record, name):
            target[name] = value


def export_conference(conference):
    """The document of ``conference`` (any Conference; it is reloaded with everything it shows)."""
    conference = conferences_with_everything().get(pk=conference.pk)
    sessions = list(conference.sessions.all())
    document = header(conference)
    organizations, people = referenced(conference, sessions)
    if organizations:
        slugs = {o.pk: o.slug for o in organizations}
        document["organizations"] = [organization_entry(o, slugs) for o in organizations]
    if people:
        document["people"] = [person_entry(p) for p in people]
    parts = {
        "roles": [party_entry(role, role=role.role) for role in conference.roles.all()],
        "participants": [participant_entry(p) for p in conference.participations.all()],
        "sessions": [session_entry(s) for s in sessions],
        "photos": [photo_entry(photo, name) for photo, name, _data in exported_photos(conference.photos.all())],
        "sources": [source.as_json() for source in shown_sources(conference)],
        "extra": conference.extra,
    }
    document.update({name: value for name, value in parts.items() if value})
    return document


def header(conference):
    document = {"format": f.FORMAT, "version": f.VERSION, "series": {"code": conference.series.code}}
    if name := ltext(conference.series, "name"):
        document["series"]["name"] = name
    document.update({"edition": conference.edition, "slug": conference.slug, "status": conference.status})
    document["title"] = ltext(conference, "title")
    document["start_date"] = conference.start_date.isoformat()
    document["end_date"] = conference.end_date.isoformat()
    put_texts(document, conference, ("city", "venue"))
    if conference.country_id:
        document["country"] = conference.country_id
    if conference.attendance:
        document["attendance"] = conference.attendance
    put_texts(document, conference, ("summary", "body"))
    if conference.participants_count is not None:
        document["participants_count"] = conference.participants_count
    put_texts(document, conference, ("participants_note",))
    return document


def referenced(conference, sessions):
    """Every organization (with its parents) and person the edition refers to, sorted by key."""
    statements = [statement for session in sessions for statement in session.statements.all()]
    organizations = {
        o.pk: o
        for o in [*(r.organization for r in conference.roles.all()), *(p.organization for p in conference.participations.all())]
        if o
    }
    organizations.update({s.organization.pk: s.organization for s in statements if s.organization})
    add_parents(organizations)
    people = {s.speaker.pk: s.speaker for s in statements if s.speaker}
    return sorted(organizations.values(), key=lambda o: o.slug), sorted(people.values(), key=lambda p: p.slug)


def add_parents(organizations):
    """Parents are part of the document too; one query per level of nesting, not per organization."""
    missing = {o.parent_id for o in organizations.values() if o.parent_id and o.parent_id not in organizations}
    while missing:
        for parent in Organization.objects.filter(pk__in=missing):
            organizations[parent.pk] = parent
        missing = {o.parent_id for o in organizations.values() if o.parent_id and o.parent_id not in organizations}


def organization_entry(organization, slugs):
    """``slugs`` maps ids to keys: parents are in the document already, so naming them costs no query."""
    entry = {"key": organization.slug, "name": ltext(organization, "name")}
    put_texts(entry, organization, ("acronym",))
    entry["kind"] = organization.kind
    if organization.parent_id:
        entry["parent"] = slugs[organization.parent_id]
    if organization.country_id:
        entry["country"] = organization.country_id
    if is_web_url(organization.website):  # only addresses anyone may follow leave the portal
        entry["website"] = organization.website
    return entry


def person_entry(person):
    entry = {"key": person.slug, "name": ltext(person, "name")}
    put_texts(entry, person, ("family_name", "honorific"))
    return entry


def party_entry(record, **fields):
    entry = {"organization": record.organization.slug} if record.organization_id else {"country": record.country_id}
    entry.update(fields)
    put_texts(entry, record, f.PARTY_TEXTS)
    return entry


def participant_entry(participation):
    attendance = participation.attendance if participation.attendance_recorded else None
    return party_entry(participation, role=participation.role, attendance=attendance)


def session_entry(session):
    entry = {"key": session.key, "kind": session.kind, "title": ltext(session, "title")}
    if session.date:
        entry["date"] = session.date.isoformat()
    if session.start_time:
        entry["start"] = session.start_time.strftime("%H:%M")
    if session.end_time:
        entry["end"] = session.end_time.strftime("%H:%M")
    put_texts(entry, session, ("location", "description"))
    if statements := [statement_entry(s) for s in session.statements.all()]:
        entry["statements"] = statements
    return entry


def statement_entry(statement):
    entry = {"speaker": statement.speaker.slug} if statement.speaker_id else {}
    put_texts(entry, statement, ("position",))
    if statement.organization_id:
        entry["organization"] = statement.organization.slug
    if statement.country_id:
        entry["country"] = statement.country_id
    entry["delivery"] = statement.delivery if statement.delivery_recorded else None
    if statement.original_language:
        entry["original_language"] = statement.original_language
    put_texts(entry, statement, ("text",))
    return entry


def photo_entry(photo, name):
    entry = {"file": name}
    if photo.session_id:
        entry["session"] = photo.session.key
    put_texts(entry, photo, ("caption", "alt"))
    if photo.credit:
        entry["credit"] = photo.credit
    return entry


def photo_bytes(photo):
    """The stored file's bytes, or None when it is missing (a record restored from history whose file is gone)."""
    try:
        with photo.image.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def exported_photos(photos):
    """(photo, name in the document, bytes) for each photo whose file can be read; a missing file is left out."""
    exported = []
    for photo in photos:
        data = photo_bytes(photo)
        try:
            exported.append((photo, content_name(data), data))
        except (TypeError, ValueError):  # no file, or not an image any more
            continue
    return exported


# Writers -------------------------------------------------------------------------


def to_json(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def photo_files(conference):
    """(name in the document, bytes) for each photo of the edition."""
    return [(name, data) for _photo, name, data in exported_photos(conference.photos.order_by("order", "id"))]


def write_folder(conference, folder):
    folder = Path(folder)
    document = export_conference(conference)
    for name, data in photo_files(conference):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f.DOCUMENT_NAME).write_text(to_json(document), encoding="utf-8")
    return folder / f.DOCUMENT_NAME


def zip_bytes(conferences):
    """One zip: a single edition at the top (conference.json + photos/), several in a folder each."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for conference in conferences:
            prefix = "" if len(conferences) == 1 else f"{conference.slug}/"
            archive.writestr(prefix + f.DOCUMENT_NAME, to_json(export_conference(conference)))
            for name, data in photo_files(conference):
                archive.writestr(prefix + name, data)
    return buffer.getvalue()
