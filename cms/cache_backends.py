"""Django's Redis cache, with one Redis client per connection pool instead of a new one for
every call. Django's client builds a ``redis.Redis`` object on each ``get`` (its
``get_client``), and redis-py 8 fills some 170 response callbacks each time it does: about
160 µs a call, more than the round trip to Redis, and what a page served from the cache
(``cms.page_cache``) would mostly spend. A ``redis.Redis`` object is safe to share between
threads (each command takes a connection from the pool)."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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
