"""The pairs side's records, a module per subject."""

from pairs.models.pairs import Pair, PairQuerySet

__all__ = ["Pair", "PairQuerySet"]
