"""Writing the audit log. Every staff view or export that shows a child's record calls
``audit_record`` once per request, saying how many children it showed; services call it for
the changes they make. ``AuditRequestMiddleware`` keeps the current request at hand, so that
a service's entry records the address and page without the service taking the request."""

from collections.abc import Callable
from contextvars import ContextVar

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cms.client_ip import client_ip
from people.models import AuditEntry, CountyAssignment, User

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


class AuditRequestMiddleware:
    """Makes the request being served the one audit entries describe by default."""

    def __init__(self, get_response: Callable[[HttpRequest], object]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _role(user: User) -> str:
    """Her role as the entry should remember it: her groups (their names are what the admin
    shows), a coordinator's county with it, and whether she is a superuser."""
    roles = sorted(user.groups.values_list("name", flat=True))
    assignment = CountyAssignment.objects.filter(user=user).select_related("county").first()
    if assignment is not None:
        roles.append(assignment.county.name)
    if user.is_superuser:
        roles.insert(0, _("superuser"))
    return "、".join(roles)


def actor_snapshot(user: User | None) -> dict[str, str]:
    """Who ``user`` is, copied onto the entry: it still names her after her account is gone."""
    if user is None or not user.is_authenticated:
        return {}
    return {
        "actor_name": user.get_full_name()[:150],
        "actor_contact": (user.email or str(user.phone or ""))[:254],
        "actor_role": _role(user)[:200],
    }


def current_request() -> HttpRequest | None:
    """The request being served, if any (set by ``AuditRequestMiddleware``)."""
    return _current_request.get()


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    county_id: int | None = None,
    request: HttpRequest | None = None,
    detail: str = "",
    children: int | None = None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj`` (or to the named records), showing
    ``children`` children's records if she was shown any. ``request`` defaults to the one
    being served (``AuditRequestMiddleware``)."""
    request = request if request is not None else _current_request.get()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        county_id = county_id if county_id is not None else getattr(obj, "county_id", None)
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor,
        **actor_snapshot(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        county_id=county_id,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request else ""),
        path=(request.get_full_path()[:300] if request else ""),
        detail=detail[:300],
        children_shown=children,
    )
