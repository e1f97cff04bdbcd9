"""A quick local load figure: gunicorn (2 workers, production-like settings) on loopback.

    python tests/bench/load.py [--seconds 10] [--requests 2000] [--clients 4] [--workers 2]

Prepares a database (migrate + load_demo into a throwaway SQLite file unless DATABASE_URL
is set), collects static files into a temporary STATIC_ROOT, starts gunicorn on a free
127.0.0.1 port, then for each page sends requests from a few client threads until the time
or request budget is spent, and prints requests, rate, latency percentiles, errors and the
number of SQL queries one render of the page takes. The clients share the machine with the
server, so read the figures as a comparison between pages and between commits, not as
capacity. Only loopback traffic; gunicorn is always stopped at the end.
"""

import argparse
import http.client
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._server import (
    HOST,
    bench_environment,
    free_port,
    get,
    manage,
    percentiles,
    setup_django,
    start_gunicorn,
    stop,
    wait_until_up,
)


@dataclass
class Result:
    path: str
    queries: int | None
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="time budget per page")
    parser.add_argument("--requests", type=int, default=2000, help="request budget per page")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="aixin-bench-") as tmp:
        env = bench_environment(Path(tmp))
        prepare(env)
        paths, queries = discover_pages(env)
        port = free_port()
        server = start_gunicorn(env, port, args.workers, Path(tmp) / "gunicorn.log")
        try:
            wait_until_up(port, server, Path(tmp) / "gunicorn.log")
            results = []
            for path in paths:
                warm(port, path)
                result = Result(path=path, queries=queries.get(path))
                hammer(port, result, args.seconds, args.requests, args.clients)
                results.append(result)
                print(f"  measured {path}", file=sys.stderr)
        finally:
            stop(server)
    print_table(results, args)
    return 1 if any(r.errors for r in results) else 0


def prepare(env: dict[str, str]) -> None:
    print(f"Preparing {env['DATABASE_URL']} (migrate, load_demo, collectstatic)", file=sys.stderr)
    manage(
        env,
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
        ["collectstatic", "--noinput", "-v0"],
    )


def discover_pages(env: dict[str, str]) -> tuple[list[str], dict[str, int]]:
    """The pages to measure, and the SQL queries one render of each takes (second render)."""
    setup_django(env)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from courses.models import TrainingCoursePage
    from stories.models import StoryPage

    paths = ["/healthz", "/", "/trainings/"]
    for model in (TrainingCoursePage, StoryPage):
        page = model.objects.live().order_by("path").first()
        if page is None:
            print(f"  no live {model.__name__}: skipped", file=sys.stderr)
            continue
        paths.append(urlsplit(page.get_url()).path)

    client = Client(SERVER_NAME=HOST)
    queries = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            print(f"  {path} answered {response.status_code} in-process", file=sys.stderr)
        queries[path] = len(captured.captured_queries)
    connection.close()
    return paths, queries


def warm(port: int, path: str, count: int = 10) -> None:
    for _ in range(count):
        get(port, path)


def hammer(port: int, result: Result, seconds: float, budget: int, clients: int) -> None:
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal issued
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while True:
            with lock:
                if issued >= budget or time.monotonic() >= deadline:
                    break
                issued += 1
            start = time.perf_counter()
            try:
                ok = get(port, result.path, conn) == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                result.latencies.append(elapsed)
                result.errors += not ok
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started


def print_table(results: list[Result], args: argparse.Namespace) -> None:
    print(
        f"\n{args.workers} gunicorn workers, {args.clients} clients, "
        f"up to {args.seconds:g} s or {args.requests} requests per page\n"
    )
    header = (
        f"{'path':<40} {'queries':>7} {'requests':>8} {'rps':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        p50, p95, p99 = (value * 1000 for value in percentiles(r.latencies))
        rps = len(r.latencies) / r.elapsed if r.elapsed else 0.0
        queries = "?" if r.queries is None else str(r.queries)
        path = r.path if len(r.path) <= 40 else r.path[:37] + "..."
        print(
            f"{path:<40} {queries:>7} {len(r.latencies):>8} {rps:>8.1f} "
            f"{p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {r.errors:>6}"
        )


if __name__ == "__main__":
    sys.exit(main())
