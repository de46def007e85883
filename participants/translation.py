from modeltranslation.translator import TranslationOptions, register

from .models import Country, Organization, Person


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym")


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "family_name", "honorific")
