"""/healthz tells a load balancer whether the database (and the broker, if any) answer."""

import os
from urllib.parse import urlparse

from django.db import connection

import pytest
import redis

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def test_healthz_reports_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"], "a health check must never be cached"


def test_healthz_is_503_when_the_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database is gone")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")

    assert response.status_code == 503, "a dead database must make the health check fail"
    assert response.json() == {"status": "error", "database": "error"}


@pytest.mark.slow
def test_healthz_is_503_when_the_broker_is_unreachable(client, db, settings):
    settings.CELERY_BROKER_URL = UNREACHABLE_BROKER

    response = client.get("/healthz")

    assert response.status_code == 503, "an unreachable broker must make the health check fail"
    assert response.json() == {"status": "error", "database": "ok", "broker": "error"}


def _redis_url() -> str:
    return os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.mark.redis
def test_healthz_is_ok_with_a_reachable_redis_broker(client, db, settings):
    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at {urlparse(url).netloc} ({exc}); set REDIS_URL to run this")
    settings.CELERY_BROKER_URL = url

    response = client.get("/healthz")

    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
