"""三必清: the three things a caring mother must know about her child (家庭情况, 学习情况,
生活问题), each confirmed by her with the date and a short note the coordinator reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.fields import EncryptedTextField


class PairKnowledge(models.Model):
    class Topic(models.TextChoices):
        FAMILY = "family", _("Family situation")
        STUDY = "study", _("Studies")
        LIFE = "life", _("Daily life and problems")

    pair = models.ForeignKey(
        "pairs.Pair",
        verbose_name=_("pair"),
        on_delete=models.PROTECT,
        related_name="knowledge",
    )
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    # About the child's family: encrypted like the child's own fields.
    note = EncryptedTextField(_("note"), blank=True)
    confirmed_at = models.DateTimeField(_("last confirmed"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["pair", "topic"]
        verbose_name = _("must-know record")
        verbose_name_plural = _("must-know records")
        constraints = [
            models.UniqueConstraint(fields=["pair", "topic"], name="knowledge_one_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.pair_id} · {self.get_topic_display()}"
