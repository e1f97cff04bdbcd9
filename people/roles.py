"""Who someone is on the platform. Groups carry Django/Wagtail permissions; the county a
coordinator may see is her ``CountyAssignment``. Group names are data (shown in the admin),
created and kept in step by ``people.groups.ensure_groups`` after every ``migrate``."""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

COORDINATOR_GROUP = "县妇联协调员"
CITY_STAFF_GROUP = "市妇联工作人员"
MOTHER_GROUP = "爱心妈妈"
EDITOR_GROUP = "Editors"  # Wagtail's own editors group


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    MEMBER = "member"  # signed in, nothing more
    APPLICANT = "applicant"
    MOTHER = "mother"
    GUARDIAN = "guardian"
    EDITOR = "editor"
    COORDINATOR = "coordinator"
    CITY_STAFF = "city_staff"


def _group_names(user) -> set[str]:
    cached = getattr(user, "_group_names_cache", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._group_names_cache = cached
    return cached


def is_city_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or CITY_STAFF_GROUP in _group_names(user))


def coordinator_county_id(user) -> int | None:
    """The county a coordinator works for, or None for anyone else."""
    if not user.is_authenticated or COORDINATOR_GROUP not in _group_names(user):
        return None
    assignment = getattr(user, "county_assignment", None)
    return assignment.county_id if assignment else None


def is_staff_with_children_access(user) -> bool:
    """City staff and county coordinators: the people who may open children's records."""
    return is_city_staff(user) or coordinator_county_id(user) is not None


def may_manage_county(user, county_id: int | None) -> bool:
    """Whether ``user`` may manage the people and sessions of county ``county_id``: city staff
    every county, a coordinator her own. The one check behind every such permission."""
    if is_city_staff(user):
        return True
    own = coordinator_county_id(user)
    return own is not None and own == county_id


def roles_of(user: AnonymousUser) -> set[Role]:
    if not user.is_authenticated:
        return {Role.ANONYMOUS}
    roles = {Role.MEMBER}
    if is_city_staff(user):
        roles.add(Role.CITY_STAFF)
    if coordinator_county_id(user) is not None:
        roles.add(Role.COORDINATOR)
    if EDITOR_GROUP in _group_names(user):
        roles.add(Role.EDITOR)
    volunteer = getattr(user, "volunteer", None)
    if volunteer is not None:
        roles.add(Role.MOTHER if volunteer.is_approved else Role.APPLICANT)
    if user.children.exists():
        roles.add(Role.GUARDIAN)
    return roles
