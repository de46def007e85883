"""Which translations are missing, outdated or current, and how an English edit makes them outdated.

A translation is *outdated* when its English source changed after it was
made. Saving a record (the admin, the translation view, an import) is
watched: when a record's English text changes and a language's translation
of it does not, a row remembers the hash of the English it was made from.
The translation stays on the pages (an outdated translation is better than
none) and is flagged in the admin and in the next export, until a translator
changes it or confirms it, which removes the row. An English text changed
back to what was translated makes the translation current again.

Bulk writes send no signals: the interchange importer replaces every
language of a record at once from its document, which is then the record.
"""

from django.db.models.signals import pre_save

from cabmi_portal.languages import translation_languages

from .models import OutdatedTranslation
from .units import KIND_OF_MODEL, SOURCE, source_hash, translated_fields

MISSING = "missing"
OUTDATED = "outdated"
CURRENT = "current"


def connect_signals():
    for model in KIND_OF_MODEL:
        pre_save.connect(flag_outdated_translations, sender=model, dispatch_uid=f"translators-outdated-{model.__name__}")


def flag_outdated_translations(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    fields = translated_fields(sender)
    if update_fields is not None:
        fields = [field for field in fields if any(name.startswith(f"{field}_") for name in update_fields)]
    if not fields:
        return
    columns = [f"{field}_{language}" for field in fields for language in [SOURCE, *translation_languages()]]
    stored = sender._default_manager.filter(pk=instance.pk).values(*columns).first()
    if stored is None:
        return
    kind = KIND_OF_MODEL[sender]
    flagged, settled = [], []
    for field in fields:
        unit = f"{kind}.{instance.pk}.{field}"
        old_source = stored[f"{field}_{SOURCE}"] or ""
        english_changed = old_source != (getattr(instance, f"{field}_{SOURCE}") or "")
        for language in translation_languages():
            old, new = stored[f"{field}_{language}"] or "", getattr(instance, f"{field}_{language}") or ""
            if old != new:
                settled.append((unit, language))
            elif english_changed and new:
                flagged.append(OutdatedTranslation(unit=unit, language=language, source_hash=source_hash(old_source)))
    forget(settled)
    # A translation already flagged keeps the hash of the English it was made from.
    OutdatedTranslation.objects.bulk_create(flagged, ignore_conflicts=True)


def forget(pairs):
    """Remove the outdated flag of these (unit, language) pairs: their translation was changed or confirmed."""
    by_language = {}
    for unit, language in pairs:
        by_language.setdefault(language, []).append(unit)
    for language, units in by_language.items():
        OutdatedTranslation.objects.filter(language=language, unit__in=units).delete()


def outdated_hashes(units, language):
    """{unit id: hash of the English it was translated from} for the units flagged in ``language``."""
    ids = [unit.id for unit in units]
    rows = OutdatedTranslation.objects.filter(language=language, unit__in=ids).values_list("unit", "source_hash")
    return dict(rows)


def statuses(units, language):
    """{unit id: MISSING | OUTDATED | CURRENT} in ``language``, in one query."""
    flagged = outdated_hashes(units, language)
    result = {}
    for unit in units:
        if not unit.target(language):
            result[unit.id] = MISSING
        elif unit.id in flagged and flagged[unit.id] != unit.hash:
            result[unit.id] = OUTDATED
        else:
            result[unit.id] = CURRENT
    return result
