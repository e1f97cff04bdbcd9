"""三必清: a caring mother confirms she knows her child's family situation, studies and daily
life, with a short note for the coordinator."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pairs.models import Pair, PairKnowledge
from people.audit import audit_record
from people.errors import DomainError
from people.models import AuditEntry, User

NOTE_MAX_LENGTH = 500


@transaction.atomic
def knowledge_confirm(*, actor: User, pair: Pair, topic: str, note: str = "") -> PairKnowledge:
    """Only the pair's own mother, while the pair is active; confirming again updates the
    date and the note (one record per topic)."""
    if pair.mother.user_id is None or pair.mother.user_id != actor.pk:
        raise DomainError(_("Only the caring mother of this pair can confirm this."))
    if pair.status != Pair.Status.ACTIVE:
        raise DomainError(_("This pair has ended."))
    if topic not in PairKnowledge.Topic.values:
        raise DomainError(_("Choose what you confirm."), field="topic")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError(
            _("Keep the note short: at most %(count)d characters.") % {"count": NOTE_MAX_LENGTH},
            field="note",
        )
    record, _created = PairKnowledge.objects.update_or_create(
        pair=pair,
        topic=topic,
        defaults={"note": note, "confirmed_at": timezone.now(), "confirmed_by": actor},
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=record,
        county_id=pair.county_id,
        detail=f"confirmed: {topic}",
    )
    return record
