"""Export an edition's text for translation into one language, and count the words to translate.

``export_translation`` is the one code path behind the command, the
conference page's export and the list action. With ``missing_only`` the
file holds just what a translator has to work on: units without a
translation and units whose translation is outdated.
"""

from dataclasses import dataclass

from django.utils import translation
from translate.tools.pocount import wordcount

from cabmi_portal.languages import translation_languages

from . import files
from .outdated import CURRENT, MISSING, OUTDATED, statuses
from .units import SOURCE, edition_units, load_edition


@dataclass
class Words:
    """Words of English still to translate into one language: new (no translation) and changed (outdated)."""

    new: int = 0
    changed: int = 0
    new_units: int = 0
    changed_units: int = 0

    @property
    def total(self):
        return self.new + self.changed


@dataclass
class Export:
    content: bytes
    filename: str
    content_type: str
    units: int
    words: Words


CONTENT_TYPES = {files.XLIFF: "application/xliff+xml", files.PO: "text/x-gettext-translation"}
SUFFIX = {files.XLIFF: "xlf", files.PO: "po"}


def export_translation(conference, language, *, missing_only=False, format=files.XLIFF):
    edition = load_edition(conference)
    units = edition_units(edition)
    status = statuses(units, language)
    if missing_only:
        units = [unit for unit in units if status[unit.id] != CURRENT]
    with translation.override(SOURCE):
        entries = [
            files.Entry(unit.id, unit.source, unit.target(language), unit.hash, unit.note, outdated=status[unit.id] == OUTDATED)
            for unit in units
        ]
    content = files.write(format, edition.slug, language, entries)
    filename = f"{edition.slug}.{language}.{SUFFIX[format]}"
    return Export(content, filename, CONTENT_TYPES[format], len(entries), count_words(units, status))


def count_words(units, status):
    words = Words()
    for unit in units:
        if status[unit.id] == MISSING:
            words.new += wordcount(unit.source)
            words.new_units += 1
        elif status[unit.id] == OUTDATED:
            words.changed += wordcount(unit.source)
            words.changed_units += 1
    return words


def word_counts(conference, languages=None):
    """{language: Words} for the edition, every language but English unless ``languages`` narrows it."""
    edition = load_edition(conference)
    units = edition_units(edition)
    return {language: count_words(units, statuses(units, language)) for language in languages or translation_languages()}
