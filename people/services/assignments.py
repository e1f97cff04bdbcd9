"""Which county a coordinator works for: city staff set it, change it and take it away.
Her county is her scope for every personal record, so each change is in the audit log."""

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import County
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, CountyAssignment, User
from people.roles import COORDINATOR_GROUP, is_city_staff


def _check_city_staff(actor: User) -> None:
    if not is_city_staff(actor):
        raise DomainError(_("Only city staff can assign coordinators to counties."))


def _audit(actor: User, action: str, assignment: CountyAssignment, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=assignment,
        county_id=assignment.county_id,
        detail=detail,
    )


@transaction.atomic
def county_assignment_save(
    *, actor: User, user: User, county: County, assignment: CountyAssignment | None = None
) -> CountyAssignment:
    """Assign coordinator ``user`` to ``county`` (a new assignment, or ``assignment`` changed)."""
    _check_city_staff(actor)
    if not user.groups.filter(name=COORDINATOR_GROUP).exists():
        raise DomainError(_("Only accounts in the coordinators' group can have a county."))
    if assignment is None:
        if CountyAssignment.objects.filter(user=user).exists():
            raise DomainError(_("This coordinator already has a county; change that one."))
        assignment = CountyAssignment.objects.create(user=user, county=county)
        _audit(actor, AuditEntry.Action.CREATE, assignment, f"{user.get_full_name()}: {county}")
        return assignment
    assignment = CountyAssignment.objects.select_for_update().get(pk=assignment.pk)
    before = f"{assignment.user.get_full_name()}: {assignment.county}"
    assignment.user, assignment.county = user, county
    assignment.save(update_fields=["user", "county"])
    after = f"{user.get_full_name()}: {county}"
    _audit(actor, AuditEntry.Action.UPDATE, assignment, f"{before} → {after}")
    return assignment


@transaction.atomic
def county_assignment_delete(*, actor: User, assignment: CountyAssignment) -> None:
    """Take her county away: she sees no personal record until she is given one again."""
    _check_city_staff(actor)
    detail = f"{assignment.user.get_full_name()}: {assignment.county}"
    _audit(actor, AuditEntry.Action.DELETE, assignment, detail)
    assignment.delete()
