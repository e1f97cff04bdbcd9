"""Receivers (connected in ``PairsConfig.ready``): a person leaving ends her pairs.

The people side announces it (``people.domain_signals``) without knowing pairs exist; ending
a pair in turn sends ``pair_ended``, for the bookings side."""

from django.dispatch import receiver

from pairs.models import Pair
from pairs.services import pair_end
from people.domain_signals import child_leaving, volunteer_leaving


@receiver(volunteer_leaving, dispatch_uid="pairs_volunteer_leaving")
def end_volunteers_pairs(sender, volunteer, note: str, **kwargs) -> None:
    for pair in Pair.objects.filter(mother=volunteer).active():
        pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOTHER_WITHDREW, note=note)


@receiver(child_leaving, dispatch_uid="pairs_child_leaving")
def end_childs_pairs(sender, child, note: str, **kwargs) -> None:
    for pair in Pair.objects.filter(child=child).active().select_related("mother"):
        pair_end(actor=None, pair=pair, reason=Pair.EndReason.OTHER, note=note)
