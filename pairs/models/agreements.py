"""Safety responsibility agreements (安全责任书): signed with the child's guardian when a pair
starts. The optional scan is private (``pairs.storage``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pairs.storage import private_storage
from people.fields import EncryptedCharField


class SafetyAgreement(models.Model):
    """One signed agreement of a pair; a pair may have several (signed again)."""

    pair = models.ForeignKey(
        "pairs.Pair",
        verbose_name=_("pair"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    signed_on = models.DateField(_("signed on"))
    # The guardian's name, personal data of the child's family: encrypted like the child's.
    signed_by = EncryptedCharField(_("signed by (the guardian)"), max_length=50)
    scan = models.FileField(
        _("scan"), storage=private_storage, upload_to="agreements/%Y/%m/", blank=True
    )
    scan_content_type = models.CharField(max_length=50, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("safety agreement")
        verbose_name_plural = _("safety agreements")
        indexes = [models.Index(fields=["pair", "signed_on"], name="agreement_pair_signed")]

    def __str__(self) -> str:
        return f"{self.pair_id} · {self.signed_on.isoformat()}"
