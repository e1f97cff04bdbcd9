"""The image of a card in a listing (a course, a story): joined to the cards' own query, with
the renditions the card templates use in one more query, whatever the number of cards."""

from django.db.models import Prefetch, QuerySet

from wagtail.images import get_image_model

CARD_RENDITIONS = ["fill-240x240", "fill-480x480"]


def with_card_images(cards: QuerySet, field: str = "cover_image") -> QuerySet:
    """``cards`` with their image (``field``) and its card renditions fetched up front, as
    Wagtail's ``prefetch_renditions`` leaves them (``prefetched_renditions``)."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_RENDITIONS)
    )
    return cards.select_related(field).prefetch_related(
        Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
