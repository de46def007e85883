"""What a proceedings PDF shows, and the hash that names it.

The hash covers every value the document prints in one language (the
language's own text and the English it falls back to), the template
version and the draft flag. It is computed from the rows already loaded
by conferences_with_everything(), so checking whether a PDF is current
costs a few queries and no rendering.
"""

import functools
import gettext
import hashlib
import json
from pathlib import Path

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator

from cabmi_portal.languages import DEFAULT_LANGUAGE, language_codes
from events.models import Conference
from events.queries import conferences_with_everything

# Raise whenever the templates, the print CSS or the builder change what a
# PDF looks like: every stored PDF then counts as out of date.
TEMPLATE_VERSION = "2026-11-30.13"
# Bookkeeping columns the PDF never prints.
IGNORED_FIELDS = {"created_at", "updated_at", "published_at", "extra"}


def load_conference(slug, *, published_only=True):
    """The edition with everything the PDF shows, or None."""
    queryset = Conference.objects.filter(slug=slug)
    if published_only:
        queryset = queryset.published()
    return conferences_with_everything(queryset).first()


def _translated_names(model, language):
    """(the bare names of translated fields, their columns in languages the PDF does not use)."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return set(), set()
    unused = {f"{name}_{code}" for name in fields for code in language_codes() if code not in (language, DEFAULT_LANGUAGE)}
    return set(fields), unused


def _shown_fields(obj, language):
    """Field values of one record in `language` and English, whatever language is active."""
    # The bare name of a translated field reads the active language: left
    # out, so the hash does not depend on where it is computed.
    bare, unused = _translated_names(type(obj), language)
    values = {}
    for field in obj._meta.concrete_fields:
        name = field.attname
        if name in IGNORED_FIELDS or name in bare or name in unused:
            continue
        value = field.value_from_object(obj)
        values[name] = getattr(value, "name", value)  # files by their storage name
    return values


def _records(conference):
    """Every record the document prints, in document order."""
    yield conference
    yield conference.series
    if conference.country:
        yield conference.country
    for item in [*conference.roles.all(), *conference.participations.all()]:
        yield item
        yield from _party_records(item.organization, item.country)
    for session in conference.sessions.all():
        yield session
        for statement in session.statements.all():
            yield statement
            if statement.speaker:
                yield statement.speaker
            yield from _party_records(statement.organization, statement.country)
    yield from conference.photos.all()


def _party_records(organization, country):
    if organization:
        yield organization
        if organization.parent:
            yield organization.parent
    if country:
        yield country


def catalog_version(language):
    """A digest of what the language's compiled translations say.

    The PDF's headings and labels come from them: compiling changed
    translations makes every PDF in that language out of date without a
    TEMPLATE_VERSION bump. The messages are hashed, not the file's size or
    time, so every server (and every deploy that compiles the same
    catalogs again) agrees on the same version.
    """
    versions = []
    for folder in settings.LOCALE_PATHS:
        path = Path(folder) / language / "LC_MESSAGES" / "django.mo"
        try:
            stat = path.stat()
        except OSError:
            continue
        versions.append(_catalog_digest(str(path), stat.st_size, stat.st_mtime_ns))
    return versions


@functools.lru_cache(maxsize=64)
def _catalog_digest(path, _size, _mtime):
    # Size and time only decide when to read the file again, not what it says.
    with open(path, "rb") as file:
        messages = gettext.GNUTranslations(file)._catalog
    items = sorted((repr(key), value) for key, value in messages.items() if key != "")
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()


def content_hash(conference, language, *, draft=False):
    """Hex SHA-256 of everything the PDF in `language` shows."""
    digest = hashlib.sha256()
    head = {
        "template": TEMPLATE_VERSION, "catalog": catalog_version(language),
        "language": language, "draft": draft, "languages": language_codes(),
    }
    digest.update(json.dumps(head, sort_keys=True).encode())
    for record in _records(conference):
        row = [record._meta.label, _shown_fields(record, language)]
        digest.update(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()
