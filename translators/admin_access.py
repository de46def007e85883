"""What a translator may do in the admin: change the translated fields of their languages, and nothing else.

``TranslatorAccessMixin`` is part of the portal's admin base, so every
translated model's admin (conferences, sessions, statements, photos,
organizations, people) behaves the same way for a member of the Translator
group who is not also staff: the change form saves only their languages'
fields, inlines can be neither added nor removed, no action that changes
records (publish, unpublish, delete) is offered, and history cannot be
reverted. Everyone else sees the admin exactly as before.
"""

from functools import cache

from django.core.exceptions import PermissionDenied

from .access import is_translator, translator_languages
from .units import translated_fields


def translator_columns(model, user):
    """["title_uz", "summary_uz", ...]: the columns of ``model`` the translator may change."""
    return [f"{field}_{language}" for field in translated_fields(model) for language in translator_languages(user)]


def read_only_for_translator(model, user, readonly):
    """Every field of the form but the translator's columns, added to the admin's own read-only fields."""
    # modeltranslation reads an original name ("title") as every language of it, so only columns are listed.
    skip = set(translator_columns(model, user)) | set(translated_fields(model))
    fields = [field.name for field in model._meta.fields if field.editable and not field.primary_key and field.name not in skip]
    return [*readonly, *(name for name in fields if name not in readonly)]


class TranslatorAccessMixin:
    def translating(self, request):
        return is_translator(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if self.translating(request):
            return bool(translator_columns(self.model, request.user))
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return read_only_for_translator(self.model, request.user, readonly) if self.translating(request) else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.translating(request) else super().get_prepopulated_fields(request, obj)

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        return [translator_inline(inline) for inline in inlines] if self.translating(request) else inlines

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.translating(request):
            return actions
        # Only actions that need no more than the right to view (exports, PDF previews).
        return {name: action for name, action in actions.items() if set(getattr(action[0], "allowed_permissions", ())) <= {"view"}}

    def save_form(self, request, form, change):
        # The read-only fields keep a translator's form to their columns; this holds even if a subclass forgets them.
        if self.translating(request) and not set(form.changed_data) <= set(translator_columns(self.model, request.user)):
            raise PermissionDenied
        return super().save_form(request, form, change)

    def save_formset(self, request, form, formset, change):
        if self.translating(request):
            allowed = set(translator_columns(formset.model, request.user))
            if any(not set(inline_form.changed_data) <= allowed for inline_form in formset.forms):
                raise PermissionDenied
        return super().save_formset(request, form, formset, change)

    def revision_view(self, request, *args, **kwargs):
        if self.translating(request):
            raise PermissionDenied
        return super().revision_view(request, *args, **kwargs)

    def recover_view(self, request, *args, **kwargs):
        if self.translating(request):
            raise PermissionDenied
        return super().recover_view(request, *args, **kwargs)


class UnorderedRows:
    """A sortable inline's formset as a translator gets it: the rows' order is not theirs to change, so it is left out."""

    def __init__(self, *args, default_order_field=None, default_order_direction=None, **kwargs):
        super().__init__(*args, **kwargs)


class TranslatorInlineMixin:
    def translating(self, request):
        return is_translator(request.user, self.parent_model)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if self.translating(request) and hasattr(formset, "get_max_order"):
            return type(formset.__name__, (UnorderedRows, formset), {})
        return formset

    def has_add_permission(self, request, obj=None):
        return False if self.translating(request) else super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False if self.translating(request) else super().has_delete_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if self.translating(request):
            return bool(translator_columns(self.model, request.user))
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return read_only_for_translator(self.model, request.user, readonly) if self.translating(request) else readonly


@cache
def translator_inline(inline):
    """The inline class as a translator gets it (made once per inline class)."""
    return type(inline.__name__, (TranslatorInlineMixin, inline), {"__module__": inline.__module__})
