from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslatorsConfig(AppConfig):
    name = "translators"
    verbose_name = _("Translation")

    def ready(self):
        from .outdated import connect_signals

        connect_signals()
