"""Admin of conferences and their series: where the secretariat keeps the record (a conference's sessions and photos inline)."""

from functools import partial
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models.functions import ExtractYear
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cabmi_portal import completeness
from cabmi_portal.admin import PortalAdmin, in_all_languages
from cabmi_portal.admin_layout import page_parts
from cabmi_portal.admin_ordering import SORTABLE_TABULAR, OrderedRowsFormSet, SortableAdminBase, SortableRows
from cabmi_portal.constraints import constraint_message
from cabmi_portal.languages import language_names, translation_languages
from sessions.admin import RETURN, PhotoInline, SessionInline
from translators.admin import ConferenceTranslationMixin

from . import admin_groups  # noqa: F401  (registers the Group admin)
from .admin_publishing import FROM_CHANGE, publish_conferences, publish_url, publish_view
from .admin_sources import SourceRowsField
from .interchange.admin_actions import export_conferences, import_conference_view
from .models import Conference, Participation, Role, Series
from .proceedings.admin_actions import build_proceedings, proceedings_links
from .proceedings.views import proceedings_admin_download
from .publishing import unpublish
from .queries import conferences_with_everything


class RoleInline(SortableRows, admin.TabularInline):
    model = Role
    template = SORTABLE_TABULAR
    verbose_name_plural = _("Who organized it")
    extra = 0
    fields = ("role", "organization", "country", "order")
    show_change_link = True  # the name then is set on the role's own page: seven languages do not fit a table row
    autocomplete_fields = ("organization", "country")


class ParticipationFormSet(OrderedRowsFormSet):
    """A state or organization takes part once: a second row for it is an error on that row, not a database failure."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            for field in ("organization", "country"):
                party = form.cleaned_data.get(field)
                if party is None:
                    continue
                if (field, party.pk) in seen:
                    form.add_error(field, constraint_message(Participation, f"participation_{field}_once"))
                seen.add((field, party.pk))


class ParticipationInline(SortableRows, admin.TabularInline):
    model = Participation
    template = SORTABLE_TABULAR
    verbose_name_plural = _("Who took part")
    # Folded at first: the longest list on the page, opened from its heading or the links at the top.
    classes = ("collapse",)
    formset = ParticipationFormSet
    extra = 0
    fields = ("role", "organization", "country", "attendance", "order")
    show_change_link = True
    autocomplete_fields = ("organization", "country")


class EditionPartAdmin(PortalAdmin):
    """A role or participation on its own page, reached from its conference: where its organization's name then is kept."""

    autocomplete_fields = ("conference", "organization", "country")

    def get_model_perms(self, request):
        return {}  # edited from the conference page, not listed on the admin's index


@admin.register(Role)
class RoleAdmin(EditionPartAdmin):
    fields = ("conference", "role", "organization", "country", "name_then", "acronym_then", "order")


@admin.register(Participation)
class ParticipationAdmin(EditionPartAdmin):
    fields = ("conference", "role", "organization", "country", "attendance", "name_then", "acronym_then", "order")


# Series -------------------------------------------------------------------


@admin.register(Series)
class SeriesAdmin(PortalAdmin):
    list_display = ("code", "name", "conference_count")
    search_fields = ("code", *in_all_languages("name"))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(conference_total=models.Count("conferences"))

    @admin.display(description=_("conferences"), ordering="conference_total")
    def conference_count(self, series):
        return series.conference_total


# Conferences --------------------------------------------------------------


@admin.action(permissions=["change"], description=_("Unpublish selected conferences (back to draft)"))
def unpublish_conferences(modeladmin, request, queryset):
    count = sum(unpublish(conference, request.user) for conference in queryset)
    modeladmin.message_user(
        request,
        ngettext("Unpublished %(count)d conference.", "Unpublished %(count)d conferences.", count) % {"count": count},
        messages.SUCCESS if count else messages.WARNING,
    )


@admin.action(permissions=["delete"], description=_("Delete selected draft conferences"))
def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, leaving out published conferences for everyone but superusers."""
    if not request.user.is_superuser:
        published = queryset.published()
        if published:
            titles = ", ".join(str(conference) for conference in published)
            message = _("Published conferences cannot be deleted; unpublish them first: %(titles)s.") % {"titles": titles}
            modeladmin.message_user(request, message, messages.ERROR)
            queryset = queryset.exclude(pk__in=[conference.pk for conference in published])
        if not queryset.exists():
            return None
    return django_delete_selected(modeladmin, request, queryset)


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Conference.objects.annotate(year=ExtractYear("start_date")).order_by("-year").values_list("year", flat=True).distinct()
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        return queryset.filter(start_date__year=self.value()) if self.value() else queryset


class IncompleteInFilter(admin.SimpleListFilter):
    title = _("incomplete in")
    parameter_name = "incomplete_in"

    def lookups(self, request, model_admin):
        names = language_names()
        return [(code, names[code]) for code in translation_languages()]

    def queryset(self, request, queryset):
        if self.value() not in translation_languages():
            return queryset
        missing = completeness.missing_count_expression(self.value())
        return queryset.alias(incomplete_missing=missing).filter(incomplete_missing__gt=0)


class ConferenceChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # Counted in the list's own query, so the column costs no query per row.
        return completeness.with_missing_counts(super().get_queryset(request, exclude_parameters))


def proposed_slug(series, edition, title, start_date):
    """The portal's convention for an edition's address: cabmi-16; from the title and year when the number is unknown."""
    if series is not None and edition:
        return f"{slugify(series.code)}-{edition}"
    return slugify(f"{title or ''} {start_date.year if start_date else ''}")[:100]


class ConferenceForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "sources" in self.fields:
            self.fields["sources"] = SourceRowsField(
                label=self.fields["sources"].label,
                required=False,
                help_text=_("Where the record comes from, one source a row. Web addresses start with http:// or https://."),
            )
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Leave empty for the usual address: the series code and the edition number, e.g. cabmi-16.")

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug"):
            data = cleaned
            slug = proposed_slug(data.get("series"), data.get("edition"), data.get("title_en") or data.get("title"), data.get("start_date"))
            if Conference.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("slug", _("“%(slug)s” is already the address of another edition.") % {"slug": slug})
            cleaned["slug"] = slug
            self.instance.slug = slug
        return cleaned


@admin.register(Conference)
class ConferenceAdmin(SortableAdminBase, ConferenceTranslationMixin, PortalAdmin):
    form = ConferenceForm
    change_list_template = "admin/events/conference/change_list.html"
    inlines = (RoleInline, ParticipationInline, SessionInline, PhotoInline)
    list_display = ("title", "start_date", "country", "status_badge", "translations", "public_link")
    list_display_links = ("title",)
    list_filter = ("series", "status", YearFilter, ("country", admin.RelatedOnlyFieldListFilter), IncompleteInFilter)
    list_select_related = ("series", "country")
    search_fields = ("slug", *in_all_languages("title", "city", "venue"))
    date_hierarchy = "start_date"
    ordering = ("-start_date", "id")
    autocomplete_fields = ("country",)
    readonly_fields = ("public_url", "published_at", "proceedings", "programme", "missing_translations", "created_at", "updated_at")
    actions = (publish_conferences, unpublish_conferences, export_conferences, build_proceedings, delete_selected)
    # In reading order: what the edition is; who organized it and who took part (the inlines); the programme;
    # photos; sources. A fieldset's "after-<inline>" class places it after that inline (cabmi_portal/admin_layout.py).
    fieldsets = (
        (_("The edition"), {"fields": ("series", "edition", "title", "slug", "status", "public_url", "published_at")}),
        (_("Dates and place"), {"fields": (("start_date", "end_date"), "city", "venue", "country", "attendance")}),
        (_("Record"), {"fields": ("summary", "body", "participants_count", "participants_note")}),
        (_("Programme and proceedings"), {"classes": ("after-sessions", "after-participations"), "fields": ("programme", "proceedings")}),
        (_("Sources"), {"classes": ("after-photos",), "fields": ("sources",)}),
        (_("Translations"), {"classes": ("collapse", "after-photos"), "fields": ("missing_translations",)}),
        (_("Technical"), {"classes": ("collapse", "after-photos"), "fields": ("extra", "created_at", "updated_at")}),
    )

    class Media:
        js = ("admin-extra/js/page-parts.js",)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["page_parts"] = page_parts(context["adminform"], context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        series = list(Series.objects.all()[:2])
        if len(series) == 1:
            initial.setdefault("series", series[0].pk)
        return initial

    def get_readonly_fields(self, request, obj=None):
        # Extra data is kept for round trips of the interchange format: shown to the Secretariat, edited by administrators.
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else (*readonly, "extra")

    def get_urls(self):
        urls = [
            path("import/", self.admin_site.admin_view(import_conference_view), name="events_conference_import"),
            path("publish/", self.admin_site.admin_view(partial(publish_view, self)), name="events_conference_publish"),
            path(
                "<slug:slug>/proceedings/<str:language>.pdf",
                self.admin_site.admin_view(proceedings_admin_download),
                name="events_conference_proceedings",
            ),
        ]
        return urls + super().get_urls()

    def get_changelist(self, request, **kwargs):
        return ConferenceChangeList

    def has_delete_permission(self, request, obj=None):
        # Published editions are the public record: staff unpublish first, only superusers delete.
        if obj is not None and obj.is_published and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def view_on_site(self, obj):
        # A draft has no public page yet: staff look at its preview, with a "Draft — not public" banner.
        return obj.get_absolute_url() if obj.is_published else reverse("events:conference_preview", kwargs={"slug": obj.slug})

    def has_publish_permission(self, request):
        # Staff who may change conferences; a translator changes their languages' text only.
        return not self.translating(request) and self.has_change_permission(request)

    def save_model(self, request, obj, form, change):
        # The status changes through publish() and unpublish(), as with the actions and the importer;
        # publishing waits for the checklist (response_add / response_change lead there), the other edits are saved now.
        wanted = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial.get("status") or Conference.Status.DRAFT
        super().save_model(request, obj, form, change)
        if wanted == Conference.Status.PUBLISHED and not obj.is_published:
            request.publish_asked = True
            form.changed_data.remove("status")  # the history entry of this save says what it did change
        elif wanted != obj.status:
            unpublish(obj, request.user)

    def response_add(self, request, obj, post_url_continue=None):
        return self.to_publish_checklist(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self.to_publish_checklist(request, obj) or super().response_change(request, obj)

    def to_publish_checklist(self, request, conference):
        if not getattr(request, "publish_asked", False) or "_popup" in request.POST:
            return None
        message = _("The other changes are saved; the conference stays a draft until publishing is confirmed below.")
        self.message_user(request, message, messages.INFO)
        return HttpResponseRedirect(publish_url([conference.pk], FROM_CHANGE))

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, conference):
        return format_html('<span class="status-badge {}">{}</span>', conference.status, conference.get_status_display())

    @admin.display(description=_("missing"))
    def translations(self, conference):
        counts = completeness.missing_counts(conference)
        return format_html(
            '<span class="completeness">{}</span>',
            format_html_join(
                "",
                '<span class="lang {}" title="{}">{}&nbsp;{}</span>',
                (
                    ("complete" if count == 0 else "incomplete", _("%(count)s fields missing") % {"count": count}, code, count)
                    for code, count in counts.items()
                ),
            ),
        )

    @admin.display(description=_("on site"))
    def public_link(self, conference):
        if not conference.is_published:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" title="{}">{}</a>', conference.get_absolute_url(), _("View on site"), _("View")
        )

    @admin.display(description=_("public address"))
    def public_url(self, conference):
        if not conference.pk:
            return _("Shown on the site once published.")
        if not conference.is_published:
            preview = reverse("events:conference_preview", kwargs={"slug": conference.slug})
            note, link = _("Shown on the site once published."), _("Preview the draft")
            return format_html('{} <a href="{}" target="_blank" rel="noopener">{}</a>', note, preview, link)
        url = conference.get_absolute_url()
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, url)

    @admin.display(description=_("proceedings"))
    def proceedings(self, conference):
        return mark_safe(proceedings_links(conference) or "—") if conference.pk else "—"

    @admin.display(description=_("programme"))
    def programme(self, conference):
        # The sessions themselves are in the Sessions table on this page.
        if not conference.pk:
            return _("Add the sessions in the Sessions table below; their statements are added on each session's page.")
        add_url = reverse("admin:programme_session_add") + "?" + urlencode({"conference": conference.pk, RETURN: "conference"})
        note = _("Sessions are listed in the Sessions table below.")
        return format_html('{} <a class="addlink" href="{}">{}</a>', note, add_url, _("Add a session with its statements"))

    @admin.display(description=_("missing translations"))
    def missing_translations(self, conference):
        if not conference.pk:
            return "—"
        edition = conferences_with_everything(Conference.objects.filter(pk=conference.pk)).get()
        names = language_names()
        rows = [
            format_html(
                "<details{}><summary>{} ({}) — {}</summary>{}</details>",
                " open" if fields and len(fields) <= 12 else "",
                names[code],
                code,
                ngettext("%(count)d field missing", "%(count)d fields missing", len(fields)) % {"count": len(fields)},
                format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((f,) for f in fields))) if fields else "",
            )
            for code, fields in completeness.missing_fields(edition).items()
        ]
        return format_html('<div class="missing-fields">{}</div>', mark_safe("".join(rows)))
