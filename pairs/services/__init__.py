"""Every write about pairs (one function each, keyword arguments, one transaction)."""

from pairs.services.ledgers import (
    ledger_export,
    ledger_import_check,
    ledger_import_confirm,
    ledger_import_run,
)
from pairs.services.pairs import pair_create, pair_end

__all__ = [
    "ledger_export",
    "ledger_import_check",
    "ledger_import_confirm",
    "ledger_import_run",
    "pair_create",
    "pair_end",
]
