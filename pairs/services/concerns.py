"""A 家庭变故 or 生活困难 raised on a pair by its caring mother or her county's coordinator:
a visit is then due within ``PAIRS_CONCERN_VISIT_DAYS``; the next visit resolves it."""

from django.db import transaction
from django.utils.translation import gettext as _

from pairs.models import Pair, PairConcern
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import coordinator_county_id


@transaction.atomic
def concern_raise(*, actor: User, pair: Pair, kind: str, note: str = "") -> PairConcern:
    pair = Pair.objects.select_for_update().select_related("mother").get(pk=pair.pk)
    if pair.mother.user_id != actor.pk and coordinator_county_id(actor) != pair.county_id:
        raise DomainError(
            _("Only the pair's caring mother or her county's coordinator can raise a concern.")
        )
    if pair.status != Pair.Status.ACTIVE:
        raise DomainError(_("This pair has ended."))
    if kind not in PairConcern.Kind.values:
        raise DomainError(_("Choose what happened."), field="kind")
    open_same = PairConcern.objects.filter(pair=pair, kind=kind).open().first()
    if open_same is not None:
        # Raised twice (a double tap, or mother and coordinator both): one visit answers both.
        return open_same
    concern = PairConcern.objects.create(pair=pair, kind=kind, note=note.strip(), raised_by=actor)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=concern,
        county_id=pair.county_id,
        children=1,
    )
    return concern
