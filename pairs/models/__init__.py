"""The pairs side's records, a module per subject."""

from pairs.models.agreements import SafetyAgreement
from pairs.models.knowledge import PairKnowledge
from pairs.models.ledgers import ImportJob
from pairs.models.pairs import Pair, PairQuerySet

__all__ = ["ImportJob", "Pair", "PairKnowledge", "PairQuerySet", "SafetyAgreement"]
