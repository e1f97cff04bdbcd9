"""Registration rush: 300 families press "book" on one 40-seat summer class at the same moment.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aixin_rush python tests/bench/rush.py \
        [--families 300] [--capacity 40] [--workers 2] [--threads 1] [--spread 0] [--floor]

Needs PostgreSQL (the session row lock is what is measured; SQLite serialises every writer
and is refused). Point DATABASE_URL at a scratch database: the bench migrates it and adds
one summer class and its families on every run (they do not get in the way of the next run).

1. Prepares the database: migrate, collectstatic into a temporary folder, one summer class
   with one session of ``--capacity`` seats (booking open), ``--families`` guardians each with
   a child of the right age, and a signed-in Django session for each (written through the
   session engine, not the login form, so that setup takes seconds).
2. Starts gunicorn (production-like settings, ``--workers`` sync processes, or gthread with
   ``--threads``) on a free 127.0.0.1 port. On 2 cores, 2 sync workers did best: the threads
   of a gthread worker contend for its GIL, and the workers spent 3.4-3.7 s of CPU on 300
   bookings against 2.7-3.0 s for sync workers (on a quiet machine: gthread 2-8 threads
   93-131 per second, sync 121-146). Each family opens the booking page once (GET: its CSRF token,
   and a check that it is offered its child), not measured.
3. The rush: one thread per family, released together by a barrier, each POSTs the booking
   form (``child`` and the CSRF token) on a new connection and reads the answer (a redirect
   to the booking, the waiting-list place included, is success; a page with a message, such
   as "busy, please try again", is a refusal; 5xx or a broken connection is a server error).
4. Counts the bookings in the database and prints confirmed seats (must equal capacity),
   the waiting list, refusals, server errors (must be 0), booking requests handled per second
   (families / time from the release to the last answer), p50/p95/p99 latency, and a last
   line of key=value pairs.

All requests arrive together, so they queue: the k-th answer cannot come before k bookings
have been handled, and p95 is about 0.95 x families / rate. A p95 under 500 ms for 300 families
at once needs about 570 bookings handled per second; the bench prints that bound next to the
figures. ``--spread 3`` lets the families arrive evenly over 3 seconds instead (100 a second
for 300), to see the latency of a steady stream rather than of one burst. ``--floor`` sends
the same burst to a booking POST that books nothing (``floor_urls.py``: sign-in, form,
message, redirect): the part of the latency that is Django's and the machine's, not the
booking's.

Exit status 1 if the session was overbooked or underbooked, a family lost its booking, or a
server error happened. Only loopback traffic; bounded by timeouts; gunicorn is always stopped.
"""

import argparse
import http.client
import os
import re
import secrets
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._server import (
    HOST,
    bench_environment,
    children_of,
    cpu_seconds,
    free_port,
    machine_busy_seconds,
    manage,
    percentiles,
    processes_named,
    setup_django,
    start_gunicorn,
    stop,
    wait_until_up,
)

TIMEOUT = 60  # seconds any one request may take before it counts as a server error
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Family:
    session_cookie: str
    child_id: int
    csrf_cookie: str = ""
    csrf_token: str = ""


@dataclass
class Answer:
    status: int  # HTTP status; 0 when the connection failed
    seconds: float
    detail: str = ""


@dataclass
class Rush:
    answers: list[Answer] = field(default_factory=list)
    elapsed: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used during the rush


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=300)
    parser.add_argument("--capacity", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker: 1 = sync workers (the best figures on 2 cores), more = gthread",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="the same burst against a booking POST that books nothing (tests/bench/floor_urls.py):"
        " what Django and the machine cost per request before the booking itself",
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which the families arrive evenly (0: all at the same moment)",
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        print(
            "rush.py measures the booking lock on PostgreSQL: set DATABASE_URL to a scratch "
            "PostgreSQL database, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/"
            "aixin_rush python tests/bench/rush.py",
            file=sys.stderr,
        )
        return 2

    with tempfile.TemporaryDirectory(prefix="aixin-rush-") as tmp:
        env = bench_environment(Path(tmp))
        if args.floor:
            env["DJANGO_SETTINGS_MODULE"] = "tests.bench.floor_settings"
        print("Preparing the database (migrate, collectstatic)", file=sys.stderr)
        manage(env, ["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"])
        setup_django(env)
        started = time.perf_counter()
        session_id, families = create_families(args.families, args.capacity)
        print(
            f"  {len(families)} families with signed-in sessions in "
            f"{time.perf_counter() - started:.1f}s",
            file=sys.stderr,
        )
        from django.db import connections

        connections.close_all()  # nothing of ours holds a connection while the rush runs

        port = free_port()
        log = Path(tmp) / "gunicorn.log"
        extra = ("--worker-class=gthread", f"--threads={args.threads}") if args.threads > 1 else ()
        server = start_gunicorn(env, port, args.workers, log, extra)
        try:
            wait_until_up(port, server, log)
            open_booking_pages(port, session_id, families)
            rush = press_book(
                port, session_id, families, workers=children_of(server.pid), spread=args.spread
            )
        finally:
            stop(server)
        errors_logged = log.read_text()[-3000:] if log.exists() else ""

    return report(args, session_id, families, rush, errors_logged)


# Setup ------------------------------------------------------------------------------------------


def create_families(count: int, capacity: int) -> tuple[int, list[Family]]:
    """One summer class session with ``capacity`` seats open for booking now, and ``count``
    guardians with a child aged 8 and a signed-in session each."""
    import datetime as dt
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from cms.models import County
    from courses.models import ClassCategory, Session, SummerClassIndexPage, Venue
    from people import services
    from people.models import Child, PrivacyConsent, User
    from tests import factories

    run = secrets.token_hex(4)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[0]
    today = timezone.localdate()
    with transaction.atomic():
        county, _created = County.objects.get_or_create(slug="lishi", defaults={"name": "离石区"})
        venue = Venue.objects.create(
            name=f"离石区妇女儿童之家 {run}", county=county, address="离石区龙凤南路1号"
        )
        category = ClassCategory.objects.order_by("pk").first() or (
            factories.ClassCategoryFactory()
        )
        index = SummerClassIndexPage.objects.first() or factories.SummerClassIndexPageFactory()
        start = (timezone.now() + dt.timedelta(days=14)).replace(microsecond=0)
        course = factories.SummerClassPageFactory(
            parent=index,
            title=f"暑期书法班（抢报测试 {run}）",
            slug=f"rush-{run}",
            cover_image=None,
            county=county,
            category=category,
            age_min=6,
            age_max=12,
            sessions=[
                Session(
                    start=start,
                    end=start + dt.timedelta(hours=2),
                    venue=venue,
                    capacity=capacity,
                    booking_opens=timezone.now() - dt.timedelta(hours=1),
                )
            ],
        )
        session = course.sessions.get()

        # Families sign up with their mobile numbers, confirmed by code (booking needs a
        # confirmed number or email address); numbers follow the last run's.
        first = User.objects.filter(username__startswith="rush-").count()
        users = User.objects.bulk_create(
            User(
                username=f"rush-{run}-{n}",
                email=f"rush-{run}-{n}@example.com",
                phone=f"+86139{first + n:08d}",
                phone_verified=True,
                name=f"家长{n}",
                password=make_password(None),  # no password: signed in by session below
            )
            for n in range(count)
        )
        PrivacyConsent.objects.bulk_create(
            PrivacyConsent(user=user, notice_version=settings.PRIVACY_NOTICE_VERSION)
            for user in users
        )
        families = []
        for n, user in enumerate(users):
            child = services.child_create(
                actor=user,
                guardian=user,
                county=county,
                name=f"孩子{run}{n}",
                date_of_birth=today.replace(year=today.year - 8) - dt.timedelta(days=30),
                gender=Child.Gender.GIRL if n % 2 else Child.Gender.BOY,
                township="城北街道",
                school_stage=Child.SchoolStage.PRIMARY,
                relationship=Child.Relationship.GRANDPARENT,
            )
            login = store()
            login[SESSION_KEY] = str(user.pk)
            login[BACKEND_SESSION_KEY] = backend
            login[HASH_SESSION_KEY] = user.get_session_auth_hash()
            login.save()
            families.append(Family(session_cookie=login.session_key, child_id=child.pk))
    return session.pk, families


def _cookies(family: Family) -> str:
    from django.conf import settings

    parts = [f"{settings.SESSION_COOKIE_NAME}={family.session_cookie}"]
    if family.csrf_cookie:
        parts.append(f"{settings.CSRF_COOKIE_NAME}={family.csrf_cookie}")
    return "; ".join(parts)


def open_booking_pages(port: int, session_id: int, families: list[Family]) -> None:
    """Each family opens the booking page: keep its CSRF cookie and form token, and check
    that it is signed in and offered its child. Not measured; a few at a time."""
    from django.conf import settings

    path = f"/sessions/{session_id}/book/"
    cookie_name = settings.CSRF_COOKIE_NAME

    def open_page(family: Family) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        try:
            conn.request("GET", path, headers={"Cookie": _cookies(family)})
            response = conn.getresponse()
            body = response.read().decode()
            if response.status != 200:
                raise SystemExit(f"GET {path} answered {response.status} (signed in?)")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie" and value.startswith(f"{cookie_name}="):
                    family.csrf_cookie = value.split(";", 1)[0].split("=", 1)[1]
            token = CSRF_FIELD.search(body)
            if not token or not family.csrf_cookie:
                raise SystemExit(f"GET {path}: no CSRF token in the booking form")
            family.csrf_token = token.group(1)
            if f'value="{family.child_id}"' not in body:
                raise SystemExit(f"GET {path}: the family's child is not offered")
        finally:
            conn.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(open_page, families))
    print(
        f"  {len(families)} booking pages opened in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )


# The rush ---------------------------------------------------------------------------------------


def press_book(
    port: int, session_id: int, families: list[Family], workers: list[int], spread: float = 0
) -> Rush:
    """Every family POSTs the booking form at the same moment (or, with ``spread``, one after
    the other evenly over that many seconds); time each answer, and the CPU time gunicorn's
    workers, PostgreSQL and these clients used meanwhile."""
    path = f"/sessions/{session_id}/book/"
    rush = Rush()
    lock = threading.Lock()
    barrier = threading.Barrier(len(families) + 1)

    def book(family: Family, delay: float) -> None:
        body = urlencode({"csrfmiddlewaretoken": family.csrf_token, "child": family.child_id})
        headers = {
            "Cookie": _cookies(family),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{HOST}:{port}{path}",
        }
        barrier.wait(timeout=TIMEOUT)
        if delay:
            time.sleep(delay)
        start = time.perf_counter()
        conn = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            answer = Answer(response.status, time.perf_counter() - start)
            if response.status == 200:
                answer.detail = _first_error(content.decode())
        except (OSError, http.client.HTTPException) as error:
            answer = Answer(0, time.perf_counter() - start, repr(error))
        finally:
            conn.close()
        with lock:
            rush.answers.append(answer)

    step = spread / len(families)
    threads = [
        threading.Thread(target=book, args=(family, n * step)) for n, family in enumerate(families)
    ]
    for thread in threads:
        thread.start()
    postgres = processes_named("postgres")
    parties = {"gunicorn": workers, "postgres": postgres, "clients": [os.getpid()]}
    before = {party: cpu_seconds(pids) for party, pids in parties.items()}
    machine = machine_busy_seconds()
    barrier.wait(timeout=TIMEOUT)
    released = time.perf_counter()
    for thread in threads:
        thread.join(timeout=2 * TIMEOUT)
    rush.elapsed = time.perf_counter() - released
    rush.cpu = {party: cpu_seconds(pids) - before[party] for party, pids in parties.items()}
    rush.cpu["other processes"] = machine_busy_seconds() - machine - sum(rush.cpu.values())
    return rush


def _first_error(html: str) -> str:
    found = re.search(r'class="[^"]*(?:errorlist|notice|error)[^"]*"[^>]*>(.*?)</', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()[:120] if found else "(no message)"


# Report -----------------------------------------------------------------------------------------


def report(args, session_id: int, families: list[Family], rush: Rush, log: str) -> int:
    from collections import Counter

    from courses.models import Session
    from enrollment.models import Booking

    session = Session.objects.get(pk=session_id)
    bookings = Booking.objects.filter(session=session)
    statuses = Counter(bookings.values_list("status", flat=True))
    confirmed = sum(
        bookings.filter(status=Booking.Status.CONFIRMED).values_list("seats", flat=True)
    )
    waitlisted = statuses.get(Booking.Status.WAITLISTED, 0)
    codes = Counter(answer.status for answer in rush.answers)
    server_errors = sum(n for code, n in codes.items() if code == 0 or code >= 500)
    refused = [answer.detail for answer in rush.answers if answer.status == 200]
    handled = len(rush.answers)
    latencies = [answer.seconds for answer in rush.answers]
    p50, p95, p99 = (value * 1000 for value in percentiles(latencies))
    rps = handled / rush.elapsed if rush.elapsed else 0.0

    if args.floor:
        return report_floor(args, families, rush, log)
    arrival = f"evenly over {args.spread:g} s" if args.spread else "all at the same moment"
    server = (
        f"{args.workers} sync workers"
        if args.threads == 1
        else (f"{args.workers} gthread workers x {args.threads} threads")
    )
    print(
        f"\n{len(families)} families ({arrival}), one session of {session.capacity} seats; "
        f"gunicorn {server}; PostgreSQL\n"
    )
    print(f"confirmed seats      {confirmed} (Session.seats_taken {session.seats_taken})")
    print(f"waiting list         {waitlisted}")
    others = {k: n for k, n in statuses.items() if k not in ("confirmed", "waitlisted")}
    print(f"other statuses       {others or 'none'}")
    print(f"answers              {dict(sorted(codes.items()))} (302 booked or waitlisted)")
    print(f"refused with message {len(refused)} {Counter(refused).most_common(3)}")
    print(f"server errors        {server_errors}")
    print(f"wall time            {rush.elapsed * 1000:.0f} ms from release to last answer")
    print(f"handled per second   {rps:.1f}")
    cpu = ", ".join(f"{party} {seconds:.1f} s" for party, seconds in rush.cpu.items())
    cores = os.cpu_count() or 1
    print(f"CPU during the rush  {cpu} ({cores} cores x wall time = {cores * rush.elapsed:.1f} s)")
    print(f"load average         {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")
    print(f"latency              p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
    print(
        f"targets              p95 < 500 ms: {'met' if p95 < 500 else 'MISSED'}; "
        f">= 100 per second: {'met' if rps >= 100 else 'MISSED'}"
    )
    if not args.spread:
        needed = 0.95 * len(families) / 0.5
        print(
            f"queueing bound       all at once, p95 < 500 ms needs >= {needed:.0f} per second; "
            f"at {rps:.0f} per second p95 is about {0.95 * len(families) / rps * 1000 if rps else 0:.0f} ms"
        )
    problems = []
    if confirmed != session.capacity or session.seats_taken != confirmed:
        problems.append(f"confirmed {confirmed} / seats_taken {session.seats_taken}")
    if sum(statuses.values()) + len(refused) != len(families):
        problems.append(f"{sum(statuses.values())} bookings for {len(families)} families")
    if server_errors:
        problems.append(f"{server_errors} server errors")
        details = Counter(a.detail for a in rush.answers if a.status == 0 or a.status >= 500)
        print(f"server error details {details.most_common(3)}\n{log}")
    for problem in problems:
        print(f"FAILED: {problem}")
    print(
        f"capacity={session.capacity} confirmed={confirmed} waitlisted={waitlisted} "
        f"server_errors={server_errors} p50_ms={p50:.0f} p95_ms={p95:.0f} p99_ms={p99:.0f} "
        f"rps={rps:.0f}"
    )
    return 1 if problems else 0


def report_floor(args, families: list[Family], rush: Rush, log: str) -> int:
    """``--floor``: nothing is booked; the latency and rate of the requests alone."""
    from collections import Counter

    codes = Counter(answer.status for answer in rush.answers)
    server_errors = sum(n for code, n in codes.items() if code == 0 or code >= 500)
    p50, p95, p99 = (value * 1000 for value in percentiles([a.seconds for a in rush.answers]))
    rps = len(rush.answers) / rush.elapsed if rush.elapsed else 0.0
    print(
        f"\nFLOOR: {len(families)} families all at once POST the booking form to a view that "
        f"signs them in, reads the form, leaves a message and redirects, and books nothing; "
        f"gunicorn {args.workers} sync workers; PostgreSQL\n"
    )
    print(f"answers              {dict(sorted(codes.items()))}")
    print(f"server errors        {server_errors}")
    print(f"handled per second   {rps:.1f}")
    cpu = ", ".join(f"{party} {seconds:.1f} s" for party, seconds in rush.cpu.items())
    print(f"CPU during the rush  {cpu}")
    print(f"latency              p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms")
    if server_errors:
        print(log)
    print(
        f"floor=1 families={len(families)} server_errors={server_errors} p50_ms={p50:.0f} "
        f"p95_ms={p95:.0f} p99_ms={p99:.0f} rps={rps:.0f}"
    )
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
