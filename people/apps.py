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


def _ensure_groups(sender, **kwargs):
    """Runs once per ``migrate``, after the last app: only then do all permissions exist."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    from people.groups import ensure_groups

    ensure_groups()
