from modeltranslation.translator import TranslationOptions, register

from .models import Conference, Participation, Role, Series


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Conference)
class ConferenceTranslationOptions(TranslationOptions):
    fields = ("title", "city", "venue", "summary", "body", "participants_note")


@register(Role)
class RoleTranslationOptions(TranslationOptions):
    fields = ("name_then", "acronym_then")


@register(Participation)
class ParticipationTranslationOptions(TranslationOptions):
    fields = ("name_then", "acronym_then")
