"""One build at a time for each PDF, across processes and machines.

On PostgreSQL the lock is a session advisory lock, so every web process and
every machine that shares the database sees it. Elsewhere (SQLite, which
lives on one machine) it is an flock() on a file under MEDIA_ROOT: flock
locks belong to the open file, so two threads of one process exclude each
other too. Both disappear by themselves when the holder dies, so a crashed
build never blocks the next one.
"""

import contextlib
import fcntl
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

POLL_SECONDS = 0.05


@contextlib.contextmanager
def build_lock(name, *, wait_seconds):
    """Hold the lock called `name`; yield False when it stayed taken for wait_seconds."""
    lock = _AdvisoryLock(name) if connection.vendor == "postgresql" else _FileLock(name)
    deadline = time.monotonic() + wait_seconds
    while not lock.try_acquire():
        if time.monotonic() >= deadline:
            yield False
            return
        time.sleep(POLL_SECONDS)
    try:
        yield True
    finally:
        lock.release()


class _AdvisoryLock:
    def __init__(self, name):
        # Advisory locks are named by a signed 64-bit integer.
        self.key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)

    def try_acquire(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [self.key])
            return cursor.fetchone()[0]

    def release(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [self.key])


class _FileLock:
    def __init__(self, name):
        directory = Path(settings.MEDIA_ROOT) / "locks"
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / (hashlib.sha256(name.encode()).hexdigest()[:32] + ".lock")
        self.file = None

    def try_acquire(self):
        file = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return False
        self.file = file
        return True

    def release(self):
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()
        self.file = None
