"""动态管理: a pair flagged for the coordinator's decision (the child is over the age limit,
no longer in the category she was paired in, or lives in another county now)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AdjustmentFlag(models.Model):
    class Reason(models.TextChoices):
        OVER_AGE = "over_age", _("Child over the age limit")
        CATEGORY_CHANGED = "category_changed", _("Child's category changed")
        MOVED = "moved", _("Child lives in another county")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        ENDED = "ended", _("Pair ended")

    pair = models.ForeignKey(
        "pairs.Pair",
        verbose_name=_("pair"),
        on_delete=models.PROTECT,
        related_name="adjustment_flags",
    )
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    detected_on = models.DateField(_("detected on"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["detected_on", "pk"]
        verbose_name = _("adjustment flag")
        verbose_name_plural = _("adjustment flags")
        indexes = [models.Index(fields=["county", "status"], name="flag_county_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "reason"],
                condition=Q(status="open"),
                name="flag_one_open_per_pair_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pair} · {self.get_reason_display()}"
