"""Random interleavings of every booking service, with an observer checking the invariants
while they run (PostgreSQL, real threads and transactions).

Eight threads call the services at random for ``BOOKING_INTERLEAVING_SECONDS`` (default 15,
longer on a slow machine until every kind of action has happened a few times):
book, cancel, accept and decline offers, expire offers with a later clock, refresh offers,
and release a person's bookings. The sessions are chosen to collide: a summer class, a 亲子
class and a training at the same hour (a child may be booked by her guardian on the one and
by her caring mother on the other; a mother may book the training and the 亲子 class), and a
second summer class on another day. An observer reads the bookings in one snapshot
(REPEATABLE READ) again and again, and once more at the end, and checks:

- seats held by confirmed and offered bookings = ``Session.seats_taken`` ≤ capacity;
- nobody (mother or child) has two active bookings at overlapping times;
- a pair booking holds exactly two seats;
- offers go first come, first served: nobody still waiting was passed over for someone later
  in the queue who needed as many seats or more;
- no seat stays free while someone who fits it waits;
- every booking's history is a chain of legal transitions ending in its status.

Run it longer to hunt: ``BOOKING_INTERLEAVING_SECONDS=60 pytest tests/enrollment/test_booking_interleaving.py``.
"""

import datetime as dt
import os
import random
import threading
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection, connections, transaction
from django.utils import timezone

import pytest

from courses.models import Session, SummerClassPage
from enrollment import services
from enrollment.models import Booking, BookingEvent
from people.errors import DomainError
from people.models import Child, User, Volunteer
from tests import factories
from tests.makers import county, make_child, make_guardian, make_mother, make_pair

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are only real on PostgreSQL; run with DATABASE_URL=postgres://...",
    ),
]

Status = Booking.Status
SECONDS = float(os.environ.get("BOOKING_INTERLEAVING_SECONDS", "15"))
THREADS = 8

# What the booking rules allow, written out here rather than read from the code under test.
LEGAL = {
    ("", Status.CONFIRMED),
    ("", Status.WAITLISTED),
    (Status.CONFIRMED, Status.CANCELLED),
    (Status.WAITLISTED, Status.OFFERED),
    (Status.WAITLISTED, Status.LEFT_WAITLIST),
    (Status.WAITLISTED, Status.CANCELLED),
    (Status.OFFERED, Status.CONFIRMED),
    (Status.OFFERED, Status.DECLINED),
    (Status.OFFERED, Status.EXPIRED),
    (Status.OFFERED, Status.CANCELLED),
}


@dataclass
class World:
    sessions: dict[str, int]  # name → session id
    guardians: list[tuple[int, int]]  # (guardian id, child id)
    mothers: list[tuple[int, int]]  # (user id, paired child id)
    volunteer_ids: list[int]
    child_ids: list[int]


def make_world() -> World:
    lishi = county()
    start = timezone.localtime() + dt.timedelta(days=5)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    other_day = start + dt.timedelta(days=2)

    def session_at(when, capacity):
        venue = factories.VenueFactory()
        return Session(start=when, end=when + dt.timedelta(hours=2), capacity=capacity, venue=venue)

    summer = factories.SummerClassPageFactory(
        age_min=6, age_max=12, sessions=[session_at(start, 3)]
    )
    other = factories.SummerClassPageFactory(
        age_min=6, age_max=12, sessions=[session_at(other_day, 2)]
    )
    together = factories.SummerClassPageFactory(
        format=SummerClassPage.Format.PARENT_CHILD,
        age_min=6,
        age_max=12,
        sessions=[session_at(start, 4)],
    )
    training = factories.TrainingCoursePageFactory(sessions=[session_at(start, 2)])
    guardians, mothers = [], []
    for i in range(6):
        guardian = make_guardian()
        child = make_child(guardian=guardian, county_obj=lishi, name=f"孩子{i}", age=8)
        guardians.append((guardian.pk, child.pk))
        if i < 4:
            mother = make_mother(lishi)
            make_pair(mother, child)
            mothers.append((mother.pk, child.pk))
    return World(
        sessions={
            "summer": summer.sessions.get().pk,
            "other": other.sessions.get().pk,
            "together": together.sessions.get().pk,
            "training": training.sessions.get().pk,
        },
        guardians=guardians,
        mothers=mothers,
        volunteer_ids=list(Volunteer.objects.values_list("pk", flat=True)),
        child_ids=[child for _, child in guardians],
    )


# The actions ------------------------------------------------------------------------------------


def act_book(rng: random.Random, world: World) -> str:
    sessions = Session.objects.select_related("course")
    choice = rng.random()
    if choice < 0.45:
        guardian, child = rng.choice(world.guardians)
        session = sessions.get(pk=world.sessions[rng.choice(["summer", "other"])])
        services.booking_create(
            session=session, booker=User.objects.get(pk=guardian), child=Child.objects.get(pk=child)
        )
        return "book child"
    mother, child = rng.choice(world.mothers)
    if choice < 0.75:
        session = sessions.get(pk=world.sessions["together"])
        services.booking_create(
            session=session, booker=User.objects.get(pk=mother), child=Child.objects.get(pk=child)
        )
        return "book pair"
    session = sessions.get(pk=world.sessions["training"])
    services.booking_create(session=session, booker=User.objects.get(pk=mother))
    return "book training"


def _pick(rng: random.Random, world: World, *statuses: str) -> Booking | None:
    ids = list(
        Booking.objects.filter(
            session_id__in=world.sessions.values(), status__in=statuses
        ).values_list("pk", flat=True)
    )
    if not ids:
        return None
    return Booking.objects.select_related("booker").get(pk=rng.choice(ids))


def act_cancel(rng: random.Random, world: World) -> str:
    booking = _pick(rng, world, *Booking.ACTIVE)
    if booking is None:
        return "nothing to cancel"
    services.booking_cancel(booking=booking, actor=booking.booker)
    return "cancel"


def act_accept(rng: random.Random, world: World) -> str:
    booking = _pick(rng, world, Status.OFFERED)
    if booking is None:
        return "nothing to accept"
    services.offer_accept(booking=booking, actor=booking.booker)
    return "accept"


def act_decline(rng: random.Random, world: World) -> str:
    booking = _pick(rng, world, Status.OFFERED)
    if booking is None:
        return "nothing to decline"
    services.booking_cancel(booking=booking, actor=booking.booker)
    return "decline"


def act_expire(rng: random.Random, world: World) -> str:
    later = timezone.now() + dt.timedelta(hours=25)  # past every offer's hold, before the sessions
    services.offers_expire(now=later)
    return "expire"


def act_refresh(rng: random.Random, world: World) -> str:
    session = Session.objects.get(pk=rng.choice(list(world.sessions.values())))
    services.session_offers_refresh(session=session)
    return "refresh"


def act_release(rng: random.Random, world: World) -> str:
    if rng.random() < 0.5:
        services.bookings_release(
            volunteer=Volunteer.objects.get(pk=rng.choice(world.volunteer_ids))
        )
    else:
        services.bookings_release(child=Child.objects.get(pk=rng.choice(world.child_ids)))
    return "release"


ACTIONS = [
    (act_book, 10),
    (act_cancel, 3),
    (act_accept, 3),
    (act_decline, 2),
    (act_expire, 1),
    (act_refresh, 1),
    (act_release, 1),
]


# The observer -------------------------------------------------------------------------------------


def snapshot(session_ids) -> tuple[dict, list[dict], dict[int, list[tuple[str, str]]]]:
    """Sessions, bookings and their histories as of one moment."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        sessions = {
            row["pk"]: row
            for row in Session.objects.filter(pk__in=session_ids).values(
                "pk", "capacity", "seats_taken", "start", "end", "is_cancelled"
            )
        }
        bookings = list(
            Booking.objects.filter(session_id__in=session_ids).values(
                "pk",
                "session_id",
                "kind",
                "volunteer_id",
                "child_id",
                "seats",
                "status",
                "waitlisted_at",
            )
        )
        history = defaultdict(list)
        for booking_id, from_status, to_status in (
            BookingEvent.objects.filter(
                booking__session_id__in=session_ids, kind=BookingEvent.Kind.STATUS
            )
            .order_by("booking_id", "pk")
            .values_list("booking_id", "from_status", "to_status")
        ):
            history[booking_id].append((from_status, to_status))
    return sessions, bookings, history


def violations(sessions: dict, bookings: list[dict], history: dict) -> list[str]:
    found = []
    now = timezone.now()
    by_session = defaultdict(list)
    for b in bookings:
        by_session[b["session_id"]].append(b)
        if b["kind"] == Booking.Kind.PAIR and b["seats"] != 2:
            found.append(f"pair booking {b['pk']} holds {b['seats']} seats")

    for pk, s in sessions.items():
        rows = by_session[pk]
        held = sum(b["seats"] for b in rows if b["status"] in Booking.HOLDING)
        if held != s["seats_taken"] or not 0 <= s["seats_taken"] <= s["capacity"]:
            found.append(
                f"session {pk}: bookings hold {held} seats, seats_taken={s['seats_taken']}, "
                f"capacity={s['capacity']}"
            )
        free = s["capacity"] - s["seats_taken"]
        waiting = [b for b in rows if b["status"] == Status.WAITLISTED]
        if not s["is_cancelled"] and s["start"] > now:
            idle = [b["pk"] for b in waiting if b["seats"] <= free]
            if idle:
                found.append(f"session {pk}: {free} seat(s) free while {idle} wait and fit")
        offered = [b for b in rows if any(to == Status.OFFERED for _, to in history[b["pk"]])]
        for w in waiting:
            passed_over = [
                o["pk"]
                for o in offered
                if o["seats"] >= w["seats"]
                and (o["waitlisted_at"], o["pk"]) > (w["waitlisted_at"], w["pk"])
            ]
            if passed_over:
                found.append(
                    f"session {pk}: booking {w['pk']} still waits, but later {passed_over} "
                    "were offered seats first"
                )

    for who in ("volunteer_id", "child_id"):
        active = defaultdict(list)
        for b in bookings:
            if b[who] and b["status"] in Booking.ACTIVE:
                active[b[who]].append(b)
        for person, rows in active.items():
            for i, a in enumerate(rows):
                for b in rows[i + 1 :]:
                    sa, sb = sessions[a["session_id"]], sessions[b["session_id"]]
                    if sa["start"] < sb["end"] and sb["start"] < sa["end"]:
                        found.append(
                            f"{who} {person} is on bookings {a['pk']} and {b['pk']} "
                            "at the same time"
                        )

    for b in bookings:
        steps = history[b["pk"]]
        chain_end = ""
        for from_status, to_status in steps:
            if from_status != chain_end or (from_status, to_status) not in LEGAL:
                found.append(f"booking {b['pk']}: illegal history {steps}")
                break
            chain_end = to_status
        else:
            if chain_end != b["status"]:
                found.append(f"booking {b['pk']} is {b['status']} but its history {steps}")
    return found


@dataclass
class Run:
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # violation → times observed
    snapshots: int = 0


def worker(run: Run, world: World, seed: int) -> None:
    rng = random.Random(seed)
    actions, weights = zip(*ACTIONS, strict=True)
    try:
        while not run.stop.is_set():
            action = rng.choices(actions, weights)[0]
            try:
                outcome = action(rng, world)
            except DomainError as refusal:
                with run.lock:
                    run.refused[type(refusal).__name__] += 1
                continue
            with run.lock:
                run.done[outcome] += 1
    except Exception:  # every other error fails the test, with its traceback
        with run.lock:
            run.errors.append(traceback.format_exc())
    finally:
        connections.close_all()


def observer(run: Run, world: World) -> None:
    try:
        while not run.stop.is_set():
            found = violations(*snapshot(world.sessions.values()))
            with run.lock:
                run.snapshots += 1
                for text in found:
                    run.seen[text] = run.seen.get(text, 0) + 1
            time.sleep(0.02)
    except Exception:
        with run.lock:
            run.errors.append(traceback.format_exc())
    finally:
        connections.close_all()


REQUIRED = ("book child", "book pair", "book training", "cancel", "accept", "decline")
ENOUGH = 5


def run_until_enough(run: Run) -> None:
    """Let the threads run for ``SECONDS``, and on past it (up to six times as long) until
    every outcome has happened often enough to prove something: a slow machine does fewer
    actions in the same time, and offers to accept come only after enough cancellations."""
    started = time.monotonic()
    while True:
        time.sleep(0.25)
        elapsed = time.monotonic() - started
        with run.lock:
            enough = all(run.done[outcome] >= ENOUGH for outcome in REQUIRED)
        if (elapsed >= SECONDS and enough) or elapsed >= 6 * SECONDS or run.errors:
            break
    run.stop.set()


def test_random_interleavings_of_the_booking_services_keep_every_invariant(settings):
    settings.BOOKING_LOCK_TIMEOUT_SECONDS = 5
    world = make_world()
    run = Run()
    seed = random.randrange(1_000_000)
    threads = [threading.Thread(target=worker, args=(run, world, seed + i)) for i in range(THREADS)]
    threads.append(threading.Thread(target=observer, args=(run, world)))
    for thread in threads:
        thread.start()
    run_until_enough(run)
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"

    for text in violations(*snapshot(world.sessions.values())):
        run.seen[text] = run.seen.get(text, 0) + 1
    summary = f"seed {seed}; done {dict(run.done)}; refused {dict(run.refused)}"
    assert not run.errors, f"{summary}\n" + "\n".join(run.errors[:3])
    assert not run.seen, (
        f"{len(run.seen)} invariant violation(s) in {run.snapshots} snapshots ({summary}):\n"
        + "\n".join(f"  {n}x {text}" for text, n in list(run.seen.items())[:25])
    )
    for outcome in REQUIRED:
        assert run.done[outcome] >= ENOUGH, f"too few '{outcome}' to prove anything: {summary}"
    assert run.snapshots >= 20, f"the observer looked only {run.snapshots} times"
