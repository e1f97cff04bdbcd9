"""Who may use the ledgers: those who keep children's records, coordinators (their county's
imports) and city staff (every county's); editors and everyone else nothing."""

from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from pairs.models import ImportJob
from people.models import User
from people.roles import is_staff_with_children_access
from people.scope import staff_scope


class LedgerPermissionPolicy(BasePermissionPolicy):
    """Being a coordinator or city staff is the permission (no group permission to keep in
    step): every action on the ledgers needs it."""

    def user_has_permission(self, user, action):
        return user.is_active and is_staff_with_children_access(user)

    def users_with_any_permission(self, actions):
        return User.objects.none()


ledger_policy = LedgerPermissionPolicy(ImportJob)
register_permission_policy(ImportJob, ledger_policy)


def jobs_for(user):
    scoped = staff_scope(ImportJob.objects.all(), user)
    return ImportJob.objects.none() if scoped is None else scoped
