"""Who may ask for and read reports: coordinators (their county's) and city staff (every
county's and the city's); editors and everyone else nothing."""

from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from figures.models import ReportJob
from people.models import User
from people.roles import is_staff_with_children_access
from people.scope import staff_scope


class ReportPermissionPolicy(BasePermissionPolicy):
    """Being a coordinator or city staff is the permission, as for the ledgers."""

    def user_has_permission(self, user, action):
        return user.is_active and is_staff_with_children_access(user)

    def users_with_any_permission(self, actions):
        return User.objects.none()


report_policy = ReportPermissionPolicy(ReportJob)
register_permission_policy(ReportJob, report_policy)


def jobs_for(user):
    """A coordinator: her county's reports (not the city's); city staff: every report."""
    scoped = staff_scope(ReportJob.objects.all(), user)
    return ReportJob.objects.none() if scoped is None else scoped
