"""动态管理: the daily check flags active pairs for the coordinator's decision; she keeps the
pair or ends it with the flag's reason. The check itself changes nothing but flags."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pairs.models import AdjustmentFlag, Pair
from pairs.selectors.adjustments import pairs_to_flag
from pairs.services.pairs import pair_end
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import may_manage_county

END_REASONS = {
    AdjustmentFlag.Reason.OVER_AGE: Pair.EndReason.OVER_AGE,
    AdjustmentFlag.Reason.CATEGORY_CHANGED: Pair.EndReason.NO_LONGER_ELIGIBLE,
    AdjustmentFlag.Reason.MOVED: Pair.EndReason.MOVED,
}


@transaction.atomic
def adjustments_check(*, today: date | None = None) -> list[AdjustmentFlag]:
    """Flag every active pair that needs a decision and has no open flag for that reason
    yet; return the new flags. Running it twice adds nothing."""
    today = today or timezone.localdate()
    created = []
    for pair, reason in pairs_to_flag(today):
        try:
            with transaction.atomic():
                created.append(
                    AdjustmentFlag.objects.create(
                        pair=pair, county_id=pair.county_id, reason=reason, detected_on=today
                    )
                )
        except IntegrityError:
            continue  # flagged meanwhile by another run
    return created


def _open_flag(actor: User, flag: AdjustmentFlag) -> AdjustmentFlag:
    if not may_manage_county(actor, flag.county_id):
        raise DomainError(_("You can only manage pairs in your own county."))
    flag = AdjustmentFlag.objects.select_for_update().select_related("pair").get(pk=flag.pk)
    if flag.status != AdjustmentFlag.Status.OPEN:
        raise DomainError(_("This flag has already been decided."))
    return flag


def _decide(actor: User, flag: AdjustmentFlag, status: str) -> None:
    flag.status = status
    flag.decided_by = actor
    flag.decided_at = timezone.now()
    flag.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor, action=AuditEntry.Action.UPDATE, obj=flag, detail=f"{flag.reason}: {status}"
    )


@transaction.atomic
def adjustment_keep(*, actor: User, flag: AdjustmentFlag) -> AdjustmentFlag:
    """The coordinator keeps the pair despite the flag."""
    flag = _open_flag(actor, flag)
    _decide(actor, flag, AdjustmentFlag.Status.KEPT)
    return flag


@transaction.atomic
def adjustment_end_pair(*, actor: User, flag: AdjustmentFlag, note: str = "") -> AdjustmentFlag:
    """End the flagged pair with the flag's reason; the pair's other open flags go with it."""
    flag = _open_flag(actor, flag)
    if flag.pair.status == Pair.Status.ACTIVE:
        pair_end(actor=actor, pair=flag.pair, reason=END_REASONS[flag.reason], note=note)
    _decide(actor, flag, AdjustmentFlag.Status.ENDED)
    AdjustmentFlag.objects.filter(pair=flag.pair, status=AdjustmentFlag.Status.OPEN).update(
        status=AdjustmentFlag.Status.ENDED, decided_by=actor, decided_at=timezone.now()
    )
    return flag
