"""A person's own rights: deleting her account."""

from django.db import transaction
from django.utils.translation import gettext as _

from enrollment.domain_signals import volunteer_leaving
from enrollment.models import Pair, User, Volunteer
from enrollment.services.children import child_anonymise
from enrollment.services.pairs import pair_end


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account. Her children's records are anonymised (counts stay), her pairs end,
    her application is withdrawn and stripped; the user row goes."""
    for child in user.children.all():
        child_anonymise(child=child)
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is not None:
        volunteer_leaving.send(Volunteer, volunteer=volunteer, note=str(_("Account deleted.")))
        for pair in volunteer.pairs.filter(status=Pair.Status.ACTIVE):
            pair_end(
                actor=None,
                pair=pair,
                reason=Pair.EndReason.MOTHER_WITHDREW,
                note=str(_("Account deleted.")),
            )
        if volunteer.pairs.exists() or volunteer.bookings.exists():
            # Pairs and bookings are history and keep pointing at her record, stripped of
            # personal data.
            volunteer.status = Volunteer.Status.WITHDRAWN
            volunteer.name = str(_("(deleted)"))
            volunteer.phone = "+8613800000000"
            volunteer.availability = ""
            volunteer.workplace = ""
            volunteer.user = None
            volunteer.save()
        else:
            volunteer.delete()
    user.delete()
