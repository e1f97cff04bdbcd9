"""The pairs side's records, a module per subject."""

from pairs.models.adjustments import AdjustmentFlag
from pairs.models.pairs import Pair, PairQuerySet
from pairs.models.visits import Festival, FollowUpCall, PairConcern, Visit, VisitKind

__all__ = [
    "AdjustmentFlag",
    "Festival",
    "FollowUpCall",
    "Pair",
    "PairConcern",
    "PairQuerySet",
    "Visit",
    "VisitKind",
]
