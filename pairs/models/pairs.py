"""Pairs: a caring mother (爱心妈妈) with a child of her county, from the day the county
coordinator pairs them to the day the pair ends."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.scope import staff_scope


class PairQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PairQuerySet":
        if not user.is_authenticated:
            return self.none()
        if (scoped := staff_scope(self, user)) is not None:
            return scoped
        return self.filter(mother__user=user)

    def active(self) -> "PairQuerySet":
        return self.filter(status="active")


class Pair(models.Model):
    """A caring mother paired with a child. Created and ended by the county coordinator;
    never deleted, so the history of who cared for whom stays."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    class EndReason(models.TextChoices):
        OVER_AGE = "over_age", _("Over the age limit")
        NO_LONGER_ELIGIBLE = "no_longer_eligible", _("No longer left-behind")
        MOVED = "moved", _("Household registration moved")
        GUARDIANSHIP_CHANGED = "guardianship_changed", _("Guardianship changed")
        MOTHER_WITHDREW = "mother_withdrew", _("Volunteer withdrew")
        REMATCHED = "rematched", _("Re-paired with another mother")
        OTHER = "other", _("Other")

    mother = models.ForeignKey(
        "people.Volunteer",
        verbose_name=_("caring mother"),
        on_delete=models.PROTECT,
        related_name="pairs",
    )
    child = models.ForeignKey(
        "people.Child", verbose_name=_("child"), on_delete=models.PROTECT, related_name="pairs"
    )
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="pairs",
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    # The child's category when they were paired: a later change flags the pair (动态管理).
    child_category = models.CharField(
        _("child's category when paired"), max_length=24, blank=True, editable=False
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        indexes = [
            models.Index(fields=["county", "status"], name="pair_county_status"),
            models.Index(fields=["mother", "status"], name="pair_mother_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(status="active"), name="pair_one_active_per_child"
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True)
                | Q(status="ended", ended_on__isnull=False),
                name="pair_ended_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mother.name} · {self.child}"
