"""社会捐赠: recording, changing and deleting a donation, and the goods given from it to
pairs. A coordinator keeps her county's donations, city staff every county's."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import County
from pairs.models import Donation, DonationGift, Pair
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import may_manage_county


@dataclass(frozen=True)
class GiftLine:
    pair: Pair
    what: str
    value: Decimal = Decimal("0")


def _check(
    *, actor: User, county: County, kind: str, value: Decimal, gifts: Sequence[GiftLine]
) -> None:
    if not may_manage_county(actor, county.pk):
        raise DomainError(_("You may only record donations of your own county."), field="county")
    if value is None or value < 0:
        raise DomainError(_("The value cannot be negative."), field="value")
    if gifts and kind != Donation.Kind.GOODS:
        raise DomainError(_("Only goods can be given to pairs."), field="kind")
    for gift in gifts:
        if gift.pair.county_id != county.pk:
            raise DomainError(_("A gift can only go to a pair of the donation's county."))
        if not gift.what.strip():
            raise DomainError(_("Say what was given."))
        if gift.value < 0:
            raise DomainError(_("The value cannot be negative."))


def _set_gifts(donation: Donation, gifts: Sequence[GiftLine]) -> None:
    donation.gifts.all().delete()
    DonationGift.objects.bulk_create(
        DonationGift(donation=donation, pair=g.pair, what=g.what.strip(), value=g.value)
        for g in gifts
    )


@transaction.atomic
def donation_record(
    *,
    actor: User,
    donor: str,
    donor_kind: str,
    date: date,
    kind: str,
    value: Decimal,
    county: County,
    description: str = "",
    session=None,
    course=None,
    gifts: Sequence[GiftLine] = (),
) -> Donation:
    """Record a donation (and, for goods, what was given to which pairs)."""
    _check(actor=actor, county=county, kind=kind, value=value, gifts=gifts)
    donation = Donation.objects.create(
        donor=donor.strip(),
        donor_kind=donor_kind,
        date=date,
        kind=kind,
        value=value,
        county=county,
        description=description.strip(),
        session=session,
        course=course,
        recorded_by=actor,
    )
    _set_gifts(donation, gifts)
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=donation)
    return donation


@transaction.atomic
def donation_update(
    *,
    actor: User,
    donation: Donation,
    donor: str,
    donor_kind: str,
    date: date,
    kind: str,
    value: Decimal,
    county: County,
    description: str = "",
    session=None,
    course=None,
    gifts: Sequence[GiftLine] | None = None,
) -> Donation:
    """Change a donation; ``gifts`` None keeps its gifts, a sequence replaces them."""
    if not may_manage_county(actor, donation.county_id):
        raise DomainError(_("You may only change donations of your own county."))
    kept = list(donation.gifts.select_related("pair")) if gifts is None else None
    lines = gifts if gifts is not None else [GiftLine(g.pair, g.what, g.value) for g in kept]
    _check(actor=actor, county=county, kind=kind, value=value, gifts=lines)
    donation.donor = donor.strip()
    donation.donor_kind = donor_kind
    donation.date = date
    donation.kind = kind
    donation.value = value
    donation.county = county
    donation.description = description.strip()
    donation.session = session
    donation.course = course
    donation.save()
    if gifts is not None:
        _set_gifts(donation, gifts)
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=donation)
    return donation


@transaction.atomic
def donation_delete(*, actor: User, donation: Donation) -> None:
    if not may_manage_county(actor, donation.county_id):
        raise DomainError(_("You may only delete donations of your own county."))
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=donation)
    donation.delete()


@transaction.atomic
def donation_gifts_edit(
    *,
    actor: User,
    donation: Donation,
    add: Sequence[GiftLine] = (),
    remove: Sequence[DonationGift] = (),
) -> Donation:
    """Give more of a donation's goods to pairs (``add``), or take gifts off it (``remove``,
    a mistake corrected)."""
    if not may_manage_county(actor, donation.county_id):
        raise DomainError(_("You may only change donations of your own county."))
    county = donation.county
    _check(actor=actor, county=county, kind=donation.kind, value=donation.value, gifts=add)
    if any(gift.donation_id != donation.pk for gift in remove):
        raise DomainError(_("This gift is not one of this donation's."))
    DonationGift.objects.filter(pk__in=[gift.pk for gift in remove]).delete()
    DonationGift.objects.bulk_create(
        DonationGift(donation=donation, pair=g.pair, what=g.what.strip(), value=g.value)
        for g in add
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=donation,
        detail=f"gifts: {len(add)} added, {len(remove)} removed",
    )
    return donation
