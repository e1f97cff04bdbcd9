"""Generates a national-scale data set for the figures benchmark on PostgreSQL, in SQL
(``INSERT … SELECT generate_series``), not the ORM per row.

    DATABASE_URL=postgres://… python tests/bench/figures_data.py [--scale 1.0] [--counties 50]

At scale 1: 1,000,000 mothers, 500,000 children, 600,000 pairs (the 100,000 second pairs and
most first pairs of the other children active), 10,000 sessions (half trainings, half summer
classes, 20 bookings each, 4 in 5 present) and 2,000,000 visits over the last two years.
The children's encrypted fields hold one shared pre-encrypted value. It empties the tables it
fills first (``TRUNCATE … RESTART IDENTITY CASCADE``): point it at a scratch database.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

FULL = {"mothers": 1_000_000, "children": 500_000, "pairs": 600_000, "sessions": 10_000}
FULL["visits"] = 2_000_000
COURSES = 20  # of each kind
BOOKINGS_PER_SESSION = 20
TABLES = (
    "enrollment_booking",
    "pairs_visit",
    "pairs_pair",
    "people_child",
    "people_volunteer",
    "courses_session",
)


def sizes(scale: float) -> dict[str, int]:
    return {name: max(1, int(n * scale)) for name, n in FULL.items()}


def counties_and_venues(count: int) -> tuple[list[int], list[int]]:
    from cms.models import County
    from courses.models import Venue

    counties = [
        County.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"县{n:03d}"})[0]
        for n in range(count)
    ]
    venues = [
        Venue.objects.get_or_create(name=f"活动中心{c.pk}", county=c, defaults={"address": "-"})[0]
        for c in counties
    ]
    return [c.pk for c in counties], [v.pk for v in venues]


def course_pages(county_id: int) -> list[int]:
    from cms.models import County
    from courses.models import SummerClassPage, TrainingCoursePage
    from tests import factories

    county = County.objects.get(pk=county_id)

    def made(model, factory):
        pages = list(model.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
        for n in range(len(pages), COURSES):
            kind = model.__name__.lower()
            stage = ("basic", "advanced", "special")[n % 3]
            extra = {"stage": stage, "required_sessions": 1} if "training" in kind else {}
            pages.append(
                factory(slug=f"bench-{kind}-{n}", cover_image=None, county=county, **extra).pk
            )
        return pages

    return made(TrainingCoursePage, factories.TrainingCoursePageFactory) + made(
        SummerClassPage, factories.SummerClassPageFactory
    )


def encrypted(value: str) -> str:
    from django.db import connection

    from people.models import Child

    return Child._meta.get_field("name").get_db_prep_save(value, connection)


def generate(n: dict[str, int], county_ids: list[int], venue_ids: list[int], pages: list[int]):
    from django.db import connection

    c = len(county_ids)
    counties = f"ARRAY{county_ids}::bigint[]"
    venues = f"ARRAY{venue_ids}::bigint[]"
    courses = f"ARRAY{pages}::bigint[]"
    sectors = "ARRAY['education','health','police','community','enterprise','other']"
    statuses = "ARRAY['approved','approved','approved','approved','approved','approved','approved','submitted','declined','withdrawn']"
    categories = "ARRAY['left_behind','left_behind','in_difficulty','de_facto_unsupported','scattered_orphan','disabled']"
    reasons = "ARRAY['over_age','no_longer_eligible','moved','guardianship_changed','mother_withdrew','rematched','other']"
    kinds = "ARRAY['home','home','call','call','birthday','festival','school']"
    name, born = encrypted("小明"), encrypted("2015-06-01")
    children, pairs = n["children"], n["pairs"]
    statements = [
        f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE",
        f"""INSERT INTO people_volunteer (name, phone, county_id, township, sector, workplace,
            max_children, availability, status, status_message, submitted_at, reviewed_at)
            SELECT '妈妈' || g, '+8613800138000', ({counties})[1 + g % {c}], '城北街道',
                ({sectors})[1 + g % 6], '', 2, '', ({statuses})[1 + g % 10], '',
                now() - (g % 1500) * interval '1 day', now() - (g % 1400) * interval '1 day'
            FROM generate_series(1, {n["mothers"]}) g""",  # noqa: S608 (numbers only)
        f"""INSERT INTO people_child (name, date_of_birth, identity_hash, name_hash, id_number_hash,
            gender, birth_year, county_id, township, school_stage, category, family_court_case,
            relationship, source, created_at, updated_at)
            SELECT %s, %s, md5(g::text), md5('n' || g::text), '', 'boy', 2015, ({counties})[1 + g % {c}], '城北街道',
                'primary', ({categories})[1 + g % 6], false, '', 'ledger', now(), now()
            FROM generate_series(1, {children}) g""",  # noqa: S608 (numbers only)
        # Pair i's child: 1 + (i - 1) % children. A child's first pair ends when it gets a
        # second one; of the others, 8 in 10 are active.
        f"""INSERT INTO pairs_pair (mother_id, child_id, county_id, status, child_category,
            started_on, ended_on, end_reason, end_note)
            SELECT 1 + (i * 7) % {n["mothers"]}, k, ({counties})[1 + k % {c}],
                CASE WHEN active THEN 'active' ELSE 'ended' END,
                ({categories})[1 + k % 6],
                current_date - 30 - i % 1500,
                CASE WHEN active THEN NULL ELSE current_date - i % 30 END,
                CASE WHEN active THEN '' ELSE ({reasons})[1 + i % 7] END, ''
            FROM (SELECT i, 1 + (i - 1) % {children} AS k,
                         (i > {children} OR (i > {pairs} - {children} AND i % 10 < 8)) AS active
                  FROM generate_series(1, {pairs}) i) s""",  # noqa: S608 (numbers only)
        f"""INSERT INTO pairs_visit (pair_id, county_id, visited_on, kind, created_at,
            client_token)
            SELECT p.id, p.county_id, current_date - g % 730, ({kinds})[1 + g % 7], now(),
                gen_random_uuid()
            FROM generate_series(1, {n["visits"]}) g
            JOIN pairs_pair p ON p.id = 1 + g % {pairs}""",  # noqa: S608 (numbers only)
        f"""INSERT INTO courses_session (course_id, title, start, "end", venue_id, capacity,
            is_cancelled, seats_taken, uid, updated_at, sequence)
            SELECT ({courses})[1 + g % {len(pages)}], '',
                date_trunc('day', now()) - (g % 700) * interval '1 day' + interval '9 hours',
                date_trunc('day', now()) - (g % 700) * interval '1 day' + interval '11 hours',
                ({venues})[1 + g % {c}], 30, g % 50 = 0, {BOOKINGS_PER_SESSION}, gen_random_uuid(),
                now(), 0
            FROM generate_series(1, {n["sessions"]}) g""",  # noqa: S608 (numbers only)
        f"""INSERT INTO enrollment_booking (session_id, kind, volunteer_id, seats, status,
            created_at, attendance, check_in_token)
            SELECT s.id, 'mother', 1 + (s.id * {BOOKINGS_PER_SESSION} + k) % {n["mothers"]}, 1,
                'confirmed', s.start - interval '2 days',
                CASE WHEN k % 5 < 4 THEN 'present' ELSE 'absent' END, gen_random_uuid()
            FROM courses_session s, generate_series(0, {BOOKINGS_PER_SESSION - 1}) k
            WHERE s.course_id = ANY({courses})""",  # noqa: S608 (numbers only)
        # As autovacuum leaves tables in use: statistics, and the visibility map set so that
        # counts can be answered from an index alone.
        "VACUUM ANALYZE",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            started = time.perf_counter()
            if "people_child" in sql[:40]:  # the one statement with parameters
                cursor.execute(sql.replace(" % ", " %% "), [name, born])
            else:
                cursor.execute(sql)
            print(
                f"  {sql.split()[0]} {sql.split()[2] if len(sql.split()) > 2 else ''}"
                f" {time.perf_counter() - started:.1f}s",
                file=sys.stderr,
            )


def build(scale: float, county_count: int) -> float:
    """Generate the data set; the seconds it took."""
    started = time.perf_counter()
    county_ids, venue_ids = counties_and_venues(county_count)
    generate(sizes(scale), county_ids, venue_ids, course_pages(county_ids[0]))
    return time.perf_counter() - started


def main() -> int:
    from tests.bench.dashboard import prepare

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--counties", type=int, default=50)
    args = parser.parse_args()
    prepare()
    print(f"generate_s={build(args.scale, args.counties):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
