"""The backup and restore drill (README): dump the database and media, restore into empty ones, same site."""

import io
import os
import subprocess

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from pypdf import PdfReader

from tests.conftest import run_queued
from tests.factories import ConferenceFactory, PersonFactory, PhotoFactory, SessionFactory, StatementFactory
from tests.servers import ROOT, database_url

RESTORED = "_restored"


def public_pages(client, edition, person, queued_tasks):
    """Every kind of public page of the edition, and its PDF's text."""
    paths = ["/en/", "/ru/", "/en/conferences/", f"/en/conferences/{edition.slug}/", f"/ru/conferences/{edition.slug}/",
             f"/en/people/{person.slug}/", f"/data/conferences/{edition.slug}.json", "/sitemap.xml", "/en/feed.xml"]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    pdf = client.get(f"/en/conferences/{edition.slug}/proceedings.pdf")
    if pdf.status_code == 503:  # queued: the worker builds it
        run_queued(queued_tasks)
        pdf = client.get(f"/en/conferences/{edition.slug}/proceedings.pdf")
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    pages["proceedings.pdf"] = "\n".join(page.extract_text() for page in reader.pages)
    return pages


def run(script, *args, database, media):
    env = {**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": str(media), "DJANGO_SETTINGS_MODULE": "cabmi_portal.settings"}
    return subprocess.run([f"scripts/{script}", *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True)


pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def empty_database():
    """A second, empty PostgreSQL database beside the test database; dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the drill dumps PostgreSQL: runs on the PostgreSQL leg")
    name = settings.DATABASES["default"]["NAME"] + RESTORED
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    connections["default"].close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restored_into_empty_database_and_storage_serves_the_same_site(client, empty_database, settings, tmp_path, queued_tasks):
    edition = ConferenceFactory(published=True, title="Edition kept safe")
    speaker = PersonFactory(name="Aziza Karimova", name_ru="Азиза Каримова")
    StatementFactory(session=SessionFactory(conference=edition), speaker=speaker, text="Words that must survive a restore.")
    PhotoFactory(conference=edition, image__size=(800, 500))
    renditions = [result for result in queued_tasks if result.task.name == "make_photo_renditions"]
    queued_tasks.clear()  # publishing queued PDFs in every language: only English is compared
    run_queued(renditions)
    before = public_pages(client, edition, speaker, queued_tasks)

    backup = run("backup", tmp_path / "backup", database=database_url(), media=settings.MEDIA_ROOT)
    assert backup.returncode == 0, backup.stderr
    restored_url = database_url().rsplit("/", 1)[0] + "/" + empty_database
    restore = run("restore", tmp_path / "backup", database=restored_url, media=tmp_path / "restored-media")
    assert restore.returncode == 0, restore.stderr
    again = run("restore", tmp_path / "backup", database=restored_url, media=tmp_path / "other-media")
    assert again.returncode == 1
    assert again.stderr.startswith("restore: the database is not empty")

    test_database = connections["default"].settings_dict["NAME"]
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = empty_database
    settings.MEDIA_ROOT = str(tmp_path / "restored-media")
    cache.clear()
    try:
        after = public_pages(client, edition, speaker, queued_tasks)
        if connections["default"].vendor == "postgresql":
            with connections["default"].cursor() as cursor:
                # A dump holds no planner statistics: the restore gathers them.
                cursor.execute("SELECT DISTINCT tablename FROM pg_stats WHERE tablename IN ('programme_statement', 'events_conference')")
                assert sorted(cursor.fetchall()) == [("events_conference",), ("programme_statement",)]
    finally:
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = test_database

    assert after.keys() == before.keys()
    for key in before:
        assert after[key] == before[key], key
    assert "Words that must survive a restore." in after["proceedings.pdf"]
