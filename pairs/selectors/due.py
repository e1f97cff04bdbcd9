"""What is due on a pair (三必访): a regular visit every ``PAIRS_VISIT_EVERY_WEEKS`` weeks, a
birthday visit in the week before the child's birthday, a festival visit before each
festival, and a visit within ``PAIRS_CONCERN_VISIT_DAYS`` of a concern raised on the pair.

``due_on_pair`` is pure date logic on plain values (unit-tested with a table);
``due_by_pair`` loads what it needs for many pairs in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pairs.models import Festival, Pair, PairConcern, Visit, VisitKind

BIRTHDAY_WINDOW_DAYS = 7  # a birthday visit is due in the week before the birthday
FESTIVAL_WINDOW_DAYS = 14  # a festival visit is due in the two weeks before the festival
REGULAR_NOTICE_DAYS = 7  # the regular visit shows as due a week before its date
LATE_DAYS = 30  # a missed birthday or festival stays overdue this long, then lapses


@dataclass(frozen=True)
class VisitDone:
    visited_on: date
    kind: str
    festival_id: int | None = None


@dataclass(frozen=True)
class FestivalDay:
    id: int
    name: str
    date: date


@dataclass(frozen=True)
class DueItem:
    """A visit due on a pair: what for, by when, and the kind (and festival) to log it as."""

    reason: str  # "regular", "birthday", "festival", "concern"
    due_by: date
    visit_kind: str
    label: str
    festival_id: int | None = None
    overdue: bool = False


def birthday_in(year: int, born: date) -> date:
    """Her birthday in ``year`` (29 February: 28 February in other years)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return born.replace(year=year, day=28)


def due_on_pair(
    *,
    today: date,
    started_on: date,
    date_of_birth: date | None,
    visits: list[VisitDone],
    festivals: list[FestivalDay],
    open_concerns: list[tuple[str, date]],
    every_weeks: int,
    concern_days: int,
) -> list[DueItem]:
    """The visits due (or overdue) on one pair today, soonest first."""
    items = []
    last = max((v.visited_on for v in visits), default=None)
    regular_by = (last or started_on) + timedelta(weeks=every_weeks)
    if today >= regular_by - timedelta(days=REGULAR_NOTICE_DAYS):
        items.append(DueItem("regular", regular_by, VisitKind.HOME, _("Regular visit"), None))
    if date_of_birth is not None:
        for year in (today.year - 1, today.year, today.year + 1):
            birthday = birthday_in(year, date_of_birth)
            opens = birthday - timedelta(days=BIRTHDAY_WINDOW_DAYS)
            if not (opens <= today <= birthday + timedelta(days=LATE_DAYS)):
                continue
            if birthday < started_on:
                continue
            if not any(
                v.kind == VisitKind.BIRTHDAY
                and opens <= v.visited_on <= birthday + timedelta(days=LATE_DAYS)
                for v in visits
            ):
                items.append(DueItem("birthday", birthday, VisitKind.BIRTHDAY, _("Birthday")))
    for festival in festivals:
        opens = festival.date - timedelta(days=FESTIVAL_WINDOW_DAYS)
        if not (opens <= today <= festival.date + timedelta(days=LATE_DAYS)):
            continue
        if festival.date < started_on:
            continue
        if not any(
            v.kind == VisitKind.FESTIVAL
            and (
                v.festival_id == festival.id
                or opens <= v.visited_on <= festival.date + timedelta(days=LATE_DAYS)
            )
            for v in visits
        ):
            items.append(
                DueItem("festival", festival.date, VisitKind.FESTIVAL, festival.name, festival.id)
            )
    for kind, raised_on in open_concerns:
        label = dict(PairConcern.Kind.choices)[kind]
        items.append(DueItem("concern", raised_on + timedelta(days=concern_days), kind, label))
    items = [
        DueItem(i.reason, i.due_by, i.visit_kind, str(i.label), i.festival_id, today > i.due_by)
        for i in items
    ]
    return sorted(items, key=lambda item: item.due_by)


def due_by_pair(pairs: QuerySet[Pair], today: date) -> dict[int, tuple[Pair, list[DueItem]]]:
    """For each active pair of ``pairs``: the pair (with its mother and child) and what is due
    on it. Five queries whatever the number of pairs; the children's dates of birth are
    decrypted in memory."""
    pairs = pairs.active()
    ids = pairs.values("pk")
    pairs = list(
        pairs.select_related("mother", "child", "county")
        .annotate(last_visit_on=Max("visits__visited_on"))
        .order_by("pk")
    )
    festivals = [
        FestivalDay(f.pk, f.name, f.date)
        for f in Festival.objects.filter(
            date__gte=today - timedelta(days=LATE_DAYS),
            date__lte=today + timedelta(days=FESTIVAL_WINDOW_DAYS),
        )
    ]
    occasions = defaultdict(list)
    for pair_id, visited_on, kind, festival_id in Visit.objects.filter(
        pair_id__in=ids,
        kind__in=[VisitKind.BIRTHDAY, VisitKind.FESTIVAL],
        visited_on__gte=today - timedelta(days=BIRTHDAY_WINDOW_DAYS + LATE_DAYS + 366),
    ).values_list("pair_id", "visited_on", "kind", "festival_id"):
        occasions[pair_id].append(VisitDone(visited_on, kind, festival_id))
    concerns = defaultdict(list)
    for pair_id, kind, raised_at in (
        PairConcern.objects.open()
        .filter(pair_id__in=ids)
        .values_list("pair_id", "kind", "raised_at")
    ):
        concerns[pair_id].append((kind, timezone.localdate(raised_at)))
    result = {}
    for pair in pairs:
        visits = list(occasions[pair.pk])
        if pair.last_visit_on:
            visits.append(VisitDone(pair.last_visit_on, VisitKind.HOME))
        result[pair.pk] = (
            pair,
            due_on_pair(
                today=today,
                started_on=pair.started_on,
                date_of_birth=pair.child.date_of_birth,
                visits=visits,
                festivals=festivals,
                open_concerns=concerns[pair.pk],
                every_weeks=settings.PAIRS_VISIT_EVERY_WEEKS,
                concern_days=settings.PAIRS_CONCERN_VISIT_DAYS,
            ),
        )
    return result
