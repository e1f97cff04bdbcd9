"""The pairs side's records, a module per subject."""

from pairs.models.ledgers import ImportJob
from pairs.models.pairs import Pair, PairQuerySet

__all__ = ["ImportJob", "Pair", "PairQuerySet"]
