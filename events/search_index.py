"""The search index: one SearchEntry per searchable record and language, kept up to date with the records.

Search reads these entries instead of computing text vectors over every
row on every query. A record's entry in a language holds its own text in
that language (English where it has none), weighted above the names it
mentions in every recorded language and their sound keys
(cabmi_portal.names): a match in the page's language ranks first, and a
name typed in another script still finds its record.

Saving or deleting a record re-indexes it and the records that name it
(signals below); bulk writes, such as the importer's, call
index_conference() themselves.
"""

from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from cabmi_portal.languages import DEFAULT_LANGUAGE as DEFAULT
from cabmi_portal.languages import language_codes
from cabmi_portal.names import fold, sound_keys

LANGUAGES = language_codes()
POSTGRES_CONFIGS = {"en": "english", "ru": "russian"}


def in_language(record, name, language):
    if record is None:
        return ""
    return getattr(record, f"{name}_{language}", None) or getattr(record, f"{name}_{DEFAULT}", None) or ""


def in_every_language(record, *names):
    if record is None:
        return []
    return list(dict.fromkeys(value for name in names for code in LANGUAGES if (value := getattr(record, f"{name}_{code}", None))))


def edition_parts(conference, language):
    names = [*in_every_language(conference, "city", "venue"), *in_every_language(conference.country, "name"),
             conference.series.code, *in_every_language(conference.series, "name")]
    return (in_language(conference, "title", language),
            " ".join([in_language(conference, "summary", language), in_language(conference, "body", language)]), names)


def session_parts(session, language):
    return (in_language(session, "title", language), in_language(session, "description", language),
            in_every_language(session, "location"))


def statement_parts(statement, language):
    names = [*in_every_language(statement.speaker, "name"), *in_every_language(statement.organization, "name", "acronym"),
             *in_every_language(statement.country, "name")]
    return in_language(statement, "text", language), in_language(statement, "position", language), names


def person_parts(person, language):
    return in_language(person, "name", language), "", in_every_language(person, "name")


def organization_parts(organization, language):
    return (in_language(organization, "name", language), in_language(organization, "acronym", language),
            [*in_every_language(organization, "name", "acronym"), *in_every_language(organization.country, "name")])


# kind: (model label, related records to load with it, its parts in a language)
KINDS = {
    "editions": ("events.Conference", ("series", "country"), edition_parts),
    "sessions": ("programme.Session", (), session_parts),
    "statements": ("programme.Statement", ("speaker", "organization", "country"), statement_parts),
    "people": ("participants.Person", (), person_parts),
    "organizations": ("participants.Organization", ("country",), organization_parts),
}


def model_of(kind):
    return apps.get_model(KINDS[kind][0])


def entries_for(kind, record):
    SearchEntry = apps.get_model("events", "SearchEntry")
    parts = KINDS[kind][2]
    for language in LANGUAGES:
        title, body, names = parts(record, language)
        names = " ".join(names)
        # Spaces around the keys let SQLite match whole keys with LIKE.
        yield SearchEntry(kind=kind, object_id=record.pk, language=language, title=title, body=body, names=fold(names),
                          keys=f" {sound_keys(names)} ", document=fold(f"{title} {body}"))


def index(kind, ids):
    """(Re)write the entries of the kind's records with these ids; entries of records gone are removed."""
    SearchEntry = apps.get_model("events", "SearchEntry")
    ids = list(ids)
    if not ids:
        return
    records = model_of(kind).objects.filter(pk__in=ids).select_related(*KINDS[kind][1])
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
        SearchEntry.objects.bulk_create([entry for record in records for entry in entries_for(kind, record)], batch_size=500)
        if connection.vendor == "postgresql":
            update_vectors(SearchEntry.objects.filter(kind=kind, object_id__in=ids))


def update_vectors(entries):
    """Each entry's vector: its own text stemmed in its language, the names and keys as written (one UPDATE)."""
    from django.contrib.postgres.search import SearchVector, SearchVectorField
    from django.db.models import Case, When

    def vector(config):
        return (SearchVector("title", weight="A", config=config) + SearchVector("body", weight="B", config=config)
                + SearchVector("names", weight="C", config="simple") + SearchVector("keys", weight="D", config="simple"))

    by_language = [When(language=language, then=vector(POSTGRES_CONFIGS.get(language, "simple"))) for language in LANGUAGES]
    entries.update(vector=Case(*by_language, output_field=SearchVectorField()))


def index_all():
    """Every record's entries rewritten, and the entries of records no longer there removed."""
    SearchEntry = apps.get_model("events", "SearchEntry")
    for kind in KINDS:
        with transaction.atomic():
            ids = list(model_of(kind).objects.values_list("pk", flat=True))
            SearchEntry.objects.filter(kind=kind).exclude(object_id__in=ids).delete()
            index(kind, ids)


def index_conference(conference):
    """The edition, its sessions and statements, and the people and organizations they name."""
    Statement = apps.get_model("programme", "Statement")
    statements = Statement.objects.filter(session__conference=conference)
    index("editions", [conference.pk])
    index("sessions", conference.sessions.values_list("pk", flat=True))
    index("statements", statements.values_list("pk", flat=True))
    index("people", statements.exclude(speaker=None).values_list("speaker", flat=True).distinct())
    organizations = {*conference.roles.values_list("organization", flat=True),
                     *conference.participations.values_list("organization", flat=True),
                     *statements.values_list("organization", flat=True)}
    index("organizations", organizations - {None})


def forget(kind, ids):
    apps.get_model("events", "SearchEntry").objects.filter(kind=kind, object_id__in=list(ids)).delete()


def record_saved(sender, instance, **kwargs):
    for kind, ids in affected_by(instance):
        index(kind, ids)


def record_deleted(sender, instance, **kwargs):
    for kind, (label, _related, _parts) in KINDS.items():
        if sender._meta.label == label:
            forget(kind, [instance.pk])


def affected_by(instance):
    """[(kind, ids)] whose entries show something of instance."""
    label = instance._meta.label
    Statement = apps.get_model("programme", "Statement")
    affected = [(kind, [instance.pk]) for kind, (model_label, _related, _parts) in KINDS.items() if model_label == label]
    if label == "participants.Person":
        affected.append(("statements", Statement.objects.filter(speaker=instance).values_list("pk", flat=True)))
    elif label == "participants.Organization":
        affected.append(("statements", Statement.objects.filter(organization=instance).values_list("pk", flat=True)))
    elif label == "participants.Country":
        affected += [("statements", Statement.objects.filter(country=instance).values_list("pk", flat=True)),
                     ("editions", instance.hosted_conferences.values_list("pk", flat=True)),
                     ("organizations", instance.organizations.values_list("pk", flat=True))]
    elif label == "events.Series":
        affected.append(("editions", instance.conferences.values_list("pk", flat=True)))
    return affected


WATCHED = ("events.Conference", "events.Series", "programme.Session", "programme.Statement",
           "participants.Person", "participants.Organization", "participants.Country")


def connect_signals():
    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(record_saved, sender=model, dispatch_uid=f"search-index-save-{label}")
        post_delete.connect(record_deleted, sender=model, dispatch_uid=f"search-index-delete-{label}")
