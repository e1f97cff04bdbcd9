"""The ledgers that can be imported, by ``ImportJob.Kind``."""

from pairs.ledgers.children import ChildLedgerResource
from pairs.ledgers.mothers import MotherLedgerResource
from pairs.ledgers.pairs import PairLedgerResource

IMPORTS = {
    "children": ChildLedgerResource,
    "mothers": MotherLedgerResource,
    "pairs": PairLedgerResource,
}
