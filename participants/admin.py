"""Admin of countries, organizations and people: who took part, chosen everywhere by autocomplete."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cabmi_portal.admin import PortalAdmin, in_all_languages

from .models import Country, Organization, Person


@admin.register(Country)
class CountryAdmin(PortalAdmin):
    """Names come from CLDR; staff may correct a translation, but never add or delete a country."""

    list_display = ("code", "name", "name_ru", "name_uz")
    search_fields = ("code", *in_all_languages("name"))
    ordering = ("code",)
    fields = ("code", "name")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Only a superuser, and then the delete page lists what still uses the country.
        return request.user.is_superuser


@admin.register(Organization)
class OrganizationAdmin(PortalAdmin):
    list_display = ("name", "acronym", "kind", "parent", "country", "statement_count")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("parent", "country")
    search_fields = ("slug", "website", *in_all_languages("name", "acronym"))
    autocomplete_fields = ("parent", "country")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "acronym", "slug", "kind", "parent", "country", "website")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_total=Count("statements"))

    @admin.display(description=_("statements"), ordering="statement_total")
    def statement_count(self, organization):
        return organization.statement_total


@admin.register(Person)
class PersonAdmin(PortalAdmin):
    list_display = ("name", "honorific", "slug", "statement_count")
    search_fields = ("slug", *in_all_languages("name"))
    prepopulated_fields = {"slug": ("name",)}
    fields = ("honorific", "name", "slug")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_total=Count("statements"))

    @admin.display(description=_("statements"), ordering="statement_total")
    def statement_count(self, person):
        return person.statement_total
