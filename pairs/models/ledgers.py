"""Excel ledgers (台账): an import of children, mothers or pairs from the federation's
spreadsheet, from upload through the checked preview to the import itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pairs.storage import private_storage


class ImportJob(models.Model):
    """One uploaded ledger file. Checked in full first (``status`` VALIDATED, with the errors
    and what would be created, updated and skipped); imported only once the coordinator
    confirms; the counts move while it runs, for the progress page."""

    class Kind(models.TextChoices):
        CHILDREN = "children", _("Children")
        MOTHERS = "mothers", _("Caring mothers")
        PAIRS = "pairs", _("Pairs")

    class Status(models.TextChoices):
        VALIDATED = "validated", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Waiting to import")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    county = models.ForeignKey(
        "cms.County", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("ledger"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALIDATED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created_count = models.PositiveIntegerField(_("records created"), default=0)
    updated_count = models.PositiveIntegerField(_("records updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows unchanged"), default=0)
    # [{"row": 3, "column": "出生日期", "message": "…"}], Excel's row numbers (header is 1).
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        indexes = [models.Index(fields=["county", "created_at"], name="importjob_county_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.original_name or self.pk}"

    @property
    def uploader(self) -> str:
        return self.user.get_full_name() if self.user else ""

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
