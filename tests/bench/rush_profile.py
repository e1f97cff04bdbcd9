"""Profile the rush's booking POST in one process: where a booking's CPU time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aixin_rush python tests/bench/rush_profile.py \
        [--families 100] [--capacity 40] [--floor] [--broker URL] [--top 30] [--sort cumulative] \
        [--plain]

Adds a class session and ``--families`` signed-in families as ``rush.py`` does, opens each
family's booking page (its CSRF token; not profiled), then POSTs every booking one after the
other through Django's whole stack (the test client: middleware, view, service, the notice
sent on commit as the bench's gunicorn does with no broker) under cProfile, and prints the
top of the profile, the time per booking, and the queries per booking. ``--floor``: the same
POSTs to the floor's view (``floor_urls.py``), which books nothing. Production-like settings
(DEBUG off); the emails the console backend writes are thrown away. ``--broker URL``: the
notices are queued on that Celery broker (a Redis database of your own, emptied afterwards)
instead of sent in the request, as in production.
"""

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._rush import CSRF_FIELD, create_families
from tests.bench._server import HOST, bench_environment, manage, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=100)
    parser.add_argument("--capacity", type=int, default=40)
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--broker", default="", help="a Celery broker (Redis) for the notices")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--dump", help="also write the profile to this file (pstats)")
    parser.add_argument("--sql", action="store_true", help="print the last POST's queries")
    parser.add_argument(
        "--plain", action="store_true", help="time the POSTs without cProfile (its overhead)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aixin-profile-") as tmp:
        env = bench_environment(Path(tmp))
        env["EMAIL_URL"] = "consolemail://"
        if args.floor:
            env["DJANGO_SETTINGS_MODULE"] = "tests.bench.floor_settings"
        manage(env, ["collectstatic", "--noinput", "-v0"])
        if args.broker:
            env["CELERY_BROKER_URL"] = args.broker
        setup_django(env)
        try:
            return profile(args)
        finally:
            if args.broker:
                import redis

                redis.Redis.from_url(args.broker).delete("celery")


def profile(args) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    session_id, families = create_families(args.families, args.capacity)
    path = f"/sessions/{session_id}/book/"
    clients = []
    for family in families:
        client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
        client.cookies[settings.SESSION_COOKIE_NAME] = family.session_cookie
        token = CSRF_FIELD.search(client.get(path).content.decode()).group(1)
        clients.append((client, {"csrfmiddlewaretoken": token, "child": family.child_id}))

    profiler = cProfile.Profile()
    statuses = []
    executed = []  # counted by a wrapper: capturing the SQL (--sql) costs time of its own

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    capture = CaptureQueriesContext(connection) if args.sql else contextlib.nullcontext()
    with (
        capture as queries,
        connection.execute_wrapper(count),
        contextlib.redirect_stdout(io.StringIO()),
    ):
        started = time.perf_counter()
        if not args.plain:
            profiler.enable()
        for client, data in clients:
            statuses.append(
                client.post(path, data, HTTP_REFERER=f"http://{HOST}{path}").status_code
            )
        profiler.disable()
        elapsed = time.perf_counter() - started
    if args.dump:
        profiler.dump_stats(args.dump)
    if not args.plain:
        stats = pstats.Stats(profiler).strip_dirs().sort_stats(args.sort)
        stats.print_stats(args.top)
    n = len(clients)
    if args.sql:
        last = len(executed) // n
        for query in queries.captured_queries[-last:]:
            print(f"{query['time']:>6}  {query['sql'][:300]}")
    print(
        f"{'floor' if args.floor else 'booking'} POST: {n} requests, statuses "
        f"{sorted(set(statuses))}, {elapsed / n * 1000:.2f} ms each ({'plain' if args.plain else 'under cProfile'}), "
        f"{len(executed) / n:.1f} queries each"
    )
    return 0 if set(statuses) == {302} else 1


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    sys.exit(main())
