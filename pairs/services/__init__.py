"""Every write about pairs (one function each, keyword arguments, one transaction)."""

from pairs.services.adjustments import adjustment_end_pair, adjustment_keep, adjustments_check
from pairs.services.agreements import agreement_record
from pairs.services.concerns import concern_raise
from pairs.services.donations import (
    GiftLine,
    donation_delete,
    donation_gifts_edit,
    donation_record,
    donation_update,
)
from pairs.services.festivals import festival_delete, festival_save
from pairs.services.knowledge import knowledge_confirm
from pairs.services.ledgers import (
    ledger_export,
    ledger_import_check,
    ledger_import_confirm,
    ledger_import_run,
)
from pairs.services.moves import child_move_county
from pairs.services.notices import digests_record, visit_notices_record
from pairs.services.pairs import pair_create, pair_end
from pairs.services.visits import follow_up_call_record, visit_log

__all__ = [
    "GiftLine",
    "adjustment_end_pair",
    "adjustment_keep",
    "adjustments_check",
    "agreement_record",
    "child_move_county",
    "concern_raise",
    "digests_record",
    "donation_delete",
    "donation_gifts_edit",
    "donation_record",
    "donation_update",
    "festival_delete",
    "festival_save",
    "follow_up_call_record",
    "knowledge_confirm",
    "ledger_export",
    "ledger_import_check",
    "ledger_import_confirm",
    "ledger_import_run",
    "pair_create",
    "pair_end",
    "visit_log",
    "visit_notices_record",
]
