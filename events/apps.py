from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Conferences")

    def ready(self):
        from django.apps import apps

        from . import photos
        from .cache import WATCHED_MODELS, connect_signals
        from .proceedings import tasks
        from .versioning import register_versions

        connect_signals()
        tasks.connect_signals([apps.get_model(label) for label in WATCHED_MODELS])
        register_versions()
        photos.connect_signals()
