"""Take translations back: from an XLIFF or PO file, or from the admin's side-by-side view.

``import_translation`` reads a file and hands its units to
``apply_translations``, which the side-by-side view calls too. Every unit is
checked against the edition as it is now; what passes is written in one
transaction and one history entry, and what does not is refused with a
reason and changes nothing:

- a unit whose English source changed since the export (the hash the file
  carries differs from today's), held for review;
- an id that names no unit of this edition;
- markup or placeholders that differ from the English;
- an empty target.

A file in a language the portal does not have (or English, or a language
the user may not translate), or for an edition that does not exist, is
refused whole. A dry run reports the same without writing.
"""

from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cabmi_portal.languages import portal_language
from events.models import Conference
from participants.models import Organization, Person

from . import files
from .checks import markup_problems
from .outdated import OUTDATED, forget, statuses
from .units import SOURCE, edition_units, load_edition


@dataclass
class Refusal:
    unit: str
    reason: str

    def __str__(self):
        return f"{self.unit}: {self.reason}"


@dataclass
class TranslationReport:
    name: str
    dry_run: bool = False
    problems: list = field(default_factory=list)
    conference: Conference | None = None
    language: str = ""
    applied: list = field(default_factory=list)
    confirmed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    @property
    def language_name(self):
        return language_name(self.language) if self.language else ""

    def summary(self):
        if not self.ok:
            return _("“%(name)s” was not imported.") % {"name": self.name}
        counts = {
            "name": self.name,
            "language": self.language_name,
            "applied": len(self.applied),
            "confirmed": len(self.confirmed),
            "refused": len(self.refused),
        }
        if self.dry_run:
            text = ngettext(
                "“%(name)s” (%(language)s) would apply %(applied)d translation",
                "“%(name)s” (%(language)s) would apply %(applied)d translations",
                counts["applied"],
            )
        else:
            text = ngettext(
                "“%(name)s” (%(language)s): %(applied)d translation applied",
                "“%(name)s” (%(language)s): %(applied)d translations applied",
                counts["applied"],
            )
        return (text % counts) + "; " + (_("%(confirmed)d confirmed, %(refused)d refused.") % counts)


def language_name(code):
    from django.utils.translation import get_language_info

    return str(get_language_info(code)["name_translated"])


def import_translation(name, data, *, user=None, dry_run=False, languages=None):
    """Import a translation file's bytes; ``languages`` limits the languages accepted (a translator's own)."""
    report = TranslationReport(name, dry_run=dry_run)
    try:
        document = files.read(name, data)
    except files.FileProblem as problem:
        report.problems.append(str(problem))
        return report
    language = portal_language(document.language)
    if language is None:
        report.problems.append(_("The file is in “%(language)s”, a language the portal does not have.") % {"language": document.language})
    elif language == SOURCE:
        report.problems.append(_("The file's target language is English, the language translations are made from."))
    elif languages is not None and language not in languages:
        report.problems.append(_("You may not import translations into %(language)s.") % {"language": language_name(language)})
    conference = Conference.objects.filter(slug=document.edition).first()
    if conference is None:
        report.problems.append(_("No conference has the slug “%(slug)s” that the file names.") % {"slug": document.edition})
    if report.problems:
        return report
    comment = _("Translation into %(language)s imported from %(name)s") % {"language": language_name(language), "name": name}
    return apply_translations(conference, language, document.units, user=user, comment=comment, dry_run=dry_run, report=report)


def apply_translations(conference, language, file_units, *, user=None, comment="", dry_run=False, report=None):
    """Check each unit against the edition and write those that pass, in one transaction and one history entry."""
    report = report or TranslationReport(comment, dry_run=dry_run)
    report.conference, report.language = conference, language
    edition = load_edition(conference)
    units = {unit.id: unit for unit in edition_units(edition)}
    status = statuses(list(units.values()), language)
    seen = set()
    for file_unit in file_units:
        reason = refusal(file_unit, units.get(file_unit.id), seen)
        seen.add(file_unit.id)
        if reason:
            report.refused.append(Refusal(file_unit.id, reason))
        elif file_unit.target != units[file_unit.id].target(language):
            report.applied.append(file_unit)
        elif status[file_unit.id] == OUTDATED and not file_unit.fuzzy:
            report.confirmed.append(file_unit)
        else:
            report.unchanged.append(file_unit)
    if not dry_run and (report.applied or report.confirmed):
        write(edition, units, language, report, user, comment)
    return report


def refusal(file_unit, unit, seen):
    """Why a unit cannot be applied, or None."""
    if unit is None:
        return _("no such unit in this edition")
    if file_unit.id in seen:
        return _("the unit appears twice in the file")
    if not file_unit.source_hash:
        return _("the unit carries no hash of its English source; export the edition again")
    if file_unit.source_hash != unit.hash:
        return _("the English source changed since the export; held for review (export again to translate the new text)")
    if file_unit.target is None or not file_unit.target.strip():
        return _("the translation is empty")
    if file_unit.inline_codes:
        return _("its markup differs from the English")
    problems = markup_problems(unit.source, file_unit.target)
    return "; ".join(problems) or None


def write(edition, units, language, report, user, comment):
    changed = {}
    for file_unit in report.applied:
        unit = units[file_unit.id]
        setattr(unit.record, f"{unit.field}_{language}", file_unit.target)
        changed.setdefault(unit.record, []).append(f"{unit.field}_{language}")
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for record, columns in changed.items():
            record.save(update_fields=columns)
        forget([(file_unit.id, language) for file_unit in report.confirmed])
        # The edition's version follows its parts; organizations and people are versioned on their own.
        shared = [record for record in changed if isinstance(record, Organization | Person)]
        for record in [load_edition(edition), *shared]:
            reversion.add_to_revision(record)
