"""Faults the production portal must ride out: its cache down, a write cut short, the database restarting."""

import errno
import logging
import os
from pathlib import PurePosixPath

import pytest
from django.core.files.storage import default_storage

from events.photo_tasks import make_photo_renditions
from events.photos import rendition_names
from tests.factories import ConferenceFactory, PhotoFactory, SessionFactory, StatementFactory
from tests.servers import Server, TcpProxy, database_url, poll, require_services

DEAD_REDIS = "redis://127.0.0.1:{port}/0"


@pytest.fixture
def redis_down(settings):
    """The cache is a Redis nobody answers at: a stopped server."""
    from tests.servers import free_port

    settings.CACHES = {
        "default": {"BACKEND": "cabmi_portal.cache_backends.ResilientRedisCache", "LOCATION": DEAD_REDIS.format(port=free_port())}
    }


@pytest.mark.django_db
def test_pages_are_served_uncached_while_redis_is_down_and_the_log_says_so_once(client, redis_down, caplog):
    edition = ConferenceFactory(published=True)
    statement = StatementFactory(session=SessionFactory(conference=edition), text="Said before the outage.")
    url = f"/en/conferences/{edition.slug}/"

    with caplog.at_level(logging.WARNING, logger="cabmi_portal.cache"):
        first = client.get(url)
        statement.text = "Said during the outage."
        statement.save()
        second = client.get(url)
        client.get("/en/")

    assert (first.status_code, second.status_code) == (200, 200)
    assert "Said before the outage." in first.content.decode()
    assert "Said during the outage." in second.content.decode()  # rendered afresh: nothing was cached
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [
        "The cache (Redis) does not answer; pages are served uncached until it does"
    ]


@pytest.mark.django_db
def test_health_names_the_cache_when_redis_is_down(client, redis_down):
    response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok\ncache unavailable")


class HalfWrittenFile:
    """A file on a full disk: half of what is written lands, then ENOSPC."""

    def __init__(self, file):
        self.file = file

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def close(self):
        self.file.close()

    def write(self, data):
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def disk_full(monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: HalfWrittenFile(real_fdopen(fd, *args, **kwargs)))
    return monkeypatch


def stored_files(folder):
    root = default_storage.path(folder)
    return sorted(os.path.relpath(os.path.join(path, name), root) for path, _dirs, names in os.walk(root) for name in names)


@pytest.mark.django_db
def test_a_pdf_cut_short_by_a_full_disk_is_never_served_and_the_next_request_builds_it(client, disk_full):
    edition = ConferenceFactory(published=True)
    url = f"/en/conferences/{edition.slug}/proceedings.pdf"

    during = client.get(url)

    assert during.status_code == 503  # being prepared, not a truncated PDF
    assert stored_files(f"proceedings/{edition.slug}") == []
    disk_full.undo()
    after = client.get(url)
    assert after.status_code == 200
    body = b"".join(after.streaming_content)
    assert body.startswith(b"%PDF") and body.rstrip().endswith(b"%%EOF")


@pytest.mark.django_db
def test_photo_renditions_cut_short_are_never_stored_and_the_next_save_makes_them(monkeypatch):
    photo = PhotoFactory(image__size=(1600, 1000))
    for name in rendition_names(photo):
        default_storage.delete(name)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *args, **kwargs: HalfWrittenFile(real_fdopen(fd, *args, **kwargs)))

    with pytest.raises(OSError, match="No space left on device"):
        make_photo_renditions.call(photo.pk, photo.image.name)  # the task, as the worker runs it

    stem = PurePosixPath(photo.image.name).stem
    assert [name for name in stored_files("photos/renditions") if stem in name] == []  # nor a half-written .part
    monkeypatch.undo()
    photo.save()
    assert all(default_storage.exists(name) for name in rendition_names(photo))
    assert len([name for name in stored_files("photos/renditions") if stem in name]) == 4


@pytest.fixture
def server_behind_proxy(queued_tasks, tmp_path):
    """One make serve whose PostgreSQL connections pass a relay the test can cut: a database restart."""
    redis_url = require_services()
    from django.conf import settings

    proxy = TcpProxy(int(settings.DATABASES["default"]["PORT"] or 5432))
    proxy.start()
    env = {
        "DATABASE_URL": database_url(port=proxy.port), "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(tmp_path / "media"), "STATIC_ROOT": str(tmp_path / "static"),
    }
    server = Server(env, tmp_path, workers=1)
    try:
        yield server.wait_ready(), proxy
    finally:
        server.stop()
        proxy.stop()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_restart_answers_503_then_the_site_and_worker_recover(server_behind_proxy):
    server, proxy = server_behind_proxy
    edition = ConferenceFactory(published=True, title="Edition served through a restart")
    assert server.get("/en/conferences/")[0] == 200  # now in the page cache
    edition_page = f"/en/conferences/{edition.slug}/"  # never asked for: it needs the database

    proxy.stop()
    status, headers, body = server.get(edition_page)
    health = server.get("/healthz")
    archive = server.get("/en/conferences/")

    assert (status, headers["Retry-After"]) == (503, "30")
    assert b"Please try again in a few minutes." in body
    assert (health[0], health[2]) == (503, b"database unavailable")
    # Pages in the cache are still served while the database is away.
    assert archive[0] == 200 and b"Edition served through a restart" in archive[2]

    proxy.start()
    back, seconds = poll(lambda: server.get(edition_page)[0] == 200, 15, interval=0.2)
    assert back, f"the site was still down {seconds:.0f} s after the database came back"
    assert server.get("/healthz")[2] == b"ok"
    assert b"Edition served through a restart" in server.get(edition_page)[2]
    # The task worker lost its connection too: it builds a PDF asked for after the restart.
    pdf = f"/en/conferences/{edition.slug}/proceedings.pdf"
    assert server.get(pdf)[0] == 503
    built, seconds = poll(lambda: server.get(pdf)[0] == 200, 240, interval=1)
    assert built, f"no PDF {seconds:.0f} s after the restart: the worker did not recover"
