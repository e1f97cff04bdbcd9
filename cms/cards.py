"""The image of a card in a listing (a course, a story): fetched with the renditions the
card templates use, in one query, whatever the number of cards."""

from django.db.models import Prefetch

from wagtail.images import get_image_model

CARD_RENDITIONS = ["fill-240x240", "fill-480x480"]


def card_image_prefetch(field: str = "cover_image") -> Prefetch:
    """Fetch a card's image with the renditions the card templates use, in one query."""
    return Prefetch(field, queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS))
