"""三必访: a caring mother (or her county's coordinator) logs a visit or call; a coordinator
records her own follow-up call to a mother (定期跟踪回访)."""

import uuid
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pairs.models import Festival, FollowUpCall, Pair, PairConcern, Visit, VisitKind
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User, Volunteer
from people.roles import coordinator_county_id, may_manage_county


def _may_log(actor: User, pair: Pair) -> bool:
    return pair.mother.user_id == actor.pk or coordinator_county_id(actor) == pair.county_id


@transaction.atomic
def visit_log(
    *,
    actor: User,
    pair: Pair,
    visited_on: date,
    kind: str,
    client_token: uuid.UUID,
    festival: Festival | None = None,
    what_was_done: str = "",
    needs_noticed: str = "",
    follow_up_wanted: str = "",
) -> Visit:
    """Log a visit on an active pair. Saving the same form twice (same ``client_token``)
    returns the visit the first save made."""
    existing = Visit.objects.filter(client_token=client_token).first()
    if existing is not None:
        if existing.pair_id != pair.pk or existing.recorded_by_id != actor.pk:
            raise DomainError(_("This form was already used; open it again."))
        return existing
    pair = Pair.objects.select_for_update().select_related("mother").get(pk=pair.pk)
    if not _may_log(actor, pair):
        raise DomainError(
            _("Only the pair's caring mother or her county's coordinator can log a visit.")
        )
    if pair.status != Pair.Status.ACTIVE:
        raise DomainError(_("This pair has ended; no more visits can be logged."))
    if visited_on > timezone.localdate():
        raise DomainError(_("A visit cannot be in the future."), field="visited_on")
    if visited_on < pair.started_on:
        raise DomainError(_("A visit cannot be before the pair started."), field="visited_on")
    if kind not in VisitKind.values:
        raise DomainError(_("Choose what kind of visit it was."), field="kind")
    if kind == VisitKind.FESTIVAL and festival is None:
        raise DomainError(_("Choose which festival."), field="festival")
    if kind != VisitKind.FESTIVAL:
        festival = None
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                pair=pair,
                county_id=pair.county_id,
                visited_on=visited_on,
                kind=kind,
                festival=festival,
                what_was_done=what_was_done.strip(),
                needs_noticed=needs_noticed.strip(),
                follow_up_wanted=follow_up_wanted.strip(),
                recorded_by=actor,
                client_token=client_token,
            )
    except IntegrityError:
        # The same token saved at the same moment by another request: that visit stands.
        return Visit.objects.get(client_token=client_token)
    _resolve_concerns(pair, visit)
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=visit, children=1)
    return visit


def _resolve_concerns(pair: Pair, visit: Visit) -> None:
    """A visit on or after the day a concern was raised resolves it."""
    for concern in PairConcern.objects.filter(pair=pair).open():
        if timezone.localdate(concern.raised_at) <= visit.visited_on:
            concern.resolved_at = timezone.now()
            concern.resolved_by_visit = visit
            concern.save(update_fields=["resolved_at", "resolved_by_visit"])


@transaction.atomic
def follow_up_call_record(
    *, actor: User, mother: Volunteer, called_on: date, note: str = ""
) -> FollowUpCall:
    """A coordinator's follow-up call to a caring mother of her county."""
    if not may_manage_county(actor, mother.county_id):
        raise DomainError(_("You can only record calls to mothers of your own county."))
    if called_on > timezone.localdate():
        raise DomainError(_("A call cannot be in the future."), field="called_on")
    call = FollowUpCall.objects.create(
        mother=mother,
        county_id=mother.county_id,
        called_on=called_on,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(actor=actor, action=AuditEntry.Action.CREATE, obj=call)
    return call
