"""三必访: the mother's visits and calls to the child, the concerns raised on a pair (家庭变故,
生活困难) that call for a visit soon, the festivals of the year a visit is due for, and the
coordinator's own follow-up calls to the mothers (定期跟踪回访)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.fields import EncryptedTextField
from people.scope import staff_scope


class VisitKind(models.TextChoices):
    HOME = "home", _("Home visit")
    CALL = "call", _("Phone or video call")
    BIRTHDAY = "birthday", _("Birthday")
    FESTIVAL = "festival", _("Festival")
    FAMILY_CHANGE = "family_change", _("Family change")
    HARDSHIP = "hardship", _("Hardship")
    SCHOOL = "school", _("School")


class VisitQuerySet(models.QuerySet):
    def visible_to(self, user) -> "VisitQuerySet":
        """Staff: their county scope (by the pair's county); a mother: her own pairs' visits."""
        if not user.is_authenticated:
            return self.none()
        if (scoped := staff_scope(self, user)) is not None:
            return scoped
        return self.filter(pair__mother__user=user)


class Visit(models.Model):
    """One visit or call of a caring mother to her paired child. The texts are about the
    child: encrypted at rest. ``county`` copies the pair's, for the county scope."""

    pair = models.ForeignKey(
        "pairs.Pair", verbose_name=_("pair"), on_delete=models.PROTECT, related_name="visits"
    )
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    visited_on = models.DateField(_("date of the visit"))
    kind = models.CharField(_("kind"), max_length=16, choices=VisitKind.choices)
    festival = models.ForeignKey(
        "pairs.Festival",
        verbose_name=_("festival"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    what_was_done = EncryptedTextField(_("what was done"), blank=True, null=True)
    needs_noticed = EncryptedTextField(_("needs noticed"), blank=True, null=True)
    follow_up_wanted = EncryptedTextField(_("follow-up wanted"), blank=True, null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    client_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [
            models.Index(fields=["pair", "visited_on"], name="visit_pair_date"),
            models.Index(fields=["county", "visited_on"], name="visit_county_date"),
            models.Index(fields=["county", "kind"], name="visit_county_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.visited_on}"


class ConcernQuerySet(models.QuerySet):
    def open(self) -> "ConcernQuerySet":
        return self.filter(resolved_at__isnull=True)


class PairConcern(models.Model):
    """A 家庭变故 or 生活困难 raised on a pair: a visit is due within a few days; the next visit
    resolves it."""

    class Kind(models.TextChoices):
        FAMILY_CHANGE = "family_change", _("Family change")
        HARDSHIP = "hardship", _("Hardship")

    pair = models.ForeignKey(
        "pairs.Pair", verbose_name=_("pair"), on_delete=models.PROTECT, related_name="concerns"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    note = EncryptedTextField(_("note"), blank=True, null=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by_visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        indexes = [models.Index(fields=["pair", "resolved_at"], name="concern_pair_open")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Festival(models.Model):
    """A festival a visit is due for (六一, 中秋, 春节 …), one row per year's date. City staff
    keep the list in the back office."""

    name = models.CharField(_("name"), max_length=30)
    date = models.DateField(_("date"), unique=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")

    def __str__(self) -> str:
        return f"{self.name} {self.date.year}"


class FollowUpCall(models.Model):
    """A coordinator's follow-up call to a caring mother (定期跟踪回访)."""

    mother = models.ForeignKey(
        "people.Volunteer",
        verbose_name=_("caring mother"),
        on_delete=models.PROTECT,
        related_name="follow_up_calls",
    )
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    called_on = models.DateField(_("called on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-called_on", "-pk"]
        verbose_name = _("follow-up call")
        verbose_name_plural = _("follow-up calls")
        indexes = [
            models.Index(fields=["county", "called_on"], name="followup_county_date"),
            models.Index(fields=["mother", "called_on"], name="followup_mother_date"),
        ]

    def __str__(self) -> str:
        return f"{self.mother.name} · {self.called_on}"
