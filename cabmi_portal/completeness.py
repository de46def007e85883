"""How complete each conference's translations are, per language.

A translated field is *missing* in a language when it has English text (the
source every translation is made from) but nothing in that language. The
count for a conference covers its own fields and those of its sessions and
statements. ``with_missing_counts`` adds the counts to a queryset in the same
single query (the admin list's column and its "Incomplete in" filter use
it); ``missing_fields`` lists the fields themselves for one conference, so
staff know exactly what to send to translators.
"""

from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from modeltranslation.translator import translator

from events.models import Conference
from sessions.models import Session, Statement

from .languages import DEFAULT_LANGUAGE, translation_languages


def translated_fields(model):
    return sorted(translator.get_options_for_model(model).fields)


def _has_text(field, language):
    return Q(**{f"{field}_{language}__isnull": False}) & ~Q(**{f"{field}_{language}": ""})


def _missing(field, language):
    return _has_text(field, DEFAULT_LANGUAGE) & ~_has_text(field, language)


def _count_missing(model, language):
    """An integer expression: how many of ``model``'s translated fields are missing in ``language``."""
    cases = [Case(When(_missing(field, language), then=Value(1)), default=Value(0)) for field in translated_fields(model)]
    total = cases[0]
    for case in cases[1:]:
        total = total + case
    return total


def _children_missing(queryset, conference_path, model, language):
    rows = queryset.filter(**{conference_path: OuterRef("pk")}).order_by().values(conference_path)
    counts = rows.annotate(missing=Sum(_count_missing(model, language), output_field=IntegerField())).values("missing")
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def missing_count_expression(language):
    return (
        _count_missing(Conference, language)
        + _children_missing(Session.objects.all(), "conference", Session, language)
        + _children_missing(Statement.objects.all(), "session__conference", Statement, language)
    )


def with_missing_counts(queryset):
    """Annotate each conference with ``missing_<language>`` for every language but English."""
    return queryset.annotate(**{f"missing_{language}": missing_count_expression(language) for language in translation_languages()})


def missing_counts(conference):
    """{language: count} read from a conference annotated by with_missing_counts."""
    return {language: getattr(conference, f"missing_{language}") for language in translation_languages()}


def _record_missing(label, obj, language):
    return [
        f"{label}: {obj._meta.get_field(field).verbose_name}"
        for field in translated_fields(type(obj))
        if (getattr(obj, f"{field}_{DEFAULT_LANGUAGE}") or "") and not (getattr(obj, f"{field}_{language}") or "")
    ]


def missing_fields(conference):
    """{language: ["Conference: summary", "Session “Opening”: description", ...]} for one edition.

    ``conference`` should come from events.queries.conferences_with_everything,
    so that its sessions and statements are already loaded.
    """
    listing = {}
    for language in translation_languages():
        missing = _record_missing(Conference._meta.verbose_name.capitalize(), conference, language)
        for session in conference.sessions.all():
            missing += _record_missing(f"{Session._meta.verbose_name.capitalize()} “{session.title_en}”", session, language)
            for statement in session.statements.all():
                speaker = statement.speaker.name_en if statement.speaker else session.title_en
                missing += _record_missing(f"{Statement._meta.verbose_name.capitalize()} “{speaker}”", statement, language)
        listing[language] = missing
    return listing
