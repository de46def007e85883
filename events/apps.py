from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conferences")

    def ready(self):
        from cabmi_portal.cache import connect_signals
        from cabmi_portal.versioning import register_versions

        from . import photos, search_index
        from .proceedings import tasks

        connect_signals()
        tasks.connect_signals()
        register_versions()
        photos.connect_signals()
        search_index.connect_signals()
