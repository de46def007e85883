"""Export, import into an empty database, export again: the same document. Re-import changes nothing."""

import copy
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.interchange.sample import generated_document, write_document
from events.models import Conference, Participation, Role, Series
from participants.models import Organization, Person
from sessions.models import Photo, Session, Statement

DEMO = Path(__file__).resolve().parents[2] / "events" / "interchange" / "demo" / "cabmi-17.json"


def export(slug, *args):
    out = io.StringIO()
    call_command("export_conference", slug, *args, stdout=out)
    return out.getvalue()


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_conference", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def empty_the_database():
    Conference.objects.all().delete()
    Series.objects.all().delete()
    Organization.objects.exclude(parent=None).delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()


def zip_contents(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def record_counts():
    models = (Series, Conference, Organization, Person, Role, Participation, Session, Statement, Photo)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_edition_exports_as_the_shipped_document():
    call_command("load_demo", stdout=io.StringIO())

    exported = json.loads(export("cabmi-17"))

    shipped = json.loads(DEMO.read_text(encoding="utf-8"))
    for name in ("organizations", "people"):
        shipped[name] = sorted(shipped[name], key=lambda item: item["key"])
    # The shipped document is a version 1 document: it imports, and exports as version 2 with nothing else different.
    assert shipped["version"] == 1
    assert exported == {**shipped, "version": 2}


@pytest.mark.django_db
def test_demo_edition_round_trip_through_an_empty_database(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    first = export("cabmi-17")
    (tmp_path / "cabmi-17.json").write_text(first, encoding="utf-8")
    empty_the_database()

    run_import(tmp_path / "cabmi-17.json")

    assert export("cabmi-17") == first


@pytest.mark.django_db
def test_generated_edition_with_every_field_and_photos_round_trips_through_a_zip(tmp_path):
    document, files = generated_document(sessions=3, statements=8, photos=2)
    run_import(write_document(tmp_path / "source", document, files))
    run_import(write_document(tmp_path / "source", document, files))  # photos are matched, not duplicated
    call_command("export_conference", "gen-3", "--output", str(tmp_path / "first.zip"), stdout=io.StringIO())
    empty_the_database()

    run_import(tmp_path / "first.zip")
    call_command("export_conference", "gen-3", "--output", str(tmp_path / "second.zip"), stdout=io.StringIO())

    first, second = zip_contents(tmp_path / "first.zip"), zip_contents(tmp_path / "second.zip")
    assert first == second
    assert json.loads(first["conference.json"]) == document
    assert sorted(first) == sorted(["conference.json", *files])
    assert Photo.objects.count() == 2


@pytest.mark.django_db
def test_folder_export_holds_the_document_and_its_photos(tmp_path):
    document, files = generated_document(sessions=1, statements=2, photos=1)
    run_import(write_document(tmp_path / "source", document, files))

    call_command("export_conference", "gen-3", "--output", str(tmp_path / "out"), stdout=io.StringIO())

    assert json.loads((tmp_path / "out" / "conference.json").read_text(encoding="utf-8")) == document
    [(name, data)] = files.items()
    assert (tmp_path / "out" / name).read_bytes() == data


@pytest.mark.django_db
def test_reimport_of_the_same_document_changes_nothing(tmp_path):
    document, files = generated_document(sessions=2, statements=4, photos=1)
    folder = write_document(tmp_path, document, files)
    run_import(folder)
    counts = record_counts()
    updated_at = Conference.objects.get().updated_at

    output = run_import(folder)

    assert record_counts() == counts
    assert Conference.objects.get().updated_at == updated_at
    assert "imported: everything was unchanged." in output
    assert "  statements: 0 created, 0 updated, 4 unchanged, 0 removed" in output.splitlines()


@pytest.mark.django_db
def test_edited_document_updates_the_edition_in_place_and_removes_what_left_it(tmp_path):
    document, files = generated_document(sessions=3, statements=6, photos=2)
    run_import(write_document(tmp_path / "v1", document, files))
    conference_id = Conference.objects.get().pk
    edited = copy.deepcopy(document)
    edited["title"]["ru"] = "Изменённое название"
    del edited["sessions"][2]
    edited["sessions"][0]["statements"].pop()
    edited["roles"].pop()
    edited["participants"].pop()
    edited["photos"].pop()

    output = run_import(write_document(tmp_path / "v2", edited, files)).splitlines()

    conference = Conference.objects.get()
    assert (conference.pk, conference.title_ru) == (conference_id, "Изменённое название")
    assert list(conference.sessions.values_list("key", flat=True)) == ["session-000", "session-001"]
    assert Statement.objects.count() == 3
    assert (conference.roles.count(), conference.participations.count(), conference.photos.count()) == (1, 5, 1)
    assert Person.objects.count() == 3  # people and organizations stay: other editions may use them
    assert "  sessions: 0 created, 0 updated, 2 unchanged, 1 removed" in output
    assert "  statements: 0 created, 0 updated, 3 unchanged, 3 removed" in output
    assert "  conference: 0 created, 1 updated, 0 unchanged, 0 removed" in output


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(tmp_path):
    document, files = generated_document(sessions=1, statements=2, photos=1)

    output = run_import(write_document(tmp_path, document, files), "--dry-run").splitlines()

    assert set(record_counts().values()) == {0}
    assert output[0] == f"Dry run of {tmp_path.name}: the document is valid; nothing was written."
    assert "  statements: 2 created, 0 updated, 0 unchanged, 0 removed" in output


@pytest.mark.django_db
def test_publish_option_publishes_a_draft_document(tmp_path):
    document, _files = generated_document(sessions=1, statements=1, photos=0)
    document["status"] = "draft"

    run_import(write_document(tmp_path, document), "--publish")

    conference = Conference.objects.get()
    assert conference.status == "published" and conference.published_at is not None


@pytest.mark.django_db
def test_edition_of_unknown_number_is_matched_by_its_slug(tmp_path):
    document, _files = generated_document(sessions=1, statements=1, photos=0)
    document["edition"] = None
    del document["slug"]
    folder = write_document(tmp_path, document)

    run_import(folder)
    output = run_import(folder)

    conference = Conference.objects.get()
    assert (conference.edition, conference.slug) == (None, "generated-edition-en-2022")
    assert "everything was unchanged" in output


@pytest.mark.django_db
def test_failure_half_way_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    document, files = generated_document(sessions=2, statements=4, photos=1)
    folder = write_document(tmp_path, document, files)

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    # Photos are stored last, after every other record has been written.
    monkeypatch.setattr("django.core.files.storage.FileSystemStorage._save", disk_full)
    with pytest.raises(OSError):
        call_command("import_conference", str(folder), stdout=io.StringIO())

    assert set(record_counts().values()) == {0}


@pytest.mark.django_db
def test_import_errors_exit_non_zero(tmp_path):
    path = tmp_path / "conference.json"
    path.write_text("[]", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_conference", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def import_queries(tmp_path, statements):
    document, _files = generated_document(sessions=5, statements=statements, photos=0, speakers=statements)
    folder = write_document(tmp_path / str(statements), document)
    with CaptureQueriesContext(connection) as context:
        run_import(folder)
    return len(context.captured_queries)


@pytest.mark.django_db
def test_import_queries_do_not_grow_with_statements(tmp_path):
    import_queries(tmp_path / "warm-up", 10)  # content types and other per-process caches
    Conference.objects.all().delete()
    few = import_queries(tmp_path, 10)
    Conference.objects.all().delete()

    many = import_queries(tmp_path, 60)

    # Six times the statements: only bulk inserts split into more batches (SQLite takes 999 parameters per
    # query), above all the search entries, seven per statement.
    assert few <= many <= few + (12 if connection.vendor == "sqlite" else 4)
