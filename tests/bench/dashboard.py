"""The figures dashboard at national scale, on PostgreSQL.

    DATABASE_URL=postgres://…/scratch python tests/bench/dashboard.py [--scale 1.0]
        [--counties 50] [--reuse]

Migrates the database in ``DATABASE_URL`` (required, PostgreSQL: a scratch database, its
tables are emptied), generates the data set (``tests/bench/figures_data.py``: at scale 1,
1,000,000 mothers, 500,000 children, 600,000 pairs, 10,000 sessions, 2,000,000 visits;
``--reuse`` keeps the one already there), prints the database's size on disk, then renders
``/admin/people/figures/`` in-process as city staff (every county) and as one county's
coordinator: one warm-up, then the median of 5. The last line is

    mothers=<n> children=<n> visits=<n> generate_s=<…> city_ms=<…> county_ms=<…>

The city's page reads the snapshot of every county's figures (``figures.snapshots``), which
the beat job ``refresh-city-figures`` counts again every ``FIGURES_CITY_MAX_AGE`` seconds (the
warm-up request counts the first one); the line before the last, ``city_count_ms=…``, is what
that count costs (the median of 3 counts), i.e. what the city's page would take if it counted
live. A county's page counts live.

Measured on the shared 2-core box (PostgreSQL defaults, work_mem 4 MB), 50 counties, at scale
1 (database 1,311 MB, other work running): generate_s=147, city_count_ms=2458 (the visits per
month of the year alone read about 920,000 visits), city_ms=84, county_ms=512.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._server import bench_environment, manage, setup_django

URL = "/admin/people/figures/"
RUNS = 5


def prepare() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point at a scratch PostgreSQL database")
    tmp = tempfile.mkdtemp(prefix="aixin-figures-bench-")
    env = bench_environment(Path(tmp))
    env["MEDIA_ROOT"] = str(Path(tmp) / "media")
    manage(env, ["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"])
    setup_django(env)


def bench_user(group: str, county=None):
    """A member of staff of ``group`` (a coordinator of ``county``), new on every run."""
    import uuid

    from django.contrib.auth.models import Group

    from people.models import CountyAssignment, User

    user = User.objects.create_user(username=f"bench-{uuid.uuid4().hex[:12]}", name="统计")
    user.groups.add(Group.objects.get(name=group))
    if county is not None:
        CountyAssignment.objects.create(user=user, county=county)
    return user


def signed_in_client(user):
    from django.test import Client

    from tests.makers import sign_in_with_second_factor, with_totp

    client = Client(HTTP_HOST="127.0.0.1")
    return sign_in_with_second_factor(client, with_totp(user))


def median_ms(client, url: str) -> float:
    response = client.get(url)  # warm-up
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def city_count_ms() -> float:
    """What counting every county's figures of this year costs (the background refresh)."""
    from django.utils import timezone

    from figures.snapshots import city_snapshot_refresh, this_year

    start, end = this_year(timezone.localdate())
    times = []
    for _ in range(3):
        started = time.perf_counter()
        city_snapshot_refresh(start=start, end=end)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--counties", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep the data set already there")
    args = parser.parse_args()
    prepare()

    from django.db import connection

    from cms.models import County
    from pairs.models import Visit
    from people.models import Child, Volunteer
    from people.roles import CITY_STAFF_GROUP, COORDINATOR_GROUP
    from tests.bench.figures_data import build

    generate_s = 0.0 if args.reuse else build(args.scale, args.counties)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        print(f"database size on disk: {cursor.fetchone()[0]}")
    county = County.objects.filter(slug="bench-1").first() or County.objects.first()
    city_ms = median_ms(signed_in_client(bench_user(CITY_STAFF_GROUP)), URL)
    county_ms = median_ms(signed_in_client(bench_user(COORDINATOR_GROUP, county)), URL)
    print(f"city_count_ms={city_count_ms():.0f}")
    print(
        f"mothers={Volunteer.objects.count()} children={Child.objects.count()} "
        f"visits={Visit.objects.count()} generate_s={generate_s:.1f} "
        f"city_ms={city_ms:.0f} county_ms={county_ms:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
