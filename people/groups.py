"""The staff groups and their permissions, kept in step after every ``migrate``.

Wagtail's admin shows each menu only to those with a permission on it, so these lists are
also what each role sees in the admin. Groups are created if missing and their permissions
set to exactly this; Wagtail's own "Editors" and "Moderators" keep Wagtail's page
permissions and get the content snippets added.

The roles are defined once, here, for the whole site: permissions are named by string
("app_label.codename"), those of the rooms above (``pairs``, ``enrollment``) included, so no
import points up.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from people.roles import CITY_STAFF_GROUP, COORDINATOR_GROUP, EDITOR_GROUP, MOTHER_GROUP

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
CONTENT_SNIPPETS = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("cms", "county"),
        ("courses", "venue"),
        ("courses", "lecturer"),
        ("courses", "partnerorganisation"),
        ("courses", "classcategory"),
        ("courses", "trainingtopic"),
        ("stories", "storyseries"),
    ]
    for action in ("add", "change", "delete", "view")
]
PEOPLE = [
    "people.view_child",
    "people.add_child",
    "people.change_child",
    "people.view_volunteer",
    "people.change_volunteer",
    "pairs.view_pair",
    "pairs.add_pair",
    "pairs.change_pair",
    "pairs.view_visit",
    "pairs.view_pairconcern",
    "pairs.add_pairconcern",
    "pairs.view_followupcall",
    "pairs.add_followupcall",
    "pairs.view_adjustmentflag",
    "pairs.change_adjustmentflag",
    "pairs.view_donation",
    "pairs.add_donation",
    "pairs.change_donation",
    "pairs.delete_donation",
    "people.view_notification",
    "people.change_notification",
]

GROUP_PERMISSIONS: dict[str, list[str]] = {
    COORDINATOR_GROUP: ADMIN_ACCESS + PEOPLE,
    CITY_STAFF_GROUP: ADMIN_ACCESS
    + PEOPLE
    + [
        "people.view_auditentry",
        "people.view_countyassignment",
        "people.add_countyassignment",
        "people.change_countyassignment",
        "people.delete_countyassignment",
        "pairs.view_festival",
        "pairs.add_festival",
        "pairs.change_festival",
        "pairs.delete_festival",
    ],
    MOTHER_GROUP: [],
}
EXTRA_PERMISSIONS: dict[str, list[str]] = {EDITOR_GROUP: CONTENT_SNIPPETS}


def _permissions(names: list[str]) -> list[Permission]:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query))
    missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
    if missing:
        raise LookupError(f"permissions not found: {sorted(missing)}")
    return found


def ensure_groups(**kwargs) -> None:
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(permissions))
    for name, permissions in EXTRA_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(permissions))
