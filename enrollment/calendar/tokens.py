"""The key of a person's private feed: ``secrets.token_urlsafe(32)`` (43 characters, 256
random bits), shown to her once and stored only as its SHA-256. Making a new one replaces
the old, whose URL then answers 404."""

import hashlib
import secrets

from django.db import transaction
from django.http import Http404

from enrollment.models import CalendarToken
from people.audit import audit_record
from people.models import AuditEntry, User

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_reset(*, user: User) -> str:
    """A new key for her feed (her first, or one replacing the old): returns the token, which
    is not kept."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    created = not CalendarToken.objects.filter(user=user).delete()[0]
    record = CalendarToken.objects.create(user=user, token_hash=token_hash(token))
    audit_record(
        actor=user,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=record,
        detail="calendar link",
    )
    return token


def calendar_token_owner_or_404(token: str) -> User:
    """Whose feed ``token`` opens (one query); 404 for any other string."""
    record = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=token_hash(token), user__is_active=True)
        .first()
    )
    if record is None:
        raise Http404("No such calendar")
    return record.user


def calendar_token_created(user: User):
    """When her current key was made, or None."""
    return CalendarToken.objects.filter(user=user).values_list("created_at", flat=True).first()
