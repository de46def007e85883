"""The base of every admin in the portal, and the admin site's names.

``PortalAdmin`` is what every translated model's admin (conferences,
participants, programme) builds on: one tab per language, versions with
django-reversion, and only our own static files.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from translators.admin_access import TranslatorAccessMixin

from .edit_conflicts import with_conflict_check
from .languages import language_codes
from .validators import MAX_JSON_DEPTH
from .versioning import register_versions, revert_preview

# The admin is loaded (by AdminConfig.ready) before our apps are ready, and
# VersionAdmin would otherwise register models itself, following only its
# inlines: register the portal's own choice first.
register_versions()

admin.site.site_header = _("CABMI portal administration")
admin.site.site_title = _("CABMI portal administration")
admin.site.index_title = _("Records of the conference series")

# modeltranslation's tabbed admin loads jQuery UI from a CDN; the admin must
# work offline and load nothing from outside, so a small local implementation
# of the tabs widget takes its place.
TABS_JS = (
    "admin/js/jquery.init.js",
    "modeltranslation/js/force_jquery.js",
    "admin-extra/js/tabs.js",
    "modeltranslation/js/tabbed_translation_fields.js",
    "admin-extra/js/language-switch.js",
    "admin-extra/js/names.js",
)
TABS_CSS = ("modeltranslation/css/tabbed_translation_fields.css", "admin-extra/css/admin.css")


def in_all_languages(*fields):
    """["title_en", "title_ru", ...]: search every language, not only the admin's own."""
    return [f"{field}_{code}" for field in fields for code in language_codes()]


class BoundedJSONField(forms.JSONField):
    """Django's JSON form field, answering JSON nested past what Python can parse with the rule's message, not an error page."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except RecursionError:
            raise ValidationError(
                _("is nested more than %(max)d levels deep"), code="json_too_deep", params={"max": MAX_JSON_DEPTH}
            ) from None

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)


class PortalAdmin(TranslatorAccessMixin, VersionAdmin, TabbedTranslationAdmin):
    """Seven language tabs, a History of versions that can be viewed and restored, local assets only.

    A translator changes only the translated fields of their own languages (translators.admin_access).
    """

    list_per_page = 50
    save_on_top = True
    formfield_overrides = {models.JSONField: {"form_class": BoundedJSONField}}

    class Media:
        # Subclasses merge this (Django's media inheritance), keeping the CDN out of their pages too.
        js = TABS_JS
        css = {"all": TABS_CSS}

    def get_object(self, request, object_id, from_field=None):
        # A save holds the record until it commits, so that the check of what changed since the form was opened holds.
        using = router.db_for_write(self.model)
        if request.method == "POST" and transaction.get_connection(using).in_atomic_block:
            try:
                self.model._default_manager.using(using).select_for_update().filter(pk=unquote(object_id)).values_list("pk").first()
            except (ValueError, ValidationError):
                pass  # not a key: Django's get_object answers that the record does not exist
        return super().get_object(request, object_id, from_field)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # An existing record's form refuses to save over a change made since it was opened (cabmi_portal/edit_conflicts.py).
        form = super().get_form(request, obj, change=change, **kwargs)
        return with_conflict_check(form, self, request, obj) if obj is not None and obj.pk else form

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Shown before anything is reverted: what the revert adds back, changes and deletes, inlines included.
        version = Version.objects.filter(pk=version_id, object_id=unquote(object_id)).select_related("revision").first()
        extra = {"revert_preview": revert_preview(version.revision)} if version and request.method == "GET" else {}
        return super().revision_view(request, object_id, version_id, {**extra, **(extra_context or {})})

    @property
    def media(self):
        media = super().media + forms.Media(js=TABS_JS, css={"all": TABS_CSS})
        js = [item for item in media._js if not is_external(item)]
        css = {medium: [item for item in items if not is_external(item)] for medium, items in media._css.items()}
        return forms.Media(js=js, css=css)


def is_external(asset):
    return "://" in str(asset) or str(asset).startswith("//")
