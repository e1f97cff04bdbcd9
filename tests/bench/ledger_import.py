"""The ledger import figure: a generated 10,000-row children's ledger and its pairs' ledger,
imported twice into a scratch database.

    python tests/bench/ledger_import.py [--rows 10000]

Migrates a throwaway SQLite file (or the database of DATABASE_URL, if set), imports 2,000
caring mothers (setup, not timed), then times the import as a coordinator runs it: the
check of every row (the preview), then the import itself (``pairs.services.ledgers``, no
broker: in-process), for the children's file and then the pairs' file (one pair a child).
The same two files are then imported again. The last line is

    rows=<n> seconds=<first import> again_seconds=<second> created=<n> duplicates=<n>

``created`` counts the children and pairs the first import created, ``duplicates`` those
the second import created (it should create none).
"""

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._server import bench_environment, manage, setup_django

FAMILY = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "小明华丽芳军红梅兰英杰涛静洁敏燕霞平刚欣怡雨轩子涵浩宇梓萱若汐一诺思"
MOTHERS = 2000
STAGES = ["小学", "初中", "高中", "学前"]
CATEGORIES = ["留守儿童", "困境儿童", "事实无人抚养儿童"]


def generate(rows: int, seed: int = 11):
    """(mothers, children, pairs) rows in the federation's layout, all distinct."""
    from pairs.ledgers import layouts as L

    rng = random.Random(seed)
    today = dt.date.today()
    mothers = [
        {
            L.NAME: rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN),
            L.PHONE: f"139{n:08d}",
            L.TOWNSHIP: f"第{n % 12 + 1}街道",
            L.WORKPLACE: "城北小学",
            L.SECTOR: "教育系统",
            L.MAX_CHILDREN: 5,
        }
        for n in range(MOTHERS)
    ]
    children, pairs, seen = [], [], set()
    while len(children) < rows:
        name = rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN)
        dob = today - dt.timedelta(days=rng.randint(3 * 365, 16 * 365))
        if (name, dob) in seen:
            continue
        seen.add((name, dob))
        n = len(children)
        children.append(
            {
                L.NAME: name,
                L.GENDER: rng.choice("男女"),
                L.DATE_OF_BIRTH: dob,
                L.TOWNSHIP: f"第{n % 12 + 1}街道",
                L.ADDRESS: f"幸福村{n}号",
                L.CATEGORY: rng.choice(CATEGORIES),
                L.SCHOOL_STAGE: rng.choice(STAGES),
                L.GUARDIAN_NAME: rng.choice(FAMILY) + "奶奶",
                L.GUARDIAN_PHONE: f"138{n:08d}",
                L.RELATIONSHIP: "祖父母",
                L.NEEDS: "学业辅导、陪伴",
            }
        )
        pairs.append(
            {
                L.MOTHER_PHONE: f"139{n % MOTHERS:08d}",
                L.CHILD_NAME: name,
                L.CHILD_DATE_OF_BIRTH: dob,
                L.STARTED_ON: today - dt.timedelta(days=30),
            }
        )
    return mothers, children, pairs


def import_file(actor, county, kind: str, rows: list[dict]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pairs.ledgers.files import workbook
    from pairs.ledgers.kinds import IMPORTS
    from pairs.services.ledgers import (
        ledger_import_check,
        ledger_import_confirm,
        ledger_import_run,
    )

    columns = IMPORTS[kind].columns()
    data = workbook(columns, ([row.get(column, "") for column in columns] for row in rows))
    upload = SimpleUploadedFile(f"{kind}.xlsx", data)
    job = ledger_import_check(actor=actor, county=county, kind=kind, upload=upload)
    if job.errors:
        raise SystemExit(f"{kind}: {len(job.errors)} errors, first {job.errors[:3]}")
    ledger_import_confirm(actor=actor, job=job)
    return ledger_import_run(job_id=job.pk)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aixin-ledger-") as tmp:
        env = bench_environment(Path(tmp))
        env["PRIVATE_MEDIA_ROOT"] = str(Path(tmp) / "private")
        print(f"Preparing {env['DATABASE_URL']} (migrate)", file=sys.stderr)
        manage(env, ["migrate", "--noinput"])
        setup_django(env)
        from django.contrib.auth.models import Group

        from cms.models import County
        from people.models import User
        from people.roles import CITY_STAFF_GROUP

        county, _ = County.objects.get_or_create(slug="bench-ledger", defaults={"name": "台账县"})
        actor = User.objects.create_user(username=f"ledger-bench-{time.time_ns()}", name="市妇联")
        actor.groups.add(Group.objects.get(name=CITY_STAFF_GROUP))
        mothers, children, pairs = generate(args.rows)
        started = time.perf_counter()
        import_file(actor, county, "mothers", mothers)
        print(f"mothers: {len(mothers)} in {time.perf_counter() - started:.1f}s", file=sys.stderr)

        figures = []
        for attempt in ("first", "again"):
            started = time.perf_counter()
            created = 0
            for kind, rows in (("children", children), ("pairs", pairs)):
                part = time.perf_counter()
                job = import_file(actor, county, kind, rows)
                created += job.created_count
                print(
                    f"{attempt} {kind}: {job.total_rows} rows in {time.perf_counter() - part:.1f}s"
                    f" (created {job.created_count}, updated {job.updated_count},"
                    f" unchanged {job.skipped_count})",
                    file=sys.stderr,
                )
            figures.append((time.perf_counter() - started, created))
    (seconds, created), (again_seconds, duplicates) = figures
    print(
        f"rows={args.rows} seconds={seconds:.1f} again_seconds={again_seconds:.1f} "
        f"created={created} duplicates={duplicates}"
    )
    return 0 if duplicates == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
