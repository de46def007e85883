from modeltranslation.translator import TranslationOptions, register

from .models import Photo, Session, Statement


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "location", "description")


@register(Statement)
class StatementTranslationOptions(TranslationOptions):
    fields = ("position", "text")


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "alt")
