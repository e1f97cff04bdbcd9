"""Django's Redis cache, with one Redis client per connection pool instead of a new one for
every call (``RedisCache``), and with a memory in each process (``LocallyKeptRedisCache``).

Django's client builds a ``redis.Redis`` object on each ``get`` (its ``get_client``), and
redis-py 8 fills some 170 response callbacks each time it does: about 160 µs a call, more
than the round trip to Redis, and what a page served from the cache (``cms.page_cache``)
would mostly spend. A ``redis.Redis`` object is safe to share between
threads (each command takes a connection from the pool)."""

import pickle
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

MISSING = object()
LOCAL_ENTRIES = 5_000
PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


class LocallyKeptRedisCache(RedisCache):
    """The shared Redis cache, with what this process read or wrote kept in its memory for
    ``LOCAL_SECONDS`` (an ``OPTIONS`` entry): the pieces every page reads (the site, its
    sections, its settings, the page cache's generations, kept parts and routes) then cost no
    round trip to Redis, which on a busy 2-core machine is a fifth of a page's time. What
    another process changes reaches this one that late (a purge, a section renamed), as the
    page cache's own memory of recent pages does; what this process changes, at once.

    Kept as pickled bytes, so each read is a copy (a page object or the site settings a
    request sets attributes on are never shared between requests). Misses are not kept. For
    caches of things every process may see a second late; never for counters or locks."""

    def __init__(self, server, params) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.local_seconds = float(options.pop("LOCAL_SECONDS", 1.0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._local: dict[str, tuple[float, bytes]] = {}

    def _keep(self, key: str, value, timeout=DEFAULT_TIMEOUT) -> None:
        seconds = self.local_seconds
        timeout = self.get_backend_timeout(timeout)
        if timeout is not None:
            seconds = min(seconds, timeout)
        if seconds <= 0:
            self._local.pop(key, None)
            return
        if len(self._local) >= LOCAL_ENTRIES:
            self._local.clear()
        self._local[key] = (time.monotonic() + seconds, pickle.dumps(value, PICKLE_PROTOCOL))

    def _kept(self, key: str):
        found = self._local.get(key)
        if found is None or found[0] <= time.monotonic():
            return MISSING
        return pickle.loads(found[1])  # noqa: S301 (what this process itself pickled)

    def get(self, key, default=None, version=None):
        made = self.make_and_validate_key(key, version=version)
        value = self._kept(made)
        if value is MISSING:
            value = self._cache.get(made, MISSING)
            if value is MISSING:
                return default
            self._keep(made, value)
        return value

    def get_many(self, keys, version=None):
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        found, asked = {}, []
        for key in made:
            value = self._kept(key)
            if value is MISSING:
                asked.append(key)
            else:
                found[made[key]] = value
        if asked:
            for key, value in self._cache.get_many(asked).items():
                self._keep(key, value)
                found[made[key]] = value
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        self._keep(self.make_and_validate_key(key, version=version), value, timeout)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = super().set_many(data, timeout, version)
        for key, value in data.items():
            self._keep(self.make_and_validate_key(key, version=version), value, timeout)
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._local.pop(self.make_and_validate_key(key, version=version), None)
        return super().add(key, value, timeout, version)

    def delete(self, key, version=None):
        self._local.pop(self.make_and_validate_key(key, version=version), None)
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self._local.pop(self.make_and_validate_key(key, version=version), None)
        return super().delete_many(keys, version)

    def incr(self, key, delta=1, version=None):
        self._local.pop(self.make_and_validate_key(key, version=version), None)
        return super().incr(key, delta, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._local.pop(self.make_and_validate_key(key, version=version), None)
        return super().touch(key, timeout, version)

    def clear(self):
        self._local.clear()
        return super().clear()


def shared_cache(default: dict, prefix: str, *, max_entries: int, local_seconds: float = 0) -> dict:
    """A cache of its own (``prefix``) beside ``default``: on the same server if ``default``
    is shared (``CACHE_URL``), a Redis one keeping what each process reads ``local_seconds``
    (``LocallyKeptRedisCache``); a local memory of ``max_entries`` if ``default`` is one
    (the quick start: one process)."""
    if default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
        return {
            "BACKEND": default["BACKEND"],
            "LOCATION": prefix,
            "OPTIONS": {"MAX_ENTRIES": max_entries},
        }
    if not local_seconds or default["BACKEND"] != "cms.cache_backends.RedisCache":
        return {**default, "KEY_PREFIX": prefix}
    return {
        **default,
        "BACKEND": "cms.cache_backends.LocallyKeptRedisCache",
        "KEY_PREFIX": prefix,
        "OPTIONS": {**default.get("OPTIONS", {}), "LOCAL_SECONDS": local_seconds},
    }
