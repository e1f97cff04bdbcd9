"""A child whose household moves county passes to the new county's coordinator: her active
pair ends with reason ``moved`` (the pair keeps its county, so the old county's ledger keeps
it), then she moves."""

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import County
from pairs.models import Pair
from pairs.services.pairs import pair_end
from people import services as people_services
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, Child, User
from people.roles import may_manage_county


@transaction.atomic
def child_move_county(*, actor: User, child: Child, county: County, note: str = "") -> Child:
    """City staff, or the coordinator of the child's current county, move her to ``county``."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    if not may_manage_county(actor, child.county_id):
        raise DomainError(_("Only the child's county or the city staff can move her."))
    if county.pk == child.county_id:
        raise DomainError(_("The child already lives in this county."), field="county")
    old_county_id = child.county_id
    for pair in Pair.objects.filter(child=child).active():
        pair_end(actor=actor, pair=pair, reason=Pair.EndReason.MOVED, note=note)
    child = people_services.child_update(actor=actor, child=child, county=county)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=child,
        county_id=old_county_id,
        detail=f"moved county {old_county_id} → {county.pk}",
        children=1,
    )
    return child
