"""Children's records: guardians' consent, adding, editing and removing children."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import County
from people.audit import audit_record
from people.domain_signals import child_leaving
from people.errors import DomainError
from people.fields import lookup_hash
from people.models import AuditEntry, Child, PrivacyConsent, User
from people.roles import is_staff_with_children_access

PERSONAL_FIELDS = (
    "name",
    "date_of_birth",
    "id_number",
    "address",
    "guardian_name",
    "guardian_phone",
    "needs",
    "special_needs",
)
EDITABLE_FIELDS = (
    *PERSONAL_FIELDS,
    "gender",
    "county",
    "township",
    "school_stage",
    "category",
    "family_court_case",
    "relationship",
)


@transaction.atomic
def privacy_consent_give(*, user: User, version: str | None = None) -> PrivacyConsent:
    """Record that ``user`` agrees to the privacy notice (the current version by default)."""
    consent, _created = PrivacyConsent.objects.get_or_create(
        user=user, notice_version=version or settings.PRIVACY_NOTICE_VERSION
    )
    return consent


def current_consent(user: User) -> PrivacyConsent | None:
    return PrivacyConsent.objects.filter(
        user=user, notice_version=settings.PRIVACY_NOTICE_VERSION
    ).first()


def child_fields_check(fields: dict) -> None:
    """Raise ``DomainError`` (with its field) if ``fields`` break the rules every child's record
    follows (name, date of birth within the programme's ages). For bulk writers (the Excel
    ledgers of ``pairs``) that build records without ``child_create``."""
    _validate(fields, timezone.localdate())


def child_identity_set(child: Child) -> None:
    """Set the fields derived from the personal ones: year of birth and the keyed hashes that
    find a child without decrypting (name + date of birth; the name alone; ID number)."""
    child.birth_year = child.date_of_birth.year
    child.identity_hash = lookup_hash(child.name, child.date_of_birth.isoformat())
    child.name_hash = lookup_hash(child.name)
    child.id_number_hash = lookup_hash(child.id_number.upper()) if child.id_number else ""


def _validate(fields: dict, today: date) -> None:
    dob = fields.get("date_of_birth")
    if dob is None:
        raise DomainError(_("Enter the child's date of birth."), field="date_of_birth")
    if dob > today:
        raise DomainError(_("The date of birth cannot be in the future."), field="date_of_birth")
    age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
    if age >= settings.PROGRAM_MAX_CHILD_AGE:
        raise DomainError(
            _("The programme is for children under %(age)d; this child is %(child_age)d.")
            % {"age": settings.PROGRAM_MAX_CHILD_AGE, "child_age": age},
            field="date_of_birth",
        )
    if not (fields.get("name") or "").strip():
        raise DomainError(_("Enter the child's name."), field="name")


def _apply(child: Child, fields: dict) -> None:
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"{name} is not an editable field of a child")
        setattr(child, name, value.strip() if isinstance(value, str) else value)
    child_identity_set(child)


def _save(child: Child, *, by_guardian: bool) -> Child:
    """Save ``child`` unless it duplicates a record of its county.

    A guardian is never told that a child of that name and date of birth is registered:
    that would let anyone signed in ask the register who is in it (the civil-affairs ledger
    included). Her child is saved as usual and marked as a possible duplicate of the record
    it matches, for the coordinator to review. Staff, who see their county's children
    anyway, are refused a second record, except on one already marked (under review)."""
    same = (
        Child.objects.active()
        .filter(identity_hash=child.identity_hash, county_id=child.county_id)
        .exclude(pk=child.pk)
        .order_by("pk")
    )
    original = same.filter(possible_duplicate_of__isnull=True).first()
    if by_guardian or child.possible_duplicate_of_id:
        child.possible_duplicate_of = original or same.first()
    elif original is not None:
        raise DomainError(
            _("A child with this name and date of birth is already registered in this county.")
        )
    if child.id_number_hash:
        same_id = Child.objects.filter(id_number_hash=child.id_number_hash).exclude(pk=child.pk)
        if same_id.exists():
            raise DomainError(
                _("A child with this ID number is already registered."), field="id_number"
            )
    child.save()
    return child


def _audit_staff_write(actor: User | None, action: str, child: Child) -> None:
    """Staff writing a child's record is in the audit log (a guardian's own is not staff
    access to children's data)."""
    if actor is not None and is_staff_with_children_access(actor):
        audit_record(actor=actor, action=action, obj=child, children=1)


@transaction.atomic
def child_create(
    *,
    actor: User,
    county: County,
    guardian: User | None = None,
    source: str = Child.Source.GUARDIAN,
    **fields,
) -> Child:
    """Add a child. A guardian must have agreed to the current privacy notice first; staff
    adding a child from the civil-affairs ledger pass ``source=Child.Source.LEDGER``."""
    today = timezone.localdate()
    _validate(fields, today)
    child = Child(county=county, guardian=guardian, source=source)
    if source == Child.Source.GUARDIAN:
        if guardian is None:
            raise DomainError(_("A child added by a guardian needs the guardian's account."))
        consent = current_consent(guardian)
        if consent is None:
            raise DomainError(
                _("Please read and agree to the privacy notice before adding a child.")
            )
        child.consent = consent
    _apply(child, fields)
    child = _save(child, by_guardian=source == Child.Source.GUARDIAN)
    _audit_staff_write(actor, AuditEntry.Action.CREATE, child)
    return child


@transaction.atomic
def child_update(*, actor: User, child: Child, **fields) -> Child:
    if child.anonymised_at:
        raise DomainError(_("This record has been anonymised and cannot be edited."))
    county = fields.get("county")
    if (
        county is not None
        and county.pk != child.county_id
        and child.pairs.filter(status="active").exists()
    ):
        raise DomainError(
            _(
                "This child has an active caring mother in her county; end the pair before moving the child."
            ),
            field="county",
        )
    merged = {name: getattr(child, name) for name in ("name", "date_of_birth")} | fields
    _validate(merged, timezone.localdate())
    _apply(child, fields)
    child = _save(child, by_guardian=actor is not None and actor.pk == child.guardian_id)
    _audit_staff_write(actor, AuditEntry.Action.UPDATE, child)
    return child


@transaction.atomic
def child_anonymise(*, child: Child) -> Child:
    """Remove every personal field; keep county, category, gender, birth year and school stage
    so that the programme's counts stay true. Her active pairs end and her bookings still
    to come are released (``child_leaving``: ``pairs.signals``, ``enrollment.signals``)."""
    child_leaving.send(Child, child=child, note=str(_("The child's record was removed.")))
    for name in PERSONAL_FIELDS:
        setattr(child, name, None if name == "date_of_birth" else "")
    child.identity_hash = ""
    child.name_hash = ""
    child.id_number_hash = ""
    child.guardian = None
    # The consent belongs to the guardian's account; it must not keep her account from
    # being deleted (Child.consent is PROTECT) once nothing personal is left to cover.
    child.consent = None
    child.anonymised_at = timezone.now()
    child.possible_duplicate_of = None
    child.save()
    # Records marked as possible duplicates of this one no longer duplicate anything.
    Child.objects.filter(possible_duplicate_of=child).update(possible_duplicate_of=None)
    return child


@transaction.atomic
def child_delete_by_guardian(*, child: Child, guardian: User) -> Child:
    if child.guardian_id != guardian.pk:
        raise DomainError(_("You can only remove your own children."))
    return child_anonymise(child=child)
