"""Every write about pairs (one function each, keyword arguments, one transaction)."""

from pairs.services.pairs import pair_create, pair_end

__all__ = ["pair_create", "pair_end"]
