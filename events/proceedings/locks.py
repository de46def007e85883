"""One build at a time for each PDF, across processes and machines.

On PostgreSQL the lock is a session advisory lock, so every web process,
task worker and machine that shares the database sees it, and it
disappears by itself when its holder dies: a crashed build never blocks
the next one. Without PostgreSQL (SQLite, one machine) the lock is an
atomic cache entry that expires: shared by every process when the cache
is Redis, by the threads of one process with the local cache.
"""

import contextlib
import hashlib
import time

from django.core.cache import cache
from django.db import connection

POLL_SECONDS = 0.05
# A cache lock whose holder died is taken over after this long (a large PDF builds in about a minute).
CACHE_LOCK_SECONDS = 15 * 60


@contextlib.contextmanager
def build_lock(name, *, wait_seconds):
    """Hold the lock called `name`; yield False when it stayed taken for wait_seconds."""
    lock = _AdvisoryLock(name) if connection.vendor == "postgresql" else _CacheLock(name)
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


class _CacheLock:
    def __init__(self, name):
        self.key = "proceedings:lock:" + hashlib.sha256(name.encode()).hexdigest()

    def try_acquire(self):
        return cache.add(self.key, True, CACHE_LOCK_SECONDS)

    def release(self):
        cache.delete(self.key)
