"""Django's Redis cache, made to fail soft: the site keeps serving when Redis is down.

Every read then misses and every write is dropped, so pages are rendered
afresh (uncached) instead of answering 500. The log says so once when Redis
stops answering and once when it answers again, not on every request. A
write dropped during the outage may have been a cache invalidation (the
content generation, cabmi_portal/cache.py), so the first process that sees Redis
back empties it rather than serve a page the outage kept alive.
"""

import logging
import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("cabmi_portal.cache")

# A dead or unreachable Redis must cost a request milliseconds, not the OS's TCP timeout.
SOCKET_TIMEOUT_SECONDS = 0.5


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {"socket_connect_timeout": SOCKET_TIMEOUT_SECONDS, "socket_timeout": SOCKET_TIMEOUT_SECONDS}
        super().__init__(server, {**params, "OPTIONS": {**options, **params.get("OPTIONS", {})}})
        self._state = threading.Lock()
        self._down = False
        self._writes_lost = False

    def _call(self, operation, default, *args, write=False, **kwargs):
        try:
            result = operation(*args, **kwargs)
        except RedisError as error:
            self._failed(error, write)
            return default
        if self._down:
            self._recovered()
        return result

    def _failed(self, error, write):
        with self._state:
            first = not self._down
            self._down = True
            self._writes_lost = self._writes_lost or write
        if first:
            logger.warning("The cache (Redis) does not answer; pages are served uncached until it does: %s", error)

    def _recovered(self):
        with self._state:
            if not self._down:
                return
            self._down, flush, self._writes_lost = False, self._writes_lost, False
        logger.warning("The cache (Redis) answers again%s.", "; emptied, as invalidations were lost meanwhile" if flush else "")
        if flush:
            self._call(super().clear, None)

    def is_available(self):
        """True when Redis answers a PING (for /healthz)."""
        return bool(self._call(lambda: self._cache.get_client().ping(), False))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version, write=True)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version, write=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version, write=True)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version, write=True)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._call(super().incr, None, key, delta, version, write=True)
        if result is None:
            raise ValueError(f"Key '{key}' not found (or the cache is down).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version, write=True)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, None, keys, version, write=True)

    def clear(self):
        return self._call(super().clear, False, write=True)
