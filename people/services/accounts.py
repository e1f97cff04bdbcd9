"""A person's own rights: deleting her account."""

from django.db import transaction
from django.utils.translation import gettext as _

from people.domain_signals import volunteer_leaving
from people.models import User, Volunteer
from people.services.children import child_anonymise


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account. Her children's records are anonymised (counts stay), her pairs end,
    her application is withdrawn and stripped; the user row goes."""
    for child in user.children.all():
        child_anonymise(child=child)
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is not None:
        # Her pairs end and her bookings still to come are released (``pairs.signals``,
        # ``enrollment.signals``).
        volunteer_leaving.send(Volunteer, volunteer=volunteer, note=str(_("Account deleted.")))
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
