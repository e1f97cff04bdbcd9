"""Receivers (connected in ``PairsConfig.ready``): a person leaving ends her pairs; a pair
ending is told to the child's family.

The people side announces a person leaving (``people.domain_signals``) without knowing pairs
exist; ending a pair in turn sends ``pair_ended``, for the bookings side (which cancels the
pair's 亲子 bookings still to come) and for the family's notice below."""

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from pairs.domain_signals import pair_ended
from pairs.models import Pair
from pairs.services import pair_end
from people.domain_signals import child_leaving, volunteer_leaving
from people.models import Child
from people.notifications import notify_user


@receiver(volunteer_leaving, dispatch_uid="pairs_volunteer_leaving")
def end_volunteers_pairs(sender, volunteer, note: str, **kwargs) -> None:
    for pair in Pair.objects.filter(mother=volunteer).active():
        pair_end(actor=None, pair=pair, reason=Pair.EndReason.MOTHER_WITHDREW, note=note)


@receiver(child_leaving, dispatch_uid="pairs_child_leaving")
def end_childs_pairs(sender, child, note: str, **kwargs) -> None:
    for pair in Pair.objects.filter(child=child).active().select_related("mother"):
        pair_end(actor=None, pair=pair, reason=Pair.EndReason.OTHER, note=note)


@receiver(pair_ended, dispatch_uid="pairs_tell_the_family")
def tell_the_family(sender, pair: Pair, **kwargs) -> None:
    """The guardian with an account is told, once the ending is committed; not when she
    removed the child's record herself (the record has no guardian by then)."""
    transaction.on_commit(lambda: notify_family(pair.pk))


def notify_family(pair_id: int) -> None:
    pair = Pair.objects.select_related("child__guardian", "mother").get(pk=pair_id)
    child: Child = pair.child
    if child.guardian is None:
        return
    notify_user(
        child.guardian,
        subject=_("The pairing with a caring mother has ended"),
        message=_(
            "The pairing of %(child)s with the caring mother %(mother)s ended on %(date)s "
            "(%(reason)s). Parent-child class bookings of the two still to come are "
            "cancelled. The women's federation of your county will contact you."
        )
        % {
            "child": child.first_name,
            "mother": pair.mother.name,
            "date": pair.ended_on.isoformat(),
            "reason": pair.get_end_reason_display(),
        },
    )
