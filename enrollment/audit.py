"""Writing the audit log. Every staff view or export of a child's record calls this."""

from django.db import models
from django.http import HttpRequest

from enrollment.models import AuditEntry


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Behind the proxy (SECURE_PROXY_SSL_HEADER set) the first forwarded address is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR")) or None


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
) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``obj`` (or to the named records)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        county_id = county_id if county_id is not None else getattr(obj, "county_id", None)
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        county_id=county_id,
        ip_address=_client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request else ""),
        path=(request.get_full_path()[:300] if request else ""),
        detail=detail[:300],
    )
