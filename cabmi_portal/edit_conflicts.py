"""Two tabs on one record: a form saved after someone else changed what it shows is sent back, not saved.

The change form carries a digest of what it showed when it was opened: the
record's fields that are in the form, and the rows of each inline (which
rows there are, and their fields in the form). On saving, the digest is
taken again with the record locked; if it differs, the form is shown again
with the staff member's entries kept, a note of who saved last and when,
and the new digest, so that saving once more replaces the record on
purpose. Fields the form does not show (``updated_at``, a build's state)
never make a conflict.

A form posted without a digest (opened before this check existed, or sent by
a script) is saved as before.
"""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

# The form's own field name; no model of the portal has a field of that name.
FIELD = "edited_from"
CONFLICT = _(
    "Someone saved this record after you opened it, so your changes have not been saved. Your entries are kept below: "
    "open the record in another tab to see what changed, or save this form again to replace it with what you see here."
)


def edited_state(model_admin, request, obj, form):
    """A digest of what ``model_admin``'s change ``form`` shows of ``obj`` now: its fields and its inlines' rows."""
    parts = [shown_rows(type(obj), form, {"pk": obj.pk})]
    for formset, inline in model_admin.get_formsets_with_inlines(request, obj):
        parts.append(shown_rows(formset.model, formset.form, {formset.fk.name: obj}, inline.get_queryset(request)))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def shown_rows(model, form, where, queryset=None):
    """[(pk, value, ...)]: the rows ``where`` selects, with the columns of ``model`` that ``form`` edits, in key order."""
    columns = {field.name for field in model._meta.concrete_fields}
    shown = [name for name in form.base_fields if name in columns]
    queryset = model._default_manager.all() if queryset is None else queryset
    return list(queryset.filter(**where).order_by("pk").values_list("pk", *shown))


def last_saved(obj):
    """"Last saved by ana, Dec. 8, 2026 04:31 UTC." from the record's latest version, or "" when it has none."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is None:
        return ""
    revision = version.revision
    saved = localtime(revision.date_created)
    when = f"{date_format(saved, 'DATE_FORMAT')} {time_format(saved, 'H:i T')}"  # no trailing "a.m." before the full stop
    who = revision.user.get_username() if revision.user else ""
    return _("Last saved by %(user)s, %(when)s.") % {"user": who, "when": when} if who else _("Last saved %(when)s.") % {"when": when}


def with_conflict_check(form_class, model_admin, request, obj):
    """``form_class`` carrying the digest of ``obj`` as shown, and refusing to save over a newer one."""

    class ConflictChecked(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.current_state = edited_state(model_admin, request, obj, form_class)
            self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=self.current_state)

        def clean(self):
            cleaned = super().clean()
            seen = cleaned.get(FIELD)
            if seen and seen != self.current_state:
                # Shown again with the digest of the record as it is now: saving once more is a choice, not an accident.
                self.data = self.data.copy()
                self.data[self.add_prefix(FIELD)] = self.current_state
                raise ValidationError(f"{CONFLICT} {last_saved(obj)}".strip(), code="edit_conflict")
            return cleaned

    ConflictChecked.__name__ = ConflictChecked.__qualname__ = form_class.__name__
    return ConflictChecked
