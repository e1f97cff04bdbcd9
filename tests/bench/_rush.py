"""The steps of ``rush.py``: the families and their class session, each family's booking
page opened (its CSRF token), and the rush itself, timed, with the CPU time it used."""

import http.client
import os
import re
import secrets
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode

from tests.bench._server import HOST, cpu_seconds, machine_busy_seconds, processes_named

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
