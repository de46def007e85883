"""Which records keep their history with django-reversion, and how they are grouped.

Registration lives here, not in the admin modules, so that every revision
(an admin save, an import wrapped in ``reversion.create_revision()``, a
command) records the same versions whether or not the admin was imported.
A conference's version carries its roles, participations, photos and
sessions, and a session's carries its statements, so restoring an edition
restores the whole of it.

Why django-reversion rather than django-simple-history: it stores a
serialized copy per revision (one table for every model, no shadow table
per translated model with seven columns per field), groups the changes of
one save into one revision with its user and comment, and its admin lists,
previews and restores versions out of the box.
"""

import reversion
from django.apps import apps

# (app label, model name, relations followed into the same revision)
VERSIONED = (
    ("participants", "Country", ()),
    ("participants", "Organization", ()),
    ("participants", "Person", ()),
    ("events", "Series", ()),
    ("events", "Conference", ("roles", "participations", "photos", "sessions")),
    ("events", "Role", ()),
    ("events", "Participation", ()),
    ("events", "Photo", ()),
    ("programme", "Session", ("statements",)),
    ("programme", "Statement", ()),
)


def register_versions():
    """Register every versioned model once; safe to call from each app's ready()."""
    if not apps.models_ready:
        return
    for app_label, model_name, follow in VERSIONED:
        model = apps.get_model(app_label, model_name)
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)
