"""A real Celery worker (``celery -A cms worker``, a subprocess) against Redis and the test's
PostgreSQL database: a booking's confirmation is sent by the worker after commit; a worker
killed in the middle of a send, then restarted, leaves exactly one email. Also measures how
long a notice takes from commit to the outbox (printed; see the notify report).

Run on CI's PostgreSQL + Redis pass (``.ci/run``); skipped on SQLite or without Redis."""

import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

import pytest
import redis

from cms.celery import app
from enrollment import services
from people.models import Notification
from people.services.notifications import notifications_sweep
from tests import factories
from tests.makers import make_mother

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = [
    pytest.mark.worker,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a worker process needs a database it can share: run with DATABASE_URL=postgres://",
    ),
]


def _redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); set REDIS_URL to run this")


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] or ""
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


class Worker:
    def __init__(self, queue: str, maildir: Path, log: Path):
        self.queue, self.maildir, self.log = queue, maildir, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": REDIS_URL,
            "NOTIFICATION_TEST_EMAIL_BACKEND": "tests.worker.mailbox.FileMailbox",
            "NOTIFY_TEST_MAILDIR": str(self.maildir),
            "PYTHONPATH": str(settings.BASE_DIR),
        }
        env.pop("PYTEST_CURRENT_TEST", None)
        offset = self.log.stat().st_size if self.log.exists() else 0
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                "-n",
                f"{self.queue}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            start_new_session=True,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            text = self.log.read_bytes()[offset:].decode(errors="replace")
            if " ready." in text:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        raise AssertionError("the worker did not start:\n" + self.log.read_text()[-3000:])

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: nothing is cleaned up or acknowledged."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None


def _forget_connections() -> None:
    """Celery builds its producer pool and its routing (``app.amqp``, with the default
    queue) once, on first use, possibly by an earlier test: build them again from the
    configuration just set."""
    app._pool = None
    app.__dict__.pop("amqp", None)


@pytest.fixture
def worker(tmp_path):
    """A worker on a queue of its own; this process sends to it through Redis (not eagerly)."""
    _redis_or_skip()
    queue = f"notify-test-{uuid.uuid4().hex[:8]}"
    maildir = tmp_path / "mail"
    maildir.mkdir()
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "task_default_queue")}
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, task_default_queue=queue)
    _forget_connections()
    process = Worker(queue, maildir, tmp_path / "worker.log")
    process.start()
    yield process
    process.stop()
    app.conf.update(saved)
    _forget_connections()
    broker = redis.Redis.from_url(REDIS_URL)
    broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def emails(maildir: Path) -> list:
    return [message_from_bytes(p.read_bytes()) for p in sorted(maildir.glob("*.eml"))]


def wait_for(condition, seconds: float = 30, what: str = ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.02)
    raise AssertionError(f"waited {seconds}s for {what}")


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def a_session():
    return factories.TrainingCoursePageFactory(sessions=[factories.session_in(7)]).sessions.get()


def test_the_worker_sends_the_confirmation_after_commit(worker):
    session = a_session()
    mother = make_mother()
    booking = services.booking_create(session=session, booker=mother)  # commits here

    [mail] = wait_for(lambda: emails(worker.maildir), what="the confirmation")
    assert mail["To"] == mother.email
    assert subject(mail).startswith("预约成功")
    parts = {part.get_content_type() for part in mail.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= parts
    notice = Notification.objects.get(subject_key=f"booking:{booking.pk}")
    wait_for(lambda: Notification.objects.get(pk=notice.pk).status == "sent", what="sent")


def test_a_worker_killed_mid_send_and_restarted_sends_exactly_one_email(worker, settings):
    (worker.maildir / "block").touch()
    session = a_session()
    booking = services.booking_create(session=session, booker=make_mother())
    notice = Notification.objects.get(subject_key=f"booking:{booking.pk}")
    wait_for(lambda: (worker.maildir / "sending").exists(), what="the send to begin")
    assert Notification.objects.get(pk=notice.pk).status == "sending"

    worker.kill()
    (worker.maildir / "block").unlink()
    assert emails(worker.maildir) == []
    worker.start()

    # The redelivered task (if any) finds the row "sending" and leaves it; the sweep, once
    # the row has been "sending" longer than the timeout, puts it back and dispatches it.
    time.sleep(1)
    assert emails(worker.maildir) == []
    later = timezone.now() + timezone.timedelta(
        seconds=settings.NOTIFICATION_SENDING_TIMEOUT_SECONDS + 1
    )
    assert notifications_sweep(now=later) == 1
    wait_for(lambda: emails(worker.maildir), what="the email after the restart")
    wait_for(lambda: Notification.objects.get(pk=notice.pk).status == "sent", what="sent")
    notifications_sweep(now=later)  # nothing left to do
    time.sleep(2)
    assert len(emails(worker.maildir)) == 1
    assert Notification.objects.get(pk=notice.pk).attempts == 2


def test_how_long_from_commit_to_the_outbox(worker):
    """Not a pass/fail figure: printed for the report (``-s`` shows it)."""
    session = a_session()
    took = []
    for _ in range(10):
        before = len(list(worker.maildir.glob("*.eml")))
        started = time.time_ns()
        services.booking_create(session=session, booker=make_mother())  # commit
        wait_for(lambda b=before: len(list(worker.maildir.glob("*.eml"))) > b, what="email")
        newest = max(worker.maildir.glob("*.eml"), key=lambda p: p.name)
        took.append((int(newest.name.split("-")[0]) - started) / 1e6)
    print(  # noqa: T201 - the figure for the report
        f"\nnotification commit→outbox with a real worker: n={len(took)} "
        f"p50_ms={statistics.median(took):.1f} max_ms={max(took):.1f}"
    )
    assert statistics.median(took) < 5000
