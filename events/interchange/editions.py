"""Write the parts of one edition: roles, participants, sessions with statements, photos.

These belong to the edition alone, so what left the document is removed.
"""

import datetime
from pathlib import PurePosixPath

from django.core.files.base import ContentFile

from events.models import Participation, Role
from sessions.models import Photo, Session, Statement

from . import fields as f
from .photos import content_name, photo_digest
from .sync import sync, texts


def write_edition(conference, document, files, organizations, people, counts, *, dry_run=False, names_then=None):
    def org_id(key):
        return organizations[key].pk if key else None

    def then(model, item):
        return name_then_values(model, item, names_then or {})

    write_roles(conference, document.get("roles") or [], org_id, then, counts["roles"])
    write_participants(conference, document.get("participants") or [], org_id, then, counts["participants"])
    # Statements are read before sessions change, so those of removed sessions are counted as removed.
    statements = stored_statements(conference)
    sessions = write_sessions(conference, document.get("sessions") or [], counts["sessions"])
    write_statements(statements, document.get("sessions") or [], sessions, people, org_id, counts["statements"])
    write_photos(conference, document.get("photos") or [], files, sessions, counts["photos"], dry_run=dry_run)


def name_then_values(model, item, held_names):
    """The edition's name of its organization: the document's own name_then, else the name whose renaming is held back."""
    name, acronym = item.get("name_then"), item.get("acronym_then")
    if name is None and acronym is None:
        name, acronym = held_names.get(item.get("organization"), (None, None))
    return {**texts(model, "name_then", name), **texts(model, "acronym_then", acronym)}


def write_roles(conference, items, org_id, then, counts):
    existing = {(r.role, r.organization_id, r.country_id): r for r in conference.roles.all()}
    desired = [
        (
            (item["role"], org_id(item.get("organization")), item.get("country")),
            {
                "conference": conference,
                "role": item["role"],
                "organization_id": org_id(item.get("organization")),
                "country_id": item.get("country"),
            },
            {"order": index, **then(Role, item)},
        )
        for index, item in enumerate(items)
    ]
    sync(Role, existing, desired, counts)


def party(organization_id, country_id):
    return ("organization", organization_id) if organization_id else ("country", country_id)


def write_participants(conference, items, org_id, then, counts):
    existing = {party(p.organization_id, p.country_id): p for p in conference.participations.all()}
    desired = [
        (
            party(org_id(item.get("organization")), item.get("country")),
            {"conference": conference, "organization_id": org_id(item.get("organization")), "country_id": item.get("country")},
            {"role": item["role"], "attendance": item.get("attendance") or Participation.Attendance.UNKNOWN, "order": index,
             **then(Participation, item)},
        )
        for index, item in enumerate(items)
    ]
    sync(Participation, existing, desired, counts)


def session_values(item, index):
    values = {"kind": item.get("kind") or Session.Kind.PLENARY, "order": index}
    values["date"] = datetime.date.fromisoformat(item["date"]) if item.get("date") else None
    values["start_time"] = datetime.time.fromisoformat(item["start"]) if item.get("start") else None
    values["end_time"] = datetime.time.fromisoformat(item["end"]) if item.get("end") else None
    for name in f.SESSION_TEXTS:
        values.update(texts(Session, name, item.get(name)))
    return values


def write_sessions(conference, items, counts):
    existing = {s.key: s for s in conference.sessions.all()}
    desired = [
        (item["key"], {"conference": conference, "key": item["key"]}, session_values(item, index)) for index, item in enumerate(items)
    ]
    return sync(Session, existing, desired, counts)


def statement_values(item, index, people, org_id):
    values = {
        "speaker_id": people[item["speaker"]].pk if item.get("speaker") else None,
        "organization_id": org_id(item.get("organization")),
        "country_id": item.get("country"),
        "delivery": item.get("delivery") or Statement.Delivery.UNKNOWN,
        "original_language": item.get("original_language") or "",
        "order": index,
    }
    for name in f.STATEMENT_TEXTS:
        values.update(texts(Statement, name, item.get(name)))
    return values


def stored_statements(conference):
    """Statements have no key: the n-th statement of a session is matched with the n-th stored one."""
    existing, position = {}, {}
    for statement in Statement.objects.filter(session__conference=conference).order_by("session_id", "order", "id"):
        index = position[statement.session_id] = position.get(statement.session_id, -1) + 1
        existing[(statement.session_id, index)] = statement
    return existing


def write_statements(existing, session_items, sessions, people, org_id, counts):
    desired = []
    for item in session_items:
        session = sessions[item["key"]]
        for index, statement in enumerate(item.get("statements") or []):
            desired.append(((session.pk, index), {"session": session}, statement_values(statement, index, people, org_id)))
    sync(Statement, existing, desired, counts)


def write_photos(conference, items, files, sessions, counts, *, dry_run):
    """Photos are matched by content: the same bytes are the same photo, whatever the file is called."""
    existing, seen = {}, {}
    for photo in conference.photos.all():
        digest = photo_digest(photo)
        seen[digest] = seen.get(digest, -1) + 1
        existing[(digest, seen[digest])] = photo
    desired, data_by_identity, seen = [], {}, {}
    for index, item in enumerate(items):
        data = files.read(item["file"])
        digest = photo_digest(data)
        seen[digest] = seen.get(digest, -1) + 1
        identity = (digest, seen[digest])
        data_by_identity[identity] = (data, item["file"])
        values = {
            "session_id": sessions[item["session"]].pk if item.get("session") else None,
            "credit": item.get("credit") or "",
            "order": index,
        }
        for name in f.PHOTO_TEXTS:
            values.update(texts(Photo, name, item.get(name)))
        desired.append((identity, {"conference": conference}, values))
    new = [entry for entry in desired if entry[0] not in existing]
    sync(Photo, existing, [entry for entry in desired if entry[0] in existing], counts)
    # New photos are saved one by one: their files are stored and their renditions made.
    for identity, create_values, values in new:
        counts.created += 1
        if not dry_run:
            data, name = data_by_identity[identity]
            photo = Photo(**create_values, **values)
            photo.image.save(PurePosixPath(content_name(data, name)).name, ContentFile(data), save=False)
            photo.save()
