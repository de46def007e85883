"""Admin of the programme: sessions, each with its statements inline, photos, and the sessions and photos inlines of a conference."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.forms.models import InlineForeignKeyField
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from cabmi_portal.admin import PortalAdmin, in_all_languages
from cabmi_portal.admin_ordering import SORTABLE_STACKED, SORTABLE_TABULAR, OrderedRowsFormSet, SortableAdminBase, SortableRows
from cabmi_portal.languages import DEFAULT_LANGUAGE, language_choices
from events.photos import photo_file_exists, rendition_urls, validate_photo

from .keys import key_from_title
from .models import Photo, Session, Statement

STATEMENT_FIELDS = (("speaker", "position"), ("organization", "country"), ("delivery", "original_language"), "text", "order")
BASE_TITLE = f"title_{DEFAULT_LANGUAGE}"
# ?_return=conference on a session's add or change page: after saving, back to the conference's page.
RETURN = "_return"


def sessions_with_editions():
    """Sessions ready to be named "CABMI 16 — Opening session" without a query each."""
    return Session.objects.select_related("conference__series")


def use_session_picker(db_field, kwargs):
    """Options for a foreign key to a session: each named with its edition, loaded with it."""
    if db_field.name == "session":
        kwargs.setdefault("queryset", sessions_with_editions())
    return kwargs


class SessionForm(forms.ModelForm):
    """The key may be left empty: it is then made from the English title, unique within the conference."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "key" in self.fields:
            self.fields["key"].required = False
            self.fields["key"].help_text = _("Leave empty to make it from the English title, e.g. opening-session.")

    def clean(self):
        cleaned = super().clean()
        # In a conference's sessions table the formset makes the keys, seeing every row.
        in_table = isinstance(self.fields.get("conference"), InlineForeignKeyField)
        conference = cleaned.get("conference")
        if "key" in self.fields and not in_table and not cleaned.get("key") and conference is not None:
            taken = Session.objects.filter(conference=conference).exclude(pk=self.instance.pk).values_list("key", flat=True)
            self.instance.key = cleaned["key"] = key_from_title(cleaned.get(BASE_TITLE), taken)
        return cleaned


class SessionFormSet(OrderedRowsFormSet):
    """Keys left empty in the conference's sessions table are made from titles, unique among the rows and the saved sessions."""

    def clean(self):
        forms_kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        taken = {form.cleaned_data["key"] for form in forms_kept if form.cleaned_data.get("key")}
        if self.instance.pk:
            in_table = [form.instance.pk for form in self.forms if form.instance.pk]
            taken |= set(Session.objects.filter(conference=self.instance).exclude(pk__in=in_table).values_list("key", flat=True))
        for form in forms_kept:
            if "key" in form.fields and not form.cleaned_data.get("key"):
                form.instance.key = form.cleaned_data["key"] = key_from_title(form.cleaned_data.get(BASE_TITLE), taken)
                taken.add(form.instance.key)
        super().clean()


class SessionInline(SortableRows, TranslationTabularInline):
    """The conference's programme on its own page: sessions in order, each with its statements' count and a link."""

    model = Session
    template = SORTABLE_TABULAR
    form = SessionForm
    formset = SessionFormSet
    extra = 0
    fields = ("title", "key", "kind", "date", "start_time", "end_time", "order", "statements_and_link")
    readonly_fields = ("statements_and_link",)
    view_on_site = False  # the conference's own "View on site" covers its programme, draft or published

    def get_queryset(self, request):
        # Each row is labelled with its session's name ("CABMI 16 — Opening"): loaded with it, not a query per row.
        return super().get_queryset(request).select_related("conference__series").annotate(statement_total=Count("statements"))

    @admin.display(description=_("statements"))
    def statements_and_link(self, session):
        """How many statements the session has, and the way to its own page where they are edited."""
        if not session.pk:
            return _("After saving")
        url = reverse("admin:programme_session_change", args=[session.pk]) + "?" + urlencode({RETURN: "conference"})
        return format_html(
            '<strong class="statement-count">{}</strong> <a href="{}" class="changelink">{}</a>',
            session.statement_total,
            url,
            _("edit session and its statements"),
        )


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
    form = SessionForm
    inlines = (StatementInline,)
    list_display = ("title", "conference", "kind", "date", "start_time", "end_time", "statement_count", "order")
    list_filter = ("conference__series", "kind", ("conference", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("conference__series",)
    search_fields = ("key", *in_all_languages("title", "location"), "conference__series__code", "conference__edition__exact")
    autocomplete_fields = ("conference",)
    ordering = ("conference", "order", "id")
    fields = ("conference", "key", "kind", "title", ("date", "start_time", "end_time"), "location", "description", "order")

    def get_queryset(self, request):
        # The conference and series name each session ("CABMI 16 — Opening session"), in lists and pickers alike.
        return super().get_queryset(request).select_related("conference__series").annotate(statement_total=Count("statements"))

    def view_on_site(self, session):
        # Sessions are shown on their conference's page, which exists once it is published.
        return session.get_absolute_url() if session.conference.is_published else None

    @admin.display(description=_("statements"), ordering="statement_total")
    def statement_count(self, session):
        return session.statement_total

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Breadcrumbs lead back to the session's conference.
        context["conference"] = obj.conference if obj is not None else self.conference_asked(request)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def conference_asked(self, request):
        pk = request.GET.get("conference", "")
        conference_model = Session._meta.get_field("conference").related_model
        return conference_model.objects.filter(pk=pk).first() if pk.isdigit() else None

    def response_add(self, request, obj, post_url_continue=None):
        return self.back_to_conference(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self.back_to_conference(request, obj, super().response_change(request, obj))

    def back_to_conference(self, request, session, response):
        """Opened from a conference's page (?_return=conference): saving leads back there, or keeps the way back."""
        if request.GET.get(RETURN) != "conference" or "_popup" in request.POST or not isinstance(response, HttpResponseRedirect):
            return response
        if "_continue" in request.POST or "_addanother" in request.POST or "_saveasnew" in request.POST:
            url, _sep, query = response["Location"].partition("?")
            keep = QueryDict(query, mutable=True)
            keep[RETURN] = "conference"
            if "_addanother" in request.POST:
                keep["conference"] = session.conference_id
            response["Location"] = f"{url}?{keep.urlencode()}"
            return response
        return HttpResponseRedirect(reverse("admin:events_conference_change", args=[session.conference_id]))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "conference":
            kwargs.setdefault("queryset", db_field.related_model.objects.select_related("series"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Statement)
class StatementAdmin(PortalAdmin):
    form = StatementForm
    list_display = ("__str__", "position", "delivery", "session", "order")
    list_filter = ("delivery", "session__conference__series", ("session__conference", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("speaker", "session__conference__series")
    search_fields = ("speaker__slug", *in_all_languages("position", "text"), *[f"speaker__{name}" for name in in_all_languages("name")])
    autocomplete_fields = ("session", "speaker", "organization", "country")
    fields = ("session", *STATEMENT_FIELDS)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **use_session_picker(db_field, kwargs))


# Photos -------------------------------------------------------------------


class PhotoImageField(forms.ImageField):
    """Checks an upload with validate_photo before Django's own image check, for clearer messages."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_photo(upload)
        return super().to_python(data)


PHOTO_FIELDS = {models.ImageField: {"form_class": PhotoImageField}}


def photo_thumbnail(photo):
    if not photo.pk or not photo.image:
        return "—"
    urls = rendition_urls(photo)
    if not photo_file_exists(photo) or not urls:
        # Restored from history after its file was lost: say so rather than fail.
        return format_html('<strong class="errornote photo-missing">{}</strong>', _("missing"))
    return format_html('<img class="photo-thumb" src="{}" alt="">', urls["fallback"])


class PhotoInline(SortableRows, TranslationStackedInline):
    model = Photo
    template = SORTABLE_STACKED
    extra = 0
    fields = ("image", "thumbnail", "caption", "alt", "credit", "session", "order")
    readonly_fields = ("thumbnail",)
    formfield_overrides = PHOTO_FIELDS

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return photo_thumbnail(photo)

    def get_formset(self, request, obj=None, **kwargs):
        # A photo may only belong to a session of its own conference.
        formset = super().get_formset(request, obj, **kwargs)
        if "session" in formset.form.base_fields:
            sessions = sessions_with_editions()
            formset.form.base_fields["session"].queryset = sessions.filter(conference=obj) if obj else sessions.none()
        return formset


@admin.register(Photo)
class PhotoAdmin(PortalAdmin):
    list_display = ("__str__", "thumbnail", "conference", "session", "credit", "order")
    list_filter = ("conference__series", ("conference", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("conference", "session__conference__series")
    search_fields = (*in_all_languages("caption", "alt"), "credit", "image")
    autocomplete_fields = ("conference", "session")
    readonly_fields = ("thumbnail", "width", "height")
    fields = ("conference", "session", "image", "thumbnail", "width", "height", "caption", "alt", "credit", "order")
    formfield_overrides = PHOTO_FIELDS

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return photo_thumbnail(photo)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **use_session_picker(db_field, kwargs))
