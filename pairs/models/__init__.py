"""The pairs side's records, a module per subject."""

from pairs.models.adjustments import AdjustmentFlag
from pairs.models.agreements import SafetyAgreement
from pairs.models.donations import Donation, DonationGift
from pairs.models.knowledge import PairKnowledge
from pairs.models.ledgers import ImportJob
from pairs.models.pairs import Pair, PairQuerySet
from pairs.models.visits import Festival, FollowUpCall, PairConcern, Visit, VisitKind

__all__ = [
    "AdjustmentFlag",
    "Donation",
    "DonationGift",
    "Festival",
    "FollowUpCall",
    "ImportJob",
    "Pair",
    "PairConcern",
    "PairKnowledge",
    "PairQuerySet",
    "SafetyAgreement",
    "Visit",
    "VisitKind",
]
