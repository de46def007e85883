"""Admin of translators' languages, and the translation pages added to the conference admin.

``ConferenceTranslationMixin`` is all the conference admin takes from here:
the URLs of the export, import and side-by-side pages, the list action, and
links on the conference page and the list.
"""

from django import forms
from django.contrib import admin
from django.template.loader import select_template
from django.urls import path
from django.utils.translation import gettext_lazy as _

from cabmi_portal.languages import translation_languages
from cabmi_portal.permissions import TRANSLATOR

from .access import languages_user_may_translate
from .admin_views import export_for_translation, export_view, import_view, language_name, translate_view, translation_links
from .models import Translator


class ConferenceTranslationMixin:
    change_form_template = "admin/translators/conference_change_form.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("translation/import/", wrap(import_view), name="events_conference_translation_import"),
            path("<int:object_id>/translation/export/", wrap(export_view), name="events_conference_translation_export"),
            path("<int:object_id>/translation/<str:language>/", wrap(translate_view), name="events_conference_translate"),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if languages_user_may_translate(request.user) and request.user.has_perm("events.view_conference"):
            actions["export_for_translation"] = self.get_action(export_for_translation)
        return actions

    def changelist_view(self, request, extra_context=None):
        may_translate = bool(languages_user_may_translate(request.user))
        return super().changelist_view(request, {**(extra_context or {}), "may_import_translation": may_translate})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        meta = self.model._meta
        context["translation_base_template"] = select_template(
            [
                f"admin/{meta.app_label}/{meta.model_name}/change_form.html",
                f"admin/{meta.app_label}/change_form.html",
                "admin/change_form.html",
            ]
        )
        context["translation_links"] = translation_links(obj, request.user)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class TranslatorForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(label=_("languages"), widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Translator
        fields = ("user", "languages")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [(code, language_name(code)) for code in translation_languages()]


@admin.register(Translator)
class TranslatorAdmin(admin.ModelAdmin):
    """Administrators assign each translator's languages; saving puts the user in the Translator group."""

    form = TranslatorForm
    list_display = ("user", "language_list")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)

    @admin.display(description=_("languages"))
    def language_list(self, translator):
        return ", ".join(language_name(code) for code in translator.languages)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from django.contrib.auth.models import Group

        obj.user.groups.add(Group.objects.get(name=TRANSLATOR))
        if not obj.user.is_staff:
            obj.user.is_staff = True
            obj.user.save(update_fields=["is_staff"])
