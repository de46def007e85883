from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conferences")

    def ready(self):
        from . import photos, search_index
        from .cache import connect_signals
        from .versioning import register_versions

        connect_signals()
        register_versions()
        photos.connect_signals()
        search_index.connect_signals()
