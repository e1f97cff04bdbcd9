"""The public calendar feed with 2,000 sessions, through gunicorn (production-like settings).

    python tests/bench/feed.py [--sessions 2000] [--requests 60] [--workers 2]

Migrates a throwaway SQLite database (unless DATABASE_URL is set), adds 100 training and
summer-class pages with their sessions (venues in several counties, a few cancelled),
counts the SQL queries of one whole render in-process (its text not cached), starts gunicorn on a free 127.0.0.1 port,
warms each worker up, then fetches ``/calendar/sessions.ics`` one request after another and
prints the latency percentiles, and the status of a conditional request (If-None-Match with
the ETag just served: 304 expected). The last line is

    sessions=2000 p50_ms=… p95_ms=… queries=… not_modified=304
"""

import argparse
import datetime as dt
import http.client
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._server import (
    HOST,
    bench_environment,
    free_port,
    manage,
    percentiles,
    setup_django,
    start_gunicorn,
    stop,
    wait_until_up,
)

FEED = "/calendar/sessions.ics"
COURSES = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="aixin-feed-bench-") as tmp:
        env = bench_environment(Path(tmp))
        print(f"Preparing {env['DATABASE_URL']}", file=sys.stderr)
        manage(env, ["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"])
        setup_django(env)
        add_sessions(args.sessions)
        queries = queries_per_render()
        port = free_port()
        log = Path(tmp) / "gunicorn.log"
        server = start_gunicorn(env, port, args.workers, log)
        try:
            wait_until_up(port, server, log)
            for _ in range(4 * args.workers):  # every worker renders and caches once
                fetch(port)
            latencies = []
            etag = ""
            for _ in range(args.requests):
                started = time.perf_counter()
                status, etag, body = fetch(port)
                latencies.append((time.perf_counter() - started) * 1000)
                assert status == 200, status
            events = body.count(b"BEGIN:VEVENT")
            not_modified, _etag, _body = fetch(port, {"If-None-Match": etag})
            changed = after_a_change(port, args.workers)
        finally:
            stop(server)
    p50, p95, _p99 = percentiles(latencies)
    print(f"events in the feed: {events}, {len(body)} bytes", file=sys.stderr)
    print(
        "after one session changed (the feed rendered again, the other events' text from "
        f"the cache), slowest fetch per change: p50_ms={percentiles(changed)[0]:.1f} "
        f"max_ms={max(changed):.1f}",
        file=sys.stderr,
    )
    print(
        f"sessions={args.sessions} p50_ms={p50:.1f} p95_ms={p95:.1f} "
        f"queries={queries} not_modified={not_modified}"
    )
    return 0


def add_sessions(count: int) -> None:
    from django.utils import timezone

    from cms.models import County, HomePage
    from courses.models import (
        ClassCategory,
        Session,
        SummerClassIndexPage,
        SummerClassPage,
        TrainingCoursePage,
        TrainingIndexPage,
        Venue,
    )

    home = HomePage.objects.first()
    if home is None:
        raise SystemExit("no home page after migrate")
    trainings = TrainingIndexPage(title="赋能培训", slug="trainings")
    home.add_child(instance=trainings)
    summer = SummerClassIndexPage(title="暑期课程", slug="summer")
    home.add_child(instance=summer)
    counties = [
        County.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("lishi", "离石区"), ("wenshui", "文水县"), ("xiaoyi", "孝义市")]
    ]
    venues = [
        Venue.objects.create(
            name=f"妇女儿童之家{n}", county=counties[n % 3], address=f"龙凤南路{n}号，二楼多功能厅"
        )
        for n in range(20)
    ]
    category = ClassCategory.objects.create(name="剪纸", slug="jianzhi")
    courses = []
    for n in range(COURSES):
        if n % 2:
            page = SummerClassPage(
                title=f"暑期剪纸课程第{n}期",
                slug=f"class-{n}",
                summary="剪纸",
                category=category,
                county=counties[n % 3],
                age_min=6,
                age_max=12,
            )
            summer.add_child(instance=page)
        else:
            page = TrainingCoursePage(
                title=f"家庭教育赋能培训：与留守儿童沟通的方法（第{n}期）",
                slug=f"training-{n}",
                summary="培训",
                hours=2,
                county=counties[n % 3],
            )
            trainings.add_child(instance=page)
        courses.append(page)
    start = timezone.now() + dt.timedelta(days=1)
    Session.objects.bulk_create(
        Session(
            course=courses[n % COURSES],
            title=f"第{n // COURSES + 1}讲",
            start=start + dt.timedelta(hours=3 * n),
            end=start + dt.timedelta(hours=3 * n + 2),
            venue=venues[n % len(venues)],
            capacity=30,
            is_cancelled=n % 97 == 0,
        )
        for n in range(count)
    )


def after_a_change(port: int, workers: int, rounds: int = 5) -> list[float]:
    """Change one session, then fetch the feed until each worker has rendered it again: the
    slowest fetch of each change."""
    from django.db import connection
    from django.utils import timezone

    from courses.models import Session

    pks = list(Session.objects.order_by("start").values_list("pk", flat=True)[:rounds])
    timings = []
    for n, pk in enumerate(pks):
        Session.objects.filter(pk=pk).update(title=f"改期{n}", updated_at=timezone.now())
        slowest = 0.0  # the fetches that render again (one per worker), not cache hits
        for _ in range(2 * workers):
            started = time.perf_counter()
            fetch(port)
            slowest = max(slowest, (time.perf_counter() - started) * 1000)
        timings.append(slowest)
    connection.close()
    return timings


def queries_per_render() -> int:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME=HOST)
    client.get(FEED)
    caches["calendar"].clear()  # a whole render, not the feed's cached text
    with CaptureQueriesContext(connection) as captured:
        response = client.get(FEED)
    assert response.status_code == 200, response.status_code
    connection.close()
    return len(captured.captured_queries)


def fetch(port: int, headers: dict | None = None) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", FEED, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("ETag", ""), body


if __name__ == "__main__":
    sys.exit(main())
