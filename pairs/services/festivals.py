"""The festivals a visit is due for, kept by city staff."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pairs.models import Festival
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import is_city_staff


def _check(actor: User) -> None:
    if not is_city_staff(actor):
        raise DomainError(_("Only the city staff keep the festivals."))


@transaction.atomic
def festival_save(
    *, actor: User, name: str, date: date, festival: Festival | None = None
) -> Festival:
    """Add a festival (``festival`` None) or change one."""
    _check(actor)
    festival = festival or Festival()
    festival.name = name.strip()
    festival.date = date
    try:
        with transaction.atomic():
            festival.save()
    except IntegrityError as error:
        raise DomainError(_("There is already a festival on this day."), field="date") from error
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=festival)
    return festival


@transaction.atomic
def festival_delete(*, actor: User, festival: Festival) -> None:
    _check(actor)
    if festival.visits.exists():
        raise DomainError(_("Visits were logged for this festival; it cannot be deleted."))
    audit_record(actor=actor, action=AuditEntry.Action.DELETE, obj=festival)
    festival.delete()
