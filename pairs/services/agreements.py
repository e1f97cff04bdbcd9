"""Safety responsibility agreements (安全责任书): the coordinator records that the child's
guardian signed one, with an optional scan (JPEG, PNG or PDF, checked by its content)."""

import uuid
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

import filetype

from pairs.models import Pair, SafetyAgreement
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User
from people.roles import may_manage_county

# What a scan may be, by its content: the MIME type → the extension it is stored under.
SCAN_TYPES = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def scan_type(scan: UploadedFile) -> str:
    """The scan's MIME type, read from its first bytes (never its name); a DomainError when
    it is too big or not a JPEG, PNG or PDF."""
    limit = settings.PAIRS_AGREEMENT_MAX_BYTES
    if scan.size > limit:
        raise DomainError(
            _("The scan is too big: at most %(limit)s.") % {"limit": filesizeformat(limit)},
            field="scan",
        )
    scan.seek(0)
    head = scan.read(262)
    scan.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in SCAN_TYPES:
        raise DomainError(_("The scan must be a photo (JPEG or PNG) or a PDF."), field="scan")
    return kind.mime


@transaction.atomic
def agreement_record(
    *,
    actor: User,
    pair: Pair,
    signed_on: date,
    signed_by: str,
    scan: UploadedFile | None = None,
) -> SafetyAgreement:
    if not may_manage_county(actor, pair.county_id):
        raise DomainError(_("You can only manage pairs in your own county."))
    signed_by = (signed_by or "").strip()
    if not signed_by:
        raise DomainError(_("Enter the name of the guardian who signed."), field="signed_by")
    if signed_on > timezone.localdate():
        raise DomainError(_("An agreement cannot be signed in the future."), field="signed_on")
    agreement = SafetyAgreement(
        pair=pair, signed_on=signed_on, signed_by=signed_by, recorded_by=actor
    )
    if scan is not None:
        mime = scan_type(scan)
        agreement.scan_content_type = mime
        # A name of our own: the uploaded name may carry the child's or guardian's name.
        agreement.scan.save(f"{uuid.uuid4().hex}.{SCAN_TYPES[mime]}", scan, save=False)
    agreement.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=agreement,
        county_id=pair.county_id,
        detail="safety agreement" + (" with scan" if scan is not None else ""),
    )
    return agreement
