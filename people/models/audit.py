from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who looked at or exported whose personal record, when, and from where. Written by
    ``people.audit.audit_record``; read by city staff in the admin; never edited.

    ``actor`` goes when her account is deleted; the ``actor_*`` snapshot taken when the entry
    was written keeps saying who she was and in what role, so nobody erases her own trail."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted or anonymised")
        DENIED = "denied", _("Access refused")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("name (as recorded)"), max_length=150, blank=True)
    actor_contact = models.CharField(_("email or mobile (as recorded)"), max_length=254, blank=True)
    actor_role = models.CharField(_("role (as recorded)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=50)
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    children_shown = models.PositiveIntegerField(
        _("children shown"),
        null=True,
        blank=True,
        help_text=_("How many children's records the page or export showed."),
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.object_type} {self.object_id}"
