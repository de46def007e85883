"""One test per rule the importer checks: each reports its path in the document, and nothing is written."""

import copy
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from events.models import Conference, Series
from participants.models import Organization, Person
from sessions.models import Session, Statement
from tests.factories import ConferenceFactory

LANGUAGES = "en, ru, uz, kk, ky, tg, tk"

VALID = {
    "format": "cabmi-portal/conference",
    "version": 1,
    "series": {"code": "CABMI"},
    "edition": 17,
    "title": {"en": "17th CABMI Conference", "ru": "17-я конференция CABMI"},
    "start_date": "2022-12-13",
    "end_date": "2022-12-15",
    "country": "UZ",
    "organizations": [
        {"key": "osce", "name": {"en": "OSCE"}, "kind": "intergovernmental"},
        {"key": "unodc", "name": {"en": "UNODC"}, "kind": "un_entity", "parent": "osce"},
    ],
    "people": [{"key": "ashita-mittal", "name": {"en": "Ashita Mittal"}}],
    "roles": [{"organization": "osce", "role": "organizer"}],
    "participants": [{"country": "KZ", "role": "participating_state", "attendance": None}],
    "sessions": [
        {
            "key": "opening",
            "kind": "opening",
            "title": {"en": "Opening"},
            "start": "09:30",
            "end": "10:30",
            "statements": [{"speaker": "ashita-mittal", "organization": "unodc", "delivery": None, "text": {"en": "Words."}}],
        }
    ],
}


def database_counts():
    return [model.objects.count() for model in (Series, Conference, Organization, Person, Session, Statement)]


def problems_of(path):
    """Import ``path`` with the command; the problem lines it prints, asserting that it failed and wrote nothing."""
    before = database_counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_conference", str(path), stdout=io.StringIO(), stderr=err)
    assert database_counts() == before
    return err.getvalue().splitlines()


def write(tmp_path, document, name="conference.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def changed(**changes):
    document = copy.deepcopy(VALID)
    for dotted, value in changes.items():
        target, *parts = document, *dotted.split("__")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if value is DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return document


DELETE = object()


@pytest.mark.django_db
def test_valid_document_imports(tmp_path):
    call_command("import_conference", str(write(tmp_path, VALID)), stdout=io.StringIO())

    assert Conference.objects.get().slug == "cabmi-17"


CASES = [
    ("wrong_format", changed(format="cabmi/other"), "format: must be “cabmi-portal/conference”, but the document says “cabmi/other”"),
    ("wrong_version", changed(version=3), "version: must be one of 1, 2, but the document says 3"),
    ("missing_title", changed(title=DELETE), "title: is required"),
    ("missing_session_title", changed(sessions__0__title=DELETE), "sessions[0].title: is required"),
    ("missing_organization_name", changed(organizations__1__name=DELETE), "organizations[1].name: is required"),
    ("wrong_type_edition", changed(edition="17"), "edition: must be a whole number, not text"),
    ("wrong_type_sessions", changed(sessions={"key": "x"}), "sessions: must be a list ([…]), not an object"),
    ("wrong_type_title", changed(title=["17th"]), "title: must be text or an object of texts by language code, not a list"),
    ("unknown_field", changed(titel="x"), "titel: unknown field “titel”"),
    (
        "unknown_nested_field",
        changed(sessions__0__statements__0__speeker="x"),
        "sessions[0].statements[0].speeker: unknown field “speeker”",
    ),
    (
        "unknown_language",
        changed(title={"en": "T", "fr": "T"}),
        f"title.fr: unknown language code “fr”; the portal's languages are: {LANGUAGES}",
    ),
    (
        "unknown_original_language",
        changed(sessions__0__statements__0__original_language="english"),
        "sessions[0].statements[0].original_language: “english” is not a language code such as en, ru, uz, de or tr (ISO 639)",
    ),
    ("unknown_country", changed(country="XX"), "country: “XX” is not an ISO 3166-1 country code such as UZ or TR"),
    (
        "unknown_participant_country",
        changed(participants__0__country="SU"),
        "participants[0].country: “SU” is not an ISO 3166-1 country code",
    ),
    ("end_before_start", changed(end_date="2022-12-12"), "end_date: the conference ends (2022-12-12) before it starts (2022-12-13)"),
    ("malformed_date", changed(start_date="13.12.2022"), "start_date: “13.12.2022” is not a date written as YYYY-MM-DD"),
    ("impossible_date", changed(end_date="2022-02-30"), "end_date: “2022-02-30” is not a date written as YYYY-MM-DD"),
    ("malformed_time", changed(sessions__0__start="9.30"), "sessions[0].start: “9.30” is not a time written as HH:MM"),
    ("session_ends_before_start", changed(sessions__0__end="09:00"), "sessions[0].end: the session ends (09:00) before it starts (09:30)"),
    (
        "duplicate_person_key",
        changed(people=[{"key": "ashita-mittal", "name": "A"}, {"key": "ashita-mittal", "name": "B"}]),
        "people[1].key: the person key “ashita-mittal” is already used by people[0]",
    ),
    ("bad_key", changed(people__0__key="Ashita Mittal"), "people[0].key: “Ashita Mittal” is not a key"),
    (
        "unknown_speaker",
        changed(sessions__0__statements__0__speaker="mittal"),
        "sessions[0].statements[0].speaker: no person with key “mittal”",
    ),
    ("unknown_parent", changed(organizations__1__parent="un"), "organizations[1].parent: no organization with key “un”"),
    (
        "unknown_role_organization",
        changed(roles__0__organization="osce-secretariat"),
        "roles[0].organization: no organization with key “osce-secretariat”",
    ),
    ("parent_cycle", changed(organizations__0__parent="unodc"), "organizations[0].parent: organization “osce” would be its own parent"),
    (
        "statement_without_speaker_or_text",
        changed(sessions__0__statements__0={"position": {"en": "Delegate"}}),
        "sessions[0].statements[0]: a statement needs a speaker or a text (or both)",
    ),
    ("role_with_both", changed(roles__0__country="UZ"), "roles[0]: give either “organization” or “country”, not both"),
    ("role_with_neither", changed(roles__0={"role": "organizer"}), "roles[0]: give an “organization” or a “country”"),
    (
        "participant_twice",
        changed(participants=[{"country": "KZ", "role": "observer"}, {"country": "KZ", "role": "guest"}]),
        "participants[1]: “KZ” already takes part",
    ),
    (
        "role_twice",
        changed(roles=[{"country": "UZ", "role": "host"}, {"country": "UZ", "role": "host"}]),
        "roles[1]: the same role is already listed at roles[0]",
    ),
    ("unknown_choice", changed(sessions__0__kind="keynote"), "sessions[0].kind: “keynote” is not one of: opening, plenary"),
    ("negative_count", changed(participants_count=-1), "participants_count: must be 0 or more, not -1"),
    (
        "photo_unknown_session",
        changed(photos=[{"file": "a.jpg", "session": "closing"}]),
        "photos[0].session: no session with key “closing”",
    ),
    ("text_too_long", changed(title={"en": "x" * 301}), "title.en: is 301 characters long; at most 300 are allowed"),
    ("nul_character", changed(title={"en": "17th\u0000"}), "title.en: contains the control character U+0000"),
    ("number_too_big", changed(participants_count=2**31), "participants_count: must be at most 2147483647, not 2147483648"),
    ("decimal_number", changed(edition=17.5), "edition: must be a whole number, not a decimal number"),
    ("series_not_an_object", changed(series="CABMI"), "series: must be an object ({…}), not text"),
    ("empty_series_code", changed(series={"code": ""}), "series.code: is empty"),
    ("bad_website", changed(organizations__0__website="osce.org"), "organizations[0].website: “osce.org” is not a web address"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("document, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_invalid_document_reports_the_problem_and_writes_nothing(tmp_path, document, expected):
    lines = problems_of(write(tmp_path, document))

    assert any(line.startswith(expected) for line in lines), lines


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(tmp_path):
    document = changed(country="XX", end_date="2022-12-01", sessions__0__statements__0__speaker="mittal", titel="x")

    lines = problems_of(write(tmp_path, document))

    assert [line.split(":")[0] for line in lines] == ["titel", "country", "sessions[0].statements[0].speaker", "end_date"]


@pytest.mark.django_db
def test_slug_of_another_edition_is_refused(tmp_path):
    ConferenceFactory(slug="cabmi-17", edition=16)

    assert problems_of(write(tmp_path, VALID)) == ["slug: “cabmi-17” is already the address of another edition (CABMI 16)"]


@pytest.mark.django_db
def test_document_that_is_not_an_object_is_refused(tmp_path):
    assert problems_of(write(tmp_path, [VALID])) == ["document: must be a JSON object ({…}) describing one conference"]


@pytest.mark.django_db
def test_document_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "conference.json"
    path.write_text('{"format": ', encoding="utf-8")

    assert problems_of(path) == ["document: is not valid JSON: Expecting value at line 1, column 12"]


@pytest.mark.django_db
def test_invalid_utf8_is_refused(tmp_path):
    path = tmp_path / "conference.json"
    path.write_bytes(json.dumps(VALID).encode("utf-8").replace(b"Conference", b"Conf\xe9rence"))

    lines = problems_of(path)

    assert len(lines) == 1 and lines[0].startswith("document: is not valid UTF-8 text (byte ")


@pytest.mark.django_db
def test_document_over_20_mb_is_refused(tmp_path):
    path = tmp_path / "conference.json"
    path.write_bytes(json.dumps(VALID).encode() + b" " * (20 * 1024 * 1024))

    assert problems_of(path) == ["document: the document is 20.0 MB; at most 20 MB are accepted"]


@pytest.mark.django_db
def test_zip_with_a_path_leaving_its_folder_is_refused(tmp_path):
    path = tmp_path / "edition.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("conference.json", json.dumps(VALID))
        archive.writestr("../../etc/cron.d/evil", "x")

    assert problems_of(path) == ["document: the zip holds “../../etc/cron.d/evil”, a path that leaves its folder; nothing was read"]


@pytest.mark.django_db
def test_zip_without_document_is_refused(tmp_path):
    path = tmp_path / "edition.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("edition.json", json.dumps(VALID))

    assert problems_of(path) == ["document: the zip has no “conference.json”"]


def with_photo(tmp_path, name, data):
    (tmp_path / "photos").mkdir(exist_ok=True)
    if data is not None:
        (tmp_path / "photos" / name).write_bytes(data)
    return write(tmp_path, changed(photos=[{"file": f"photos/{name}", "session": "opening"}]))


@pytest.mark.django_db
def test_missing_photo_file_is_refused(tmp_path):
    lines = problems_of(with_photo(tmp_path, "opening.jpg", None))

    assert lines == ["photos[0].file: no file “photos/opening.jpg” beside the document (for photos, import a folder or a zip)"]


@pytest.mark.django_db
def test_photo_path_leaving_the_folder_is_refused(tmp_path):
    document = changed(photos=[{"file": "../secret.jpg"}])

    assert problems_of(write(tmp_path, document)) == ["photos[0].file: “../secret.jpg” is not a path inside the document's folder"]


@pytest.mark.django_db
def test_photo_that_is_not_an_image_is_refused(tmp_path):
    lines = problems_of(with_photo(tmp_path, "opening.jpg", b"%PDF-1.7 not a photo"))

    assert lines == ["photos[0].file: “opening.jpg” is a PDF document, not a photo. Upload a JPEG, PNG or WebP image."]


@pytest.mark.django_db
def test_photo_over_the_pixel_limit_is_refused(tmp_path):
    buffer = io.BytesIO()
    Image.new("1", (8000, 5001)).save(buffer, format="PNG")

    lines = problems_of(with_photo(tmp_path, "huge.png", buffer.getvalue()))

    assert lines == ["photos[0].file: “huge.png” has 8000 × 5001 pixels; photos may have at most 40 megapixels."]


@pytest.mark.django_db
def test_photo_over_the_size_limit_is_refused(tmp_path):
    lines = problems_of(with_photo(tmp_path, "big.jpg", b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024)))

    assert lines == ["photos[0].file: “big.jpg” is more than 20.0\xa0MB; photos may be at most 20.0\xa0MB."]


@pytest.mark.django_db
def test_deeply_nested_json_is_refused(tmp_path):
    path = tmp_path / "conference.json"
    path.write_text('{"extra": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")

    assert problems_of(path) == ["document: is nested too deeply to be a conference document"]


@pytest.mark.django_db
def test_file_named_zip_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "edition.zip"
    path.write_bytes(b"not a zip at all")

    assert problems_of(path) == ["document: “edition.zip” is not a readable zip file"]


@pytest.mark.django_db
def test_zip_of_several_editions_is_refused(tmp_path):
    path = tmp_path / "conferences.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("cabmi-16/conference.json", json.dumps(VALID))
        archive.writestr("cabmi-17/conference.json", json.dumps(VALID))

    assert problems_of(path) == ["document: the zip holds several conferences (cabmi-16, cabmi-17); import them one at a time"]


@pytest.mark.django_db
def test_zip_with_the_document_in_one_folder_imports(tmp_path):
    path = tmp_path / "cabmi-17.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("cabmi-17/conference.json", json.dumps(VALID))

    call_command("import_conference", str(path), stdout=io.StringIO())

    assert Conference.objects.get().slug == "cabmi-17"
