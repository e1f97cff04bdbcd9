from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People")

    def ready(self):
        post_migrate.connect(_ensure_groups, dispatch_uid="people_ensure_groups")
        from allauth.mfa.signals import authenticator_added

        from people.mfa import record_totp_activation

        authenticator_added.connect(record_totp_activation, dispatch_uid="people_totp_added")

        from django.db.models.signals import pre_save

        from wagtail.models import TaskState

        from people.privacy_guard import guard_every_page, refuse_approval

        # The privacy guard (people.privacy_guard): every page's editor form checks what is
        # published; an approval from a workflow's dialog is checked when it is saved.
        guard_every_page()
        pre_save.connect(refuse_approval, sender=TaskState, dispatch_uid="people_privacy_guard")


def _ensure_groups(sender, **kwargs):
    """Runs once per ``migrate``, after the last app: only then do all permissions exist."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    from people.groups import ensure_groups

    ensure_groups()
