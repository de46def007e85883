"""A generated edition that uses every field of the interchange format in every language.

The round-trip tests and the import benchmark use it; its photos are small
generated images. Keys are numbered so that the document is already in the
exporter's order: export of the imported edition gives this document back.
"""

import io
import json
from pathlib import Path

from PIL import Image

from cabmi_portal.languages import language_codes

from . import fields as f
from .photos import content_name


def every_language(text):
    return {code: f"{text} ({code})" for code in language_codes()}


def organizations(count):
    result = []
    for n in range(count):
        entry = {"key": f"org-{n:03d}", "name": every_language(f"Organization {n}"), "acronym": every_language(f"O{n}")}
        entry["kind"] = f.ORGANIZATION_KINDS[n % len(f.ORGANIZATION_KINDS)]
        if n:
            entry["parent"] = "org-000"
        entry["country"] = "UZ"
        entry["website"] = f"https://org{n}.example.org/"
        result.append(entry)
    return result


def statement(n, session_index, speakers, organizations_count):
    entry = {"speaker": f"person-{n % speakers:03d}", "position": every_language(f"Position {n}")}
    if n % 2:
        entry["country"] = ["KZ", "KG", "TJ", "TM", "UZ"][n % 5]
    else:
        entry["organization"] = f"org-{n % organizations_count:03d}"
    entry["delivery"] = None if n % 5 == 4 else f.DELIVERIES[n % len(f.DELIVERIES)]
    spoken = [*language_codes(), "de"]  # delegates may speak a language the portal does not serve
    entry["original_language"] = spoken[n % len(spoken)]
    if n % 7 != 6:  # some speakers' words were not recorded
        entry["text"] = every_language(f"Statement {n} of session {session_index}.\n\nA second paragraph.")
    return entry


def session(index, statement_numbers, speakers, organizations_count):
    return {
        "key": f"session-{index:03d}",
        "kind": f.SESSION_KINDS[index % len(f.SESSION_KINDS)],
        "title": every_language(f"Session {index}"),
        "date": f"2022-12-{13 + index % 3:02d}",
        "start": f"{9 + index % 8:02d}:30",
        "end": f"{10 + index % 8:02d}:15",
        "location": every_language(f"Hall {index}"),
        "description": every_language(f"What session {index} was about."),
        "statements": [statement(n, index, speakers, organizations_count) for n in statement_numbers],
    }


def photo_bytes(index):
    buffer = io.BytesIO()
    Image.new("RGB", (64 + index, 48), (30 * index % 255, 90, 140)).save(buffer, format="PNG" if index % 2 else "JPEG")
    return buffer.getvalue(), "png" if index % 2 else "jpg"


def generated_document(*, sessions=3, statements=6, photos=2, speakers=None, organizations_count=4):
    """The document and {file name: bytes} of its photos."""
    speakers = speakers or max(1, statements // 2)
    numbers = list(range(statements))
    per_session = [numbers[i::sessions] for i in range(sessions)]
    files = {}
    for index in range(photos):
        data, extension = photo_bytes(index)
        files[content_name(data, f"photo.{extension}")] = data
    document = {
        "format": f.FORMAT,
        "version": f.VERSION,
        "series": {"code": "GEN", "name": every_language("Generated series")},
        "edition": 3,
        "slug": "gen-3",
        "status": "published",
        "title": every_language("Generated edition"),
        "start_date": "2022-12-13",
        "end_date": "2022-12-15",
        "city": every_language("City"),
        "venue": every_language("Venue"),
        "country": "UZ",
        "attendance": "hybrid",
        "summary": every_language("Summary"),
        "body": every_language("Body, first paragraph.\n\nSecond paragraph"),
        "participants_count": 70,
        "participants_note": every_language("Over 70 officials"),
        "organizations": organizations(organizations_count),
        "people": [
            {"key": f"person-{n:03d}", "name": every_language(f"Person {n}"), "honorific": every_language("Dr.")} for n in range(speakers)
        ],
        "roles": [{"organization": "org-001", "role": "organizer"}, {"country": "DE", "role": "supporter"}],
        "participants": [
            {"country": "KZ", "role": "participating_state", "attendance": "in_person"},
            *[
                {"organization": f"org-{n:03d}", "role": "organization", "attendance": None if n % 2 else "online"}
                for n in range(organizations_count)
            ],
            {"country": "US", "role": "observer", "attendance": "hybrid"},
        ],
        "sessions": [session(index, per_session[index], speakers, organizations_count) for index in range(sessions)],
        "photos": [
            {
                "file": name,
                "session": "session-000",
                "caption": every_language(f"Caption {i}"),
                "alt": every_language(f"Alt {i}"),
                "credit": "OSCE",
            }
            for i, name in enumerate(files)
        ],
        "sources": [{"url": "https://www.osce.org/example", "title": "Press release", "lang": "en"}],
        "extra": {"notes": ["kept as it was"], "nested": {"number": 1}},
    }
    if not photos:
        del document["photos"]
    return document, files


def write_document(folder, document, files=None):
    """Write conference.json and its photos into ``folder``; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f.DOCUMENT_NAME).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, data in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder
