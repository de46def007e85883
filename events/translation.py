from modeltranslation.translator import TranslationOptions, register

from .models import Conference, Photo, Series


@register(Series)
class SeriesTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Conference)
class ConferenceTranslationOptions(TranslationOptions):
    fields = ("title", "city", "venue", "summary", "body", "participants_note")


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt")
