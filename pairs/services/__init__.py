"""Every write about pairs (one function each, keyword arguments, one transaction)."""

from pairs.services.agreements import agreement_record
from pairs.services.knowledge import knowledge_confirm
from pairs.services.ledgers import (
    ledger_export,
    ledger_import_check,
    ledger_import_confirm,
    ledger_import_run,
)
from pairs.services.pairs import pair_create, pair_end

__all__ = [
    "agreement_record",
    "knowledge_confirm",
    "ledger_export",
    "ledger_import_check",
    "ledger_import_confirm",
    "ledger_import_run",
    "pair_create",
    "pair_end",
]
