"""Receivers (connected in ``PairsConfig.ready``): a person leaving ends her pairs; a pair
ending is told to the child's family.

The people side announces a person leaving (``people.domain_signals``) without knowing pairs
exist; ending a pair in turn sends ``pair_ended``, for the bookings side (which cancels the
pair's 亲子 bookings still to come) and for the family's notice below."""

from contextvars import ContextVar

from django.dispatch import receiver

from pairs.domain_signals import pair_ended
from pairs.models import Pair
from pairs.services import pair_end
from people.domain_signals import child_leaving, volunteer_leaving
from people.models import Child, Notification
from people.services.notifications import notification_record


@receiver(volunteer_leaving, dispatch_uid="pairs_volunteer_leaving")
def end_volunteers_pairs(sender, volunteer, note: str, **kwargs) -> None:
    for pair in Pair.objects.filter(mother=volunteer).active():
        pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOTHER_WITHDREW, note=note)


# Set while a child's record is being removed: her family is not told that her pairs end.
_record_removed: ContextVar[bool] = ContextVar("record_removed", default=False)


@receiver(child_leaving, dispatch_uid="pairs_child_leaving")
def end_childs_pairs(sender, child, note: str, **kwargs) -> None:
    token = _record_removed.set(True)
    try:
        for pair in Pair.objects.filter(child=child).active().select_related("mother"):
            pair_end(actor=None, pair=pair, reason=Pair.EndReason.OTHER, note=note)
    finally:
        _record_removed.reset(token)


@receiver(pair_ended, dispatch_uid="pairs_tell_the_family")
def tell_the_family(sender, pair: Pair, **kwargs) -> None:
    """The guardian with an account is told (recorded with the ending, sent once it is
    committed); not when the child's record is being removed (by her or by staff)."""
    if _record_removed.get():
        return
    pair = Pair.objects.select_related("child__guardian", "mother").get(pk=pair.pk)
    child: Child = pair.child
    if child.guardian is None:
        return
    notification_record(
        user=child.guardian,
        kind=Notification.Kind.PAIR_ENDED,
        subject_key=f"pair:{pair.pk}",
        context={
            "pair_id": pair.pk,
            "details": "pairs.services.notices.pair_details",
            "date": pair.ended_on.isoformat(),
            "reason": str(pair.get_end_reason_display()),
        },
        county_id=pair.county_id,
    )
