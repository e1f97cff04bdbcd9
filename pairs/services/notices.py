"""The notices of the pairs side, recorded in the outbox by the daily and weekly jobs.

- Visit due / overdue (the mother): one notice per pair, reason and due date, and one more
  when it becomes overdue; the version is the due date, so the next visit due is a new
  notice while running the job every day (or twice) tells her once.
- The child's first name is read when the notice is sent (``pair_details``), not copied into
  the outbox.
- The weekly digest (each county coordinator): her county's overdue visits per mother and
  the pairs flagged for a decision (动态管理); the version is the ISO week."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from pairs.models import AdjustmentFlag, Pair
from pairs.selectors.due import due_by_pair
from pairs.selectors.overdue import overdue_groups
from people.models import CountyAssignment, Notification
from people.services.notifications import notification_record


def pair_details(context: dict) -> dict:
    """At sending time: the child's first name and the mother's name (not kept in the
    outbox, whose rows are not encrypted)."""
    pair = Pair.objects.select_related("child", "mother").filter(pk=context["pair_id"]).first()
    if pair is None:
        return {"child": "", "mother": ""}
    return {"child": pair.child.first_name, "mother": pair.mother.name}


@transaction.atomic
def visit_notices_record(*, today: date | None = None) -> int:
    """For the daily job: tell each mother of the visits due and overdue on her pairs."""
    today = today or timezone.localdate()
    pairs = Pair.objects.filter(mother__user__isnull=False).select_related("mother__user")
    users = {p.pk: p.mother.user for p in pairs}
    recorded = 0
    for pair, items in due_by_pair(pairs, today).values():
        for item in items:
            kind = Notification.Kind.VISIT_OVERDUE if item.overdue else Notification.Kind.VISIT_DUE
            made = notification_record(
                user=users.get(pair.pk),
                kind=kind,
                subject_key=f"pair:{pair.pk}:{item.reason}:{item.festival_id or ''}",
                version=item.due_by.isoformat(),
                context={
                    "pair_id": pair.pk,
                    "details": "pairs.services.notices.pair_details",
                    "label": str(item.label),
                    "due_by": item.due_by.isoformat(),
                },
                county_id=pair.county_id,
            )
            recorded += made is not None
    return recorded


@transaction.atomic
def digests_record(*, today: date | None = None) -> int:
    """For the weekly job: one digest per coordinator and week."""
    today = today or timezone.localdate()
    year, week, _day = today.isocalendar()
    recorded = 0
    assignments = CountyAssignment.objects.select_related("user", "county")
    for assignment in assignments:
        by_mother, _townships = overdue_groups(assignment.user, today, assignment.county_id)
        flagged = AdjustmentFlag.objects.filter(
            county_id=assignment.county_id, status=AdjustmentFlag.Status.OPEN
        ).count()
        if not by_mother and not flagged:
            continue
        made = notification_record(
            user=assignment.user,
            kind=Notification.Kind.DIGEST,
            subject_key=f"county:{assignment.county_id}",
            version=f"{year}-W{week:02d}",
            context={
                "county": assignment.county.name,
                "week": f"{year}-W{week:02d}",
                "mothers": [
                    {"name": g.label, "visits": g.visits, "oldest": g.oldest.isoformat()}
                    for g in by_mother[:30]
                ],
                "overdue_visits": sum(g.visits for g in by_mother),
                "overdue_mothers": len(by_mother),
                "flagged": flagged,
            },
            county_id=assignment.county_id,
        )
        recorded += made is not None
    return recorded
