"""What the benchmarks share: a production-like environment, gunicorn on a free loopback
port (started in its own process group and always stopped), and latency percentiles."""

import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def bench_environment(tmp: Path) -> dict[str, str]:
    """The environment for manage.py and gunicorn: DEBUG off, a throwaway secret key, static
    files collected under ``tmp``, the page cache off; DATABASE_URL as given (a SQLite file in
    ``tmp`` if unset)."""
    env = dict(os.environ)
    env.pop("CELERY_BROKER_URL", None)  # tasks run in-process: no broker in the measurement
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        env["MEDIA_ROOT"] = str(tmp / "media")
    env.update(
        DEBUG="0",
        TESTING="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        ALLOWED_HOSTS=HOST,
        STATIC_ROOT=str(tmp / "static"),
        LOG_LEVEL="ERROR",
        PAGE_CACHE_SECONDS="0",  # pages are rendered; tests/bench/pages.py turns it on
        DJANGO_SETTINGS_MODULE="cms.settings",
    )
    return env


def manage(env: dict[str, str], *commands: list[str]) -> None:
    """Run ``manage.py`` commands in order with ``env``; stop at the first that fails."""
    for command in commands:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the bench environment (for direct ORM work)."""
    os.environ.update(env)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(
    env: dict[str, str],
    port: int,
    workers: int,
    log: Path,
    extra: tuple[str, ...] = (),
    stdout: int | None = None,
) -> subprocess.Popen:
    """``stdout``: where the workers' output goes (e.g. ``subprocess.DEVNULL`` for the emails
    the console backend writes; default: this process's)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi",
        f"--workers={workers}",
        f"--bind={HOST}:{port}",
        "--log-level=warning",
        f"--error-logfile={log}",
        *extra,
    ]
    print(
        f"Starting gunicorn with {workers} workers {' '.join(extra)} on {HOST}:{port}",
        file=sys.stderr,
    )
    return subprocess.Popen(  # noqa: S603
        command, cwd=REPO, env=env, start_new_session=True, stdout=stdout
    )


def wait_until_up(port: int, server: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            if get(port, "/healthz") == 200:
                return
        except OSError:
            time.sleep(0.2)
    tail = log.read_text()[-2000:] if log.exists() else ""
    raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f}s\n{tail}")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (its own process group); kill them if they linger."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None) -> int:
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    if response.will_close:
        conn.close()
    return response.status


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by these processes (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / tick


def machine_busy_seconds() -> float:
    """CPU time all processes of the machine have used since boot (Linux /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return (user + nice + system + irq + softirq + steal) / tick


def children_of(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (gunicorn's workers), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.extend(int(child) for child in task.read_text().split())
    return found


def processes_named(name: str) -> list[int]:
    """Processes whose command name is ``name`` (PostgreSQL's backends), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/comm"):
        try:
            if stat.read_text().strip() == name:
                found.append(int(stat.parent.name))
        except OSError:
            continue
    return found


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of ``values``."""
    if len(values) < 2:
        only = values[0] if values else 0.0
        return only, only, only
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]
