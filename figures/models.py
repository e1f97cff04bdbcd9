"""Reports built in the background (``figures.reports``): who asked, for which county (none:
the city, every county) and period, how far the build is, and the workbook, kept in
``pairs.storage.private_storage`` (no URL; served by a scope-checked view)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pairs.storage import private_storage


class ReportJob(models.Model):
    class Kind(models.TextChoices):
        MONTH = "month", _("Monthly report")
        YEAR = "year", _("Yearly report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the whole city."),
    )
    kind = models.CharField(_("period"), max_length=5, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        _("workbook"), storage=private_storage, upload_to="reports/", blank=True
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["county", "-created_at"], name="figures_report_county")]

    def __str__(self):
        where = self.county.name if self.county_id else _("The city")
        period = f"{self.start:%Y-%m}" if self.kind == self.Kind.MONTH else f"{self.start:%Y}"
        return f"{where} {period} {self.get_kind_display()}"
