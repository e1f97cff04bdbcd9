"""The Redis cache keeps one Redis client per connection pool (``cms.cache_backends``):
Django's builds one on every call, which costs more than the round trip to Redis."""

import os

import pytest
import redis

from cms.cache_backends import RedisCache

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
