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

from dataclasses import dataclass, field
from itertools import chain

import reversion
from django.apps import apps

# The walk the revert itself makes to find what to delete: the preview must see exactly what it sees.
from reversion.revisions import _follow_relations_recursive

# (app label, model name, relations followed into the same revision)
VERSIONED = (
    ("participants", "Country", ()),
    ("participants", "Organization", ()),
    ("participants", "Person", ()),
    ("events", "Series", ()),
    ("events", "Conference", ("roles", "participations", "photos", "sessions")),
    ("events", "Role", ()),
    ("events", "Participation", ()),
    ("programme", "Session", ("statements",)),
    ("programme", "Statement", ()),
    ("programme", "Photo", ()),
)


def register_versions():
    """Register every versioned model once; safe to call from each app's ready()."""
    if not apps.models_ready:
        return
    for app_label, model_name, follow in VERSIONED:
        model = apps.get_model(app_label, model_name)
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow)


# What a revert will do ----------------------------------------------------


@dataclass
class RevertPreview:
    """What reverting to a revision adds back, changes and deletes: [(model's verbose name, record, [field names])]."""

    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    deleted: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.added or self.changed or self.deleted)


def revert_preview(revision):
    """The effect of ``revision.revert(delete=True)`` (what the admin's revert does), computed without writing.

    Records the revision names that no longer exist are added back; those that
    exist and differ are changed; records that belong to the reverted records
    now (a role, a session, a photo added later) but are not in the revision
    are deleted: the same walk over registered relations that the revert uses.
    """
    preview = RevertPreview()
    in_revision = set()
    for version in revision.version_set.all():
        model = version._model
        if model is None:
            continue
        current = model._default_manager.filter(pk=version.object_id).first()
        label = model._meta.verbose_name
        if current is None:
            preview.added.append((label, version.object_repr, []))
            continue
        in_revision.add(current)
        fields = changed_fields(version, current)
        if fields:
            preview.changed.append((label, str(current), fields))
    now = set(chain.from_iterable(_follow_relations_recursive(record) for record in in_revision))
    preview.deleted = sorted(((r._meta.verbose_name, str(r), []) for r in now - in_revision), key=lambda item: (str(item[0]), item[1]))
    return preview


def changed_fields(version, current):
    try:
        stored = version.field_dict
    except Exception:  # a version of an older shape of the model
        return []
    names = []
    for model_field in current._meta.concrete_fields:
        if not model_field.editable or model_field.attname not in stored or f"{model_field.attname}_en" in stored:
            continue  # (the last: a translated field's base column, shown through its language columns)
        if str(stored[model_field.attname] or "") != str(getattr(current, model_field.attname) or ""):
            names.append(str(model_field.verbose_name))
    return names
