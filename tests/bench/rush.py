"""Registration rush: 300 families press "book" on one 40-seat summer class at the same moment.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/aixin_rush python tests/bench/rush.py \
        [--families 300] [--capacity 40] [--workers 2] [--threads 1] [--spread 0] \
        [--floor | --ratio]

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
   the waiting list (must hold everyone else, in the order they got through the session's
   lock, after every confirmed seat), refusals, server errors (must be 0), booking requests
   handled per second (families / time from the release to the last answer), p50/p95/p99
   latency, and a last line of key=value pairs.

All requests arrive together, so they queue: the k-th answer cannot come before k bookings
have been handled, and p95 is about 0.95 x families / rate. A p95 under 500 ms for 300 families
at once needs about 570 bookings handled per second; the bench prints that bound next to the
figures. ``--spread 3`` lets the families arrive evenly over 3 seconds instead (100 a second
for 300), to see the latency of a steady stream rather than of one burst. ``--floor`` sends
the same burst to a booking POST that books nothing (``floor_urls.py``: sign-in, form,
message, redirect): the part of the latency that is Django's and the machine's, not the
booking's.

``--ratio`` measures what a booking costs on top of that floor, in one run: after preparing
the database once, it runs the floor and the rush alternately, three times each (floor,
rush, floor, rush, floor, rush), each with its own new class session and families and its
own gunicorn, and prints as its last line

    capacity=40 confirmed=40 server_errors=0 rush_rps=<median> floor_rps=<median>
    floor_ratio=<rush_rps / floor_rps> p95_ms=<median of the three rush runs' p95>

(one line). ``confirmed`` is the confirmed seats of the rush run furthest from the capacity
(all three must equal it), ``server_errors`` the sum over all six runs, ``p95_ms`` the median
of the rush runs' own p95 (with ``--spread 0``, the burst: about 0.95 x families / rate;
``--ratio --spread 3`` gives the steady stream's).

Without a broker (the default, as the quick start runs) each booking's notice is sent in the
request, after its commit (Celery runs the task in-process): its rendering, the email and the
outbox's two status updates are part of what a booking costs here. ``--broker URL`` gives
gunicorn a Celery broker, as in production, so the request only queues the notice for a
worker (none runs during the rush; the queue is emptied after each run): what the web tier
alone costs per booking.

Exit status 1 if the session was overbooked or underbooked, a family lost its booking, the
waiting list is out of order, or a server error happened. Only loopback traffic; bounded by
timeouts; gunicorn is always stopped.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._rush import Rush, create_families, open_booking_pages, press_book
from tests.bench._server import (
    bench_environment,
    children_of,
    free_port,
    manage,
    percentiles,
    setup_django,
    start_gunicorn,
    stop,
    wait_until_up,
)

RATIO_ROUNDS = 3


@dataclass
class Outcome:
    """What one run came to."""

    floor: bool
    families: int
    capacity: int = 0
    confirmed: int = 0
    seats_taken: int = 0
    waitlisted: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    codes: dict[int, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    server_errors: int = 0
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    problems: list[str] = field(default_factory=list)


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
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--floor",
        action="store_true",
        help="the same burst against a booking POST that books nothing (tests/bench/floor_urls.py):"
        " what Django and the machine cost per request before the booking itself",
    )
    mode.add_argument(
        "--ratio",
        action="store_true",
        help=f"floor and rush alternately, {RATIO_ROUNDS} times each; medians and their ratio",
    )
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        help="seconds over which the families arrive evenly (0: all at the same moment)",
    )
    parser.add_argument(
        "--broker",
        default="",
        help="a Celery broker for gunicorn (e.g. redis://127.0.0.1:6379/7, a database of your "
        "own: it is emptied after each run): the notices are queued for a worker, as in "
        "production, instead of sent in the request; no worker runs during the rush",
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
        print("Preparing the database (migrate, collectstatic)", file=sys.stderr)
        manage(env, ["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"])
        setup_django(env)
        if not args.ratio:
            outcome = run(args, env, Path(tmp), floor=args.floor)
            return 1 if outcome.problems else 0
        outcomes = [
            run(args, env, Path(tmp), floor=floor)
            for _round in range(RATIO_ROUNDS)
            for floor in (True, False)
        ]
    return report_ratio(outcomes, args)


def run(args, env: dict[str, str], tmp: Path, *, floor: bool) -> Outcome:
    """One rush (or floor) on a new session with new families, through its own gunicorn."""
    import time

    from django.db import connections

    env = dict(env)
    if args.broker:
        env["CELERY_BROKER_URL"] = args.broker
    if floor:
        env["DJANGO_SETTINGS_MODULE"] = "tests.bench.floor_settings"
    started = time.perf_counter()
    session_id, families = create_families(args.families, args.capacity)
    print(
        f"  {len(families)} families with signed-in sessions in "
        f"{time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    connections.close_all()  # nothing of ours holds a connection while the rush runs

    port = free_port()
    log = tmp / "gunicorn.log"
    log.unlink(missing_ok=True)
    extra = ("--worker-class=gthread", f"--threads={args.threads}") if args.threads > 1 else ()
    # The emails of the notices (console backend) go nowhere: not the terminal's time.
    server = start_gunicorn(env, port, args.workers, log, extra, stdout=subprocess.DEVNULL)
    try:
        wait_until_up(port, server, log)
        open_booking_pages(port, session_id, families)
        rush = press_book(
            port, session_id, families, workers=children_of(server.pid), spread=args.spread
        )
    finally:
        stop(server)
        if args.broker:
            _empty_queue(args.broker)
    errors_logged = log.read_text()[-3000:] if log.exists() else ""
    outcome = tally(session_id, len(families), rush, floor=floor)
    (report_floor if floor else report)(args, outcome, rush, errors_logged)
    return outcome


def _empty_queue(broker: str) -> None:
    """Drop the notices queued for a worker during the run (they stay pending in the outbox
    of the scratch database; none is sent)."""
    import redis

    redis.Redis.from_url(broker).delete("celery")


# Counting ---------------------------------------------------------------------------------------


def tally(session_id: int, families: int, rush: Rush, *, floor: bool) -> Outcome:
    """The answers and (unless ``floor``) the bookings in the database, and what is wrong."""
    codes = Counter(answer.status for answer in rush.answers)
    latencies = [answer.seconds * 1000 for answer in rush.answers]
    outcome = Outcome(floor=floor, families=families, codes=dict(sorted(codes.items())))
    outcome.server_errors = sum(n for code, n in codes.items() if code == 0 or code >= 500)
    outcome.p50, outcome.p95, outcome.p99 = percentiles(latencies)
    outcome.rps = len(rush.answers) / rush.elapsed if rush.elapsed else 0.0
    if outcome.server_errors:
        outcome.problems.append(f"{outcome.server_errors} server errors")
    if floor:
        return outcome

    from courses.models import Session
    from enrollment.models import Booking

    session = Session.objects.get(pk=session_id)
    bookings = list(Booking.objects.filter(session=session).order_by("pk"))
    outcome.capacity, outcome.seats_taken = session.capacity, session.seats_taken
    outcome.statuses = dict(Counter(booking.status for booking in bookings))
    confirmed = [b for b in bookings if b.status == Booking.Status.CONFIRMED]
    waiting = [b for b in bookings if b.status == Booking.Status.WAITLISTED]
    outcome.confirmed = sum(booking.seats for booking in confirmed)
    outcome.waitlisted = len(waiting)
    outcome.refused = [answer.detail for answer in rush.answers if answer.status == 200]
    if outcome.confirmed != session.capacity or session.seats_taken != outcome.confirmed:
        outcome.problems.append(
            f"confirmed {outcome.confirmed} / seats_taken {session.seats_taken}"
        )
    if len(bookings) + len(outcome.refused) != families:
        outcome.problems.append(f"{len(bookings)} bookings for {families} families")
    # In order: the bookings were made one after the other under the session's lock, so ids,
    # confirmed seats before the waiting list, and the queue's order must all agree.
    queue = sorted(waiting, key=lambda b: (b.waitlisted_at, b.pk))
    if queue != waiting or (confirmed and waiting and confirmed[-1].pk > waiting[0].pk):
        outcome.problems.append("the waiting list is out of order")
    return outcome


# Reports ----------------------------------------------------------------------------------------


def _cpu(rush: Rush) -> str:
    return ", ".join(f"{party} {seconds:.1f} s" for party, seconds in rush.cpu.items())


def report(args, outcome: Outcome, rush: Rush, log: str) -> None:
    arrival = f"evenly over {args.spread:g} s" if args.spread else "all at the same moment"
    server = (
        f"{args.workers} sync workers"
        if args.threads == 1
        else (f"{args.workers} gthread workers x {args.threads} threads")
    )
    rps, p95 = outcome.rps, outcome.p95
    print(
        f"\n{outcome.families} families ({arrival}), one session of {outcome.capacity} seats; "
        f"gunicorn {server}; PostgreSQL\n"
    )
    print(f"confirmed seats      {outcome.confirmed} (Session.seats_taken {outcome.seats_taken})")
    print(f"waiting list         {outcome.waitlisted}")
    others = {k: n for k, n in outcome.statuses.items() if k not in ("confirmed", "waitlisted")}
    print(f"other statuses       {others or 'none'}")
    print(f"answers              {outcome.codes} (302 booked or waitlisted)")
    print(f"refused with message {len(outcome.refused)} {Counter(outcome.refused).most_common(3)}")
    print(f"server errors        {outcome.server_errors}")
    print(f"wall time            {rush.elapsed * 1000:.0f} ms from release to last answer")
    print(f"handled per second   {rps:.1f}")
    cores = os.cpu_count() or 1
    print(
        f"CPU during the rush  {_cpu(rush)} ({cores} cores x wall time = "
        f"{cores * rush.elapsed:.1f} s)"
    )
    print(f"load average         {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")
    print(
        f"latency              p50 {outcome.p50:.0f} ms, p95 {p95:.0f} ms, p99 {outcome.p99:.0f} ms"
    )
    print(
        f"targets              p95 < 500 ms: {'met' if p95 < 500 else 'MISSED'}; "
        f">= 100 per second: {'met' if rps >= 100 else 'MISSED'}"
    )
    if not args.spread:
        needed = 0.95 * outcome.families / 0.5
        print(
            f"queueing bound       all at once, p95 < 500 ms needs >= {needed:.0f} per second; "
            f"at {rps:.0f} per second p95 is about "
            f"{0.95 * outcome.families / rps * 1000 if rps else 0:.0f} ms"
        )
    if outcome.server_errors:
        details = Counter(a.detail for a in rush.answers if a.status == 0 or a.status >= 500)
        print(f"server error details {details.most_common(3)}\n{log}")
    for problem in outcome.problems:
        print(f"FAILED: {problem}")
    print(
        f"capacity={outcome.capacity} confirmed={outcome.confirmed} "
        f"waitlisted={outcome.waitlisted} server_errors={outcome.server_errors} "
        f"p50_ms={outcome.p50:.0f} p95_ms={p95:.0f} p99_ms={outcome.p99:.0f} rps={rps:.0f}"
    )


def report_floor(args, outcome: Outcome, rush: Rush, log: str) -> None:
    """``--floor``: nothing is booked; the latency and rate of the requests alone."""
    print(
        f"\nFLOOR: {outcome.families} families all at once POST the booking form to a view that "
        f"signs them in, reads the form, leaves a message and redirects, and books nothing; "
        f"gunicorn {args.workers} sync workers; PostgreSQL\n"
    )
    print(f"answers              {outcome.codes}")
    print(f"server errors        {outcome.server_errors}")
    print(f"handled per second   {outcome.rps:.1f}")
    print(f"CPU during the rush  {_cpu(rush)}")
    print(
        f"latency              p50 {outcome.p50:.0f} ms, p95 {outcome.p95:.0f} ms, "
        f"p99 {outcome.p99:.0f} ms"
    )
    if outcome.server_errors:
        print(log)
    print(
        f"floor=1 families={outcome.families} server_errors={outcome.server_errors} "
        f"p50_ms={outcome.p50:.0f} p95_ms={outcome.p95:.0f} p99_ms={outcome.p99:.0f} "
        f"rps={outcome.rps:.0f}"
    )


def report_ratio(outcomes: list[Outcome], args) -> int:
    """``--ratio``: the runs side by side, then the medians and their ratio on one line."""
    floors = [o for o in outcomes if o.floor]
    rushes = [o for o in outcomes if not o.floor]
    notices = f"queued on {args.broker}" if args.broker else "sent in the request (no broker)"
    print(f"\nfloor and rush alternately (requests handled per second, p95 ms); notices {notices}:")
    for n, (floor, rush) in enumerate(zip(floors, rushes, strict=True), start=1):
        print(
            f"  round {n}: floor {floor.rps:.0f}/s p95 {floor.p95:.0f}; "
            f"rush {rush.rps:.0f}/s p95 {rush.p95:.0f}; ratio {rush.rps / floor.rps:.3f}"
        )
    rush_rps = statistics.median(o.rps for o in rushes)
    floor_rps = statistics.median(o.rps for o in floors)
    capacity = rushes[0].capacity
    confirmed = max((o.confirmed for o in rushes), key=lambda seats: abs(seats - capacity))
    problems = [problem for o in outcomes for problem in o.problems]
    for problem in problems:
        print(f"FAILED: {problem}")
    print(
        f"capacity={capacity} confirmed={confirmed} "
        f"server_errors={sum(o.server_errors for o in outcomes)} rush_rps={rush_rps:.0f} "
        f"floor_rps={floor_rps:.0f} floor_ratio={rush_rps / floor_rps:.2f} "
        f"p95_ms={statistics.median(o.p95 for o in rushes):.0f}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
