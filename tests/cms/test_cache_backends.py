"""The Redis cache keeps one Redis client per connection pool (``cms.cache_backends``):
Django's builds one on every call, which costs more than the round trip to Redis. The locally
kept one answers what this process read lately from its memory: another process's change
reaches it within its seconds, this process's own at once, and every read is a copy."""

import os

import pytest
import redis

from cms import cache_backends
from cms.cache_backends import LocallyKeptRedisCache, RedisCache, shared_cache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def test_the_client_is_made_once_and_shared():
    cache = RedisCache(REDIS_URL, {})

    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is first, "a new Redis client for every call"
    assert cache._cache.get_client("c", write=True) is first  # one server: one pool


@pytest.mark.redis
def test_it_stores_and_reads_through_the_shared_client():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); set REDIS_URL to run this")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-cache-backends"})

    cache.set("page", (("a", "b"), 200, {"Content-Type": "text/html"}, b"<p>hi</p>"), 30)
    assert cache.get_many(["page", "nothing"]) == {
        "page": (("a", "b"), 200, {"Content-Type": "text/html"}, b"<p>hi</p>")
    }
    cache.delete("page")


@pytest.fixture
def two_processes():
    """Two locally kept caches on one Redis database, as two app server processes have."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); set REDIS_URL to run this")
    params = {"KEY_PREFIX": "test-locally-kept", "OPTIONS": {"LOCAL_SECONDS": 1}}
    this, other = LocallyKeptRedisCache(REDIS_URL, params), LocallyKeptRedisCache(REDIS_URL, params)
    this.clear()
    yield this, other
    this.clear()


class Clock:
    def __init__(self, monkeypatch):
        self.now = 1000.0
        monkeypatch.setattr(cache_backends.time, "monotonic", lambda: self.now)


@pytest.mark.redis
def test_another_process_s_change_reaches_this_one_within_its_seconds(two_processes, monkeypatch):
    this, other = two_processes
    clock = Clock(monkeypatch)
    other.set("generation", "old", None)
    assert this.get("generation") == "old"

    other.set("generation", "new", None)
    assert this.get("generation") == "old", "read from Redis, not from this process's memory"
    assert this.get_many(["generation"]) == {"generation": "old"}

    clock.now += 1.01
    assert this.get("generation") == "new"
    other.delete("generation")
    clock.now += 1.01
    assert this.get("generation") is None


@pytest.mark.redis
def test_this_process_s_own_change_is_seen_at_once(two_processes, monkeypatch):
    this, _ = two_processes
    Clock(monkeypatch)
    this.set("sections", ["a"], None)
    this.get("sections")

    this.set("sections", ["b"], None)
    assert this.get("sections") == ["b"]
    this.delete("sections")
    assert this.get("sections") is None
    this.set_many({"x": 1, "y": 2}, None)
    assert this.get_many(["x", "y", "z"]) == {"x": 1, "y": 2}
    this.delete_many(["x"])
    assert this.get_many(["x", "y"]) == {"y": 2}
    assert this.add("y", 3) is False and this.get("y") == 2


@pytest.mark.redis
def test_each_read_is_a_copy(two_processes, monkeypatch):
    this, _ = two_processes
    Clock(monkeypatch)
    this.set("settings", {"hotline": "12338"}, None)

    this.get("settings")["hotline"] = "changed by one request"

    assert this.get("settings") == {"hotline": "12338"}


@pytest.mark.redis
def test_a_short_timeout_is_not_kept_longer_locally(two_processes, monkeypatch):
    this, other = two_processes
    clock = Clock(monkeypatch)
    this.set("brief", "x", 0.5)
    other.delete("brief")

    clock.now += 0.6
    assert this.get("brief") is None


def test_the_quick_start_keeps_local_memory_and_production_the_locally_kept_redis():
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    redis_default = {"BACKEND": "cms.cache_backends.RedisCache", "LOCATION": REDIS_URL}

    assert shared_cache(locmem, "pages", max_entries=9, local_seconds=1)["LOCATION"] == "pages"
    kept = shared_cache(redis_default, "pages", max_entries=9, local_seconds=1)
    assert kept["BACKEND"] == "cms.cache_backends.LocallyKeptRedisCache"
    assert kept["OPTIONS"] == {"LOCAL_SECONDS": 1} and kept["KEY_PREFIX"] == "pages"
    plain = shared_cache(redis_default, "calendar", max_entries=9)
    assert plain["BACKEND"] == "cms.cache_backends.RedisCache"
