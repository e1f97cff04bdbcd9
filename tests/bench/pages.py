"""Public pages against a static file, side by side in one run: cached and uncached.

    flock /tmp/bench.lock python tests/bench/pages.py [--seconds 5] [--connections 8]
        [--cache-url redis://127.0.0.1:6379/5]

Prepares a throwaway SQLite database (migrate + load_demo) and static files, starts three
gunicorns with production-like settings (2 sync workers each; the cache is ``--cache-url``,
Redis as in production, or local memory with ``--cache-url ""``):

- cached: the page cache on (``PAGE_CACHE_SECONDS``), as an anonymous visitor meets it;
- uncached: the page cache off, so every request renders the page, with the parts that are
  the same for everyone kept rendered (``FRAGMENT_CACHE_SECONDS``, ``cms.fragments``): what
  a signed-in person meets, or anyone on a page the page cache does not hold;
- cold: nothing kept, every part rendered and queried (a page just published).

Then wrk (Debian package ``wrk``) with 8 connections for a few seconds, for each of the home
page, a training, a summer class, a story and ``/summer/``: the site's CSS file through
WhiteNoise, then the page on each server, then the static file again. Checks first that the
servers answer each page with the same body. Prints each page's requests a second and its
ratios to the mean of the static file's rates measured just before and just after it (the
machine is shared: its load changes from one half-minute to the next), the lowest cold
ratio on the line before the last, and as its last line
``static_rps=<median> cached_ratio=<lowest page> uncached_ratio=<lowest page>``. Only one
server is under load at a time; the client shares the machine with the server, so compare
the ratios, not the rates. Exits 1 on any error answer.

Two reference rows, rendered on the uncached server and left out of the last line, show what
any rendered page can reach here at best: ``/healthz`` (a bare view through the whole
middleware stack) and ``/search/`` without a query (the site's frame: header, navigation and
footer around an empty form, no Wagtail routing).
"""

import argparse
import difflib
import http.client
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._server import (
    HOST,
    bench_environment,
    free_port,
    manage,
    setup_django,
    start_gunicorn,
    stop,
    wait_until_up,
)

REFERENCES = {
    "bare view": "/healthz",  # one SELECT 1, a JSON answer
    "frame": "/search/",  # base.html (header, navigation, footer) around an empty search form
}
SERVERS = {
    "cached": {"PAGE_CACHE_SECONDS": "60", "FRAGMENT_CACHE_SECONDS": "60"},
    "uncached": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "60"},
    "cold": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
}
REQUESTS_RE = re.compile(r"Requests/sec:\s+([\d.]+)")
ERRORS_RE = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)|Socket errors:.*")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per URL")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--cache-url",
        default="redis://127.0.0.1:6379/5",
        help='CACHE_URL of both servers ("" for local memory)',
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install -y wrk)")

    with tempfile.TemporaryDirectory(prefix="aixin-pages-") as tmp:
        env = bench_environment(Path(tmp))
        if args.cache_url:
            env["CACHE_URL"] = args.cache_url
        print(
            f"Preparing {env['DATABASE_URL']} (migrate, load_demo, collectstatic)", file=sys.stderr
        )
        manage(
            env,
            ["migrate", "--noinput", "-v0"],
            ["load_demo"],
            ["collectstatic", "--noinput", "-v0"],
        )
        css, pages = discover(env)
        servers = {}
        try:
            for name, settings in SERVERS.items():
                port = free_port()
                log = Path(tmp) / f"gunicorn-{name}.log"
                servers[name] = (port, start_gunicorn({**env, **settings}, port, args.workers, log))
                wait_until_up(port, servers[name][1], log)
            cached_port, uncached_port = servers["cached"][0], servers["uncached"][0]
            cold_port = servers["cold"][0]
            check_same_pages(cached_port, [uncached_port, cold_port], pages)
            run = WrkRun(args.seconds, args.connections)
            run.rate(cached_port, css, seconds=2)  # warm-up, not counted
            # The static file before each page and after the last: a page's reference is the
            # mean of the two around it (the machine is shared; its load changes).
            static = [run.rate(cached_port, css)]
            rates = {}
            for label, path in pages.items():
                cached, uncached = run.rate(cached_port, path), run.rate(uncached_port, path)
                cold = run.rate(cold_port, path)
                static.append(run.rate(cached_port, css))
                rates[label] = ((static[-2] + static[-1]) / 2, cached, uncached, cold)
            # What any rendered page here can reach at best, on the cold server: a bare view
            # through the whole middleware stack, and the site's frame with no content.
            references = {}
            for label, path in REFERENCES.items():
                rate = run.rate(cold_port, path)
                static.append(run.rate(cached_port, css))
                references[label] = (path, (static[-2] + static[-1]) / 2, rate)
        finally:
            for _, server in servers.values():
                stop(server)
    return report(css, pages, rates, references, run.errors)


def discover(env: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The CSS file's URL and the pages to measure (label: path), from the demo data; the
    page cache is purged, so that nothing from an earlier run is served."""
    setup_django(env)
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.db import connection

    from cms.page_cache import purge_all
    from courses.models import SummerClassPage, TrainingCoursePage
    from stories.models import StoryPage

    pages = {"home": "/"}
    for label, model in (
        ("training", TrainingCoursePage),
        ("class", SummerClassPage),
        ("story", StoryPage),
    ):
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            raise SystemExit(f"the demo data has no live {model.__name__}")
        pages[label] = urlsplit(page.get_url()).path
    pages["summer"] = "/summer/"
    purge_all()
    connection.close()
    return staticfiles_storage.url("css/site.css"), pages


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def check_same_pages(cached_port: int, others: list[int], pages: dict[str, str]) -> None:
    """The servers answer 200 with the same page (the cached one and the kept parts warmed
    on the way)."""
    for label, path in pages.items():
        answers = [fetch(cached_port, path) for _ in range(3)]
        answers += [fetch(port, path) for port in others for _ in range(2)]
        # the same but for the address (og:url)
        for port in others:
            answers = [
                (status, body.replace(f":{port}/".encode(), f":{cached_port}/".encode()))
                for status, body in answers
            ]
        statuses = {status for status, _ in answers}
        if statuses != {200}:
            raise SystemExit(f"{label} {path} answered {statuses}")
        if len({body for _, body in answers}) != 1:
            a, b = answers[0][1].decode().splitlines(), answers[-1][1].decode().splitlines()
            diff = "\n".join(list(difflib.unified_diff(a, b, lineterm=""))[:40])
            raise SystemExit(
                f"{label} {path}: the cached page differs from the rendered one\n{diff}"
            )
    print("  each page: the cached body is the rendered one", file=sys.stderr)


class WrkRun:
    def __init__(self, seconds: int, connections: int) -> None:
        self.seconds = seconds
        self.connections = connections
        self.errors: list[str] = []

    def rate(self, port: int, path: str, seconds: int | None = None) -> float:
        command = [
            "wrk",
            "-t2",
            f"-c{self.connections}",
            f"-d{seconds or self.seconds}s",
            "--latency",
            f"http://{HOST}:{port}{path}",
        ]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        for match in ERRORS_RE.finditer(out):
            self.errors.append(f"{path}: {match.group(0)}")
        found = REQUESTS_RE.search(out)
        if found is None:
            raise SystemExit(f"wrk printed no rate for {path}:\n{out}")
        rate = float(found.group(1))
        print(f"  {path} on :{port}: {rate:.1f} requests/s", file=sys.stderr)
        return rate


def report(css, pages, rates, references, errors) -> int:
    """Each page's ratios are to the static file's rate measured around it."""
    header = (
        f"{'page':<9} {'path':<34} {'static rps':>10} {'cached rps':>10} {'ratio':>6} "
        f"{'uncached rps':>12} {'ratio':>6} {'cold rps':>8} {'ratio':>6}"
    )
    print(f"\nstatic file: {css}")
    print(header)
    print("-" * len(header))
    cached_ratios, uncached_ratios, cold_ratios = [], [], []
    for label, (static, cached, uncached, cold) in rates.items():
        cached_ratios.append(cached / static)
        uncached_ratios.append(uncached / static)
        cold_ratios.append(cold / static)
        path = pages[label] if len(pages[label]) <= 34 else pages[label][:31] + "..."
        print(
            f"{label:<9} {path:<34} {static:>10.1f} {cached:>10.1f} {cached / static:>6.3f} "
            f"{uncached:>12.1f} {uncached / static:>6.3f} {cold:>8.1f} {cold / static:>6.3f}"
        )
    for label, (path, static, rate) in references.items():
        print(
            f"{label:<9} {path:<34} {static:>10.1f} {'':>10} {'':>6} {'':>12} {'':>6} "
            f"{rate:>8.1f} {rate / static:>6.3f}  (reference: not a page of the target)"
        )
    for error in errors:
        print(f"error: {error}")
    print(f"cold_ratio={min(cold_ratios):.3f} (nothing kept: the lowest page)")
    print(
        f"static_rps={statistics.median(rate[0] for rate in rates.values()):.1f} "
        f"cached_ratio={min(cached_ratios):.3f} uncached_ratio={min(uncached_ratios):.3f}"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
