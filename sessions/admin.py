"""Admin of the programme: sessions, each with its statements inline."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from cabmi_portal.admin import PortalAdmin, in_all_languages
from cabmi_portal.languages import language_choices
from cabmi_portal.admin_ordering import SORTABLE_STACKED, SortableAdminBase, SortableRows

from .models import Session, Statement

STATEMENT_FIELDS = (("speaker", "position"), ("organization", "country"), ("delivery", "original_language"), "text", "order")


class StatementForm(forms.ModelForm):
    """The original language is picked by name; the code is what is stored, and a stored code the list lacks stays."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("original_language")
        if field is not None:
            stored = [self.initial.get("original_language"), self.data.get(self.add_prefix("original_language"))]
            self.fields["original_language"] = forms.ChoiceField(
                label=field.label,
                required=False,
                choices=language_choices(keep=[code for code in stored if isinstance(code, str)]),
                help_text=field.help_text,
            )


class StatementInline(SortableRows, TranslationStackedInline):
    model = Statement
    form = StatementForm
    template = SORTABLE_STACKED
    extra = 0
    fields = STATEMENT_FIELDS
    autocomplete_fields = ("speaker", "organization", "country")


@admin.register(Session)
class SessionAdmin(SortableAdminBase, PortalAdmin):
    inlines = (StatementInline,)
    list_display = ("title", "conference", "kind", "date", "start_time", "end_time", "statement_count", "order")
    list_filter = ("conference__series", "kind", ("conference", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("conference",)
    search_fields = ("key", *in_all_languages("title", "location"))
    autocomplete_fields = ("conference",)
    ordering = ("conference", "order", "id")
    fields = ("conference", "key", "kind", "title", ("date", "start_time", "end_time"), "location", "description", "order")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_total=Count("statements"))

    def view_on_site(self, session):
        # Sessions are shown on their conference's page, which exists once it is published.
        return session.get_absolute_url() if session.conference.is_published else None

    @admin.display(description=_("statements"), ordering="statement_total")
    def statement_count(self, session):
        return session.statement_total


@admin.register(Statement)
class StatementAdmin(PortalAdmin):
    form = StatementForm
    list_display = ("__str__", "position", "delivery", "session", "order")
    list_filter = ("delivery", "session__conference__series", ("session__conference", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("speaker", "session", "session__conference")
    search_fields = ("speaker__slug", *in_all_languages("position", "text"), *[f"speaker__{name}" for name in in_all_languages("name")])
    autocomplete_fields = ("session", "speaker", "organization", "country")
    fields = ("session", *STATEMENT_FIELDS)
