"""社会捐赠: donations from partner organisations, companies and people, recorded by the
county's staff (money or goods, their value in yuan, the county and optionally the activity
they served) and, for goods, what was given to which pair (``DonationGift``). Written only
through ``pairs.services.donation_record`` / ``donation_update`` / ``donation_delete``."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.scope import staff_scope


class DonationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DonationQuerySet":
        """City staff: every county's; a coordinator: her county's; anyone else: none."""
        scoped = staff_scope(self, user) if user.is_authenticated else None
        return scoped if scoped is not None else self.none()


class Donation(models.Model):
    class DonorKind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        COMPANY = "company", _("Company")
        PERSON = "person", _("Person")

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        GOODS = "goods", _("Goods")

    donor = models.CharField(_("donor"), max_length=200)
    donor_kind = models.CharField(_("donor kind"), max_length=12, choices=DonorKind.choices)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    value = models.DecimalField(
        _("value (yuan)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    county = models.ForeignKey(
        "cms.County", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        "courses.Session",
        verbose_name=_("activity served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course served"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        indexes = [
            models.Index(fields=["county", "date"], name="donation_county_date"),
            models.Index(fields=["kind", "date"], name="donation_kind_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="donation_value_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.donor} · {self.date:%Y-%m-%d}"


class DonationGift(models.Model):
    """Goods of a donation given to one pair; the child is shown by first name only."""

    donation = models.ForeignKey(
        Donation, verbose_name=_("donation"), on_delete=models.CASCADE, related_name="gifts"
    )
    pair = models.ForeignKey(
        "pairs.Pair", verbose_name=_("pair"), on_delete=models.PROTECT, related_name="gifts"
    )
    what = models.CharField(_("what was given"), max_length=200)
    value = models.DecimalField(
        _("value (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="gift_value_not_negative")
        ]

    def __str__(self) -> str:
        return self.what
