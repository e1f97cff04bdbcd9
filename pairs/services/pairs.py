"""Pairs: a county coordinator pairs a caring mother with a child, and ends the pair."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pairs.domain_signals import pair_ended
from pairs.models import Pair
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, Child, User, Volunteer
from people.roles import is_city_staff, may_manage_county


def _check_scope(actor: User, county_id: int) -> None:
    if may_manage_county(actor, county_id):
        return
    raise DomainError(_("You can only manage pairs in your own county."))


@transaction.atomic
def pair_create(
    *, actor: User, mother: Volunteer, child: Child, started_on: date | None = None
) -> Pair:
    _check_scope(actor, child.county_id)
    mother = Volunteer.objects.select_for_update().get(pk=mother.pk)
    if mother.county_id != child.county_id and not is_city_staff(actor):
        # Pairs are matched close to where the child lives; pairing across counties is a
        # city-level decision.
        raise DomainError(
            _("This mother volunteers in another county; ask the city staff to pair them."),
            field="mother",
        )
    if not mother.is_approved:
        raise DomainError(_("Only an approved caring mother can be paired."), field="mother")
    if child.anonymised_at:
        raise DomainError(_("This child's record has been removed."), field="child")
    active = mother.pairs.filter(status=Pair.Status.ACTIVE).count()
    if active >= mother.max_children:
        raise DomainError(
            _("%(name)s already cares for %(count)d children, as many as she offered.")
            % {"name": mother.name, "count": active},
            field="mother",
        )
    started_on = started_on or timezone.localdate()
    if started_on > timezone.localdate():
        raise DomainError(_("A pair cannot start in the future."), field="started_on")
    try:
        with transaction.atomic():
            pair = Pair.objects.create(
                mother=mother,
                child=child,
                county_id=child.county_id,
                child_category=child.category,
                started_on=started_on,
                created_by=actor,
            )
    except IntegrityError as error:
        raise DomainError(
            _("This child already has an active caring mother."), field="child"
        ) from error
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=pair, children=1)
    return pair


@transaction.atomic
def pair_end(
    *, actor: User | None, pair: Pair, reason: str, note: str = "", ended_on: date | None = None
) -> Pair:
    """End a pair (never delete it). ``actor`` None means the system (e.g. anonymisation)."""
    if actor is not None:
        _check_scope(actor, pair.county_id)
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if pair.status == Pair.Status.ENDED:
        raise DomainError(_("This pair has already ended."))
    if reason not in Pair.EndReason.values:
        raise DomainError(_("Choose why the pair ends."), field="end_reason")
    note = (note or "").strip()
    if reason == Pair.EndReason.OTHER and not note:
        raise DomainError(_("Say why the pair ends."), field="note")
    ended_on = ended_on or timezone.localdate()
    if ended_on > timezone.localdate():
        # The pair ends now (the mother stops seeing the child); a later date would be false.
        raise DomainError(_("A pair cannot end in the future."), field="ended_on")
    if ended_on < pair.started_on:
        raise DomainError(_("A pair cannot end before it started."), field="ended_on")
    pair.status = Pair.Status.ENDED
    pair.ended_on = ended_on
    pair.end_reason = reason
    pair.end_note = note
    pair.ended_by = actor
    pair.save(update_fields=["status", "ended_on", "end_reason", "end_note", "ended_by"])
    pair_ended.send(Pair, pair=pair, note=str(_("The pair has ended.")))
    if actor is not None:
        audit_record(
            actor=actor, action=AuditEntry.Action.UPDATE, obj=pair, detail=f"ended: {reason}"
        )
    return pair
