from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cabmi_portal.languages import translation_languages
from events.models import Conference
from translators.exporter import export_translation
from translators.files import XLIFF, format_for


class Command(BaseCommand):
    help = (
        "Writes an edition's translatable text for one language as XLIFF 2 (or PO when the output ends in .po), "
        "and reports the words to translate."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--language", required=True, help=f"the target language: {', '.join(translation_languages())}")
        parser.add_argument("--missing-only", action="store_true", help="only units without a translation or with an outdated one")
        parser.add_argument("--output", help="a file name ending in .xlf, .xliff or .po; standard output (XLIFF) when left out")

    def handle(self, *args, slug, language, missing_only, output, **options):
        conference = Conference.objects.filter(slug=slug).first()
        if conference is None:
            raise CommandError(f"No conference with the slug “{slug}”.")
        if language not in translation_languages():
            raise CommandError(f"“{language}” is not a language to translate into; choose one of {', '.join(translation_languages())}.")
        format = format_for(output) if output else XLIFF
        if output and format is None:
            raise CommandError("The output must end in .xlf, .xliff or .po.")
        export = export_translation(conference, language, missing_only=missing_only, format=format)
        if output:
            Path(output).write_bytes(export.content)
        else:
            self.stdout.write(export.content.decode("utf-8"), ending="")
        words = export.words
        self.stderr.write(
            f"{language}: {export.units} units; {words.total} words to translate "
            f"({words.new} new in {words.new_units} units, {words.changed} changed in {words.changed_units} units)"
            + (f"; wrote {output}" if output else "")
        )
