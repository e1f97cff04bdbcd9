"""社会捐赠 read: the donations a member of staff may see, and their sums for a period."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from pairs.models import Donation


def donations_for(user) -> QuerySet:
    """Her county's donations (every county's for city staff), newest first."""
    return Donation.objects.visible_to(user).select_related("county", "session", "course")


def donations_for_ledger(user) -> QuerySet:
    return donations_for(user).order_by("county__name", "-date", "-pk")


def donation_sums(queryset: QuerySet) -> dict:
    """Money and goods of ``queryset``: count and value of each, and the total; one query."""
    money, goods = Q(kind=Donation.Kind.MONEY), Q(kind=Donation.Kind.GOODS)
    row = queryset.order_by().aggregate(
        money_count=Count("pk", filter=money),
        money_value=Sum("value", filter=money),
        goods_count=Count("pk", filter=goods),
        goods_value=Sum("value", filter=goods),
    )
    zero = Decimal("0")
    money_value, goods_value = row["money_value"] or zero, row["goods_value"] or zero
    return {
        "money": {"count": row["money_count"], "value": money_value},
        "goods": {"count": row["goods_count"], "value": goods_value},
        "count": row["money_count"] + row["goods_count"],
        "value": money_value + goods_value,
    }


def _scoped(user, county_id: int | None, start: date | None, end: date | None) -> QuerySet:
    queryset = Donation.objects.visible_to(user)
    if county_id is not None:
        queryset = queryset.filter(county_id=county_id)
    if start is not None:
        queryset = queryset.filter(date__gte=start)
    if end is not None:
        queryset = queryset.filter(date__lte=end)
    return queryset


def donations_total(
    user, *, county_id: int | None = None, start: date | None = None, end: date | None = None
) -> dict:
    """The sums of the donations ``user`` may see, of one county if given, dated from
    ``start`` to ``end`` (both included, either open): ``{"money": {"count", "value"},
    "goods": {"count", "value"}, "count", "value"}``, values in yuan as Decimal. One query."""
    return donation_sums(_scoped(user, county_id, start, end))


def donations_by_month(
    user, *, county_id: int | None = None, start: date | None = None, end: date | None = None
) -> list[dict]:
    """The same sums month by month, oldest first: ``[{"month": date (the 1st), "money":
    Decimal, "goods": Decimal, "count": int}]``, months without a donation left out. One
    query."""
    money, goods = Q(kind=Donation.Kind.MONEY), Q(kind=Donation.Kind.GOODS)
    rows = (
        _scoped(user, county_id, start, end)
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(
            money=Sum("value", filter=money), goods=Sum("value", filter=goods), count=Count("pk")
        )
        .order_by("month")
    )
    zero = Decimal("0")
    return [
        {
            "month": row["month"],
            "money": row["money"] or zero,
            "goods": row["goods"] or zero,
            "count": row["count"],
        }
        for row in rows
    ]
